package org.relulab.training.teacher;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * A noiseless teacher whose f*(x) is evaluated row by row in double: labelling runs once per data set, so
 * plain loops serve. Also the random draws ALL19's concept classes share.
 */
abstract class PointwiseTeacher implements Teacher {
    private final int d;
    private final Matrix weights;

    /** A teacher on ℝ^d whose {@link #weights()} are {@code weights}. */
    PointwiseTeacher(int d, Matrix weights) {
        this.d = d;
        this.weights = weights;
    }

    @Override
    public final int inputDim() { return d; }

    @Override
    public final Matrix weights() { return weights; }

    /** f*(x) for one input of length {@link #inputDim()}, in double. */
    public abstract double value(double[] x);

    /** y_j = f*(x_j) for each row of x; ALL19's labels carry no noise, so {@code noiseSeed} is unused. */
    @Override
    public void label(Kernels k, Matrix x, Matrix y, long noiseSeed) {
        if (x.cols() != inputDim() || y.rows() != x.rows() || y.cols() != 1) {
            throw new IllegalArgumentException("label: x is " + x.shape() + ", y is " + y.shape() + " (expected n x "
                    + inputDim() + " and n x 1)");
        }
        double[] row = new double[x.cols()];
        for (int j = 0; j < x.rows(); j++) {
            for (int i = 0; i < row.length; i++) row[i] = x.get(j, i);
            y.set(j, 0, (float) value(row));
        }
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += w[i] * x[i];
        return s;
    }

    /** {@code count} rows drawn uniformly from the unit sphere of ℝ^dim (normalized Gaussians). */
    static double[][] unitRows(SplittableRandom rnd, int count, int dim) {
        double[][] rows = new double[count][dim];
        for (double[] r : rows) {
            double norm;
            do {
                for (int i = 0; i < dim; i++) r[i] = rnd.nextGaussian();
                norm = Math.sqrt(dot(r, r));
            } while (norm == 0);
            for (int i = 0; i < dim; i++) r[i] /= norm;
        }
        return rows;
    }

    /** {@code count} values uniform in [−1, 1]: ALL19's a*_i. */
    static double[] uniformSigned(SplittableRandom rnd, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = rnd.nextDouble(-1, 1);
        return v;
    }

    /** {@code count} activations drawn uniformly from {@link SmoothFunction}. */
    static SmoothFunction[] smoothFunctions(SplittableRandom rnd, int count) {
        SmoothFunction[] all = SmoothFunction.values(), f = new SmoothFunction[count];
        for (int i = 0; i < count; i++) f[i] = all[rnd.nextInt(all.length)];
        return f;
    }

    static String formulas(SmoothFunction[] f) {
        return Arrays.stream(f).map(SmoothFunction::formula).toList().toString();
    }

    /** Checks that {@code rows} holds {@code count} rows of length {@code dim}. */
    static void checkShape(String name, double[][] rows, int count, int dim) {
        if (rows.length != count)
            throw new IllegalArgumentException(name + " has " + rows.length + " rows: expected " + count);
        for (int i = 0; i < count; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] has length " + rows[i].length + ": expected " + dim);
            }
        }
    }

    /** Copies rows (count × dim) into a workspace matrix, for {@link Teacher#weights()}. */
    static Matrix toMatrix(Workspace ws, double[][] rows, int dim) {
        Matrix m = ws.matrix(rows.length, dim);
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < dim; j++) m.set(i, j, (float) rows[i][j]);
        return m;
    }
}
