package org.relulab.training.metrics;

import org.relulab.core.Matrix;

/**
 * The adapter between relulab's fp32 matrices and the metrics, which compute in double on plain arrays:
 * {@code rows[i][j]} is row i, column j. Copies; the metrics never hold on to a {@link Matrix}.
 */
public final class DoubleRows {
    private DoubleRows() {}

    /** The logical elements of {@code m} (any layout), as rows × cols doubles. */
    public static double[][] of(Matrix m) {
        return of(m.toArray(), m.rows(), m.cols());
    }

    /** A row-major float array of {@code rows × cols} elements, as rows × cols doubles. */
    public static double[][] of(float[] data, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("array of length " + data.length + " for a " + rows + "x" + cols
                    + " matrix: expected length " + ((long) rows * cols));
        }
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[i][j] = data[i * cols + j];
        }
        return out;
    }

    /** Checks that {@code rows} is a non-null rectangular array of finite values with {@code cols} columns. */
    static void checkRectangular(String what, double[][] rows, int cols) {
        if (rows == null) throw new IllegalArgumentException(what + " is null");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new IllegalArgumentException(what + " row " + i + " has "
                        + (rows[i] == null ? "no array" : rows[i].length + " columns") + ": expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(
                            what + "[" + i + "][" + j + "] = " + rows[i][j] + ": expected a finite value");
                }
            }
        }
    }

    /** uᵀv. */
    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) s += u[i] * v[i];
        return s;
    }

    /** c·u, a new array. */
    static double[] scaled(double[] u, double c) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) out[i] = u[i] * c;
        return out;
    }
}
