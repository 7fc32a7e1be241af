package org.relulab.training.linalg;

import java.util.SplittableRandom;

/** Random orthonormal matrices for teachers: Gram–Schmidt (twice, for accuracy) on Gaussian columns, in double. */
public final class Orthogonal {
    private Orthogonal() {}

    /**
     * A rows × cols matrix (rows ≥ cols) with orthonormal columns, Haar-distributed up to the signs Gram–Schmidt
     * fixes, as {@code q[row][col]}; the same for the same seed.
     */
    public static double[][] columns(int rows, int cols, long seed) {
        if (cols > rows)
            throw new IllegalArgumentException(
                    "orthonormal columns: " + cols + " columns need at least as many rows, got " + rows);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) v[i] = gaussian(rnd);
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < rows; i++) dot += q[i][k] * v[i];
                    for (int i = 0; i < rows; i++) v[i] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) q[i][j] = v[i] / norm;
        }
        return q;
    }

    /** A standard normal by Box–Muller (one of the pair). */
    public static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
