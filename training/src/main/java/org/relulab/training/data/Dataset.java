package org.relulab.training.data;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.teacher.Teacher;

/** Inputs x (n × d, rows are samples) and labels y (n × 1), in memory owned by a {@link Workspace}. */
public record Dataset(Matrix x, Matrix y) {
    public Dataset {
        if (x.rows() != y.rows() || y.cols() != 1) {
            throw new IllegalArgumentException("data set: x is " + x.shape() + " and y is " + y.shape()
                    + " (expected y to be n x 1 with the n of x)");
        }
    }

    /** n samples x ~ N(0, I_d) drawn from {@code seed}, labelled by {@code teacher} (its noise from seed + 1). */
    public static Dataset generate(Workspace ws, Kernels k, Teacher teacher, int n, long seed) {
        return generate(ws, k, teacher, n, seed, InputDistribution.GAUSSIAN);
    }

    /**
     * n samples x from {@code inputs} drawn from {@code seed}, labelled by {@code teacher} (its noise from seed + 1).
     */
    public static Dataset generate(Workspace ws, Kernels k, Teacher teacher, int n, long seed,
            InputDistribution inputs) {
        if (n < 1) throw new IllegalArgumentException("n = " + n + ": expected at least 1 sample");
        Matrix x = ws.matrix(n, teacher.inputDim()), y = ws.column(n);
        inputs.fill(k, x, seed);
        teacher.label(k, x, y, seed + 1);
        return new Dataset(x, y);
    }

    public int size() { return x.rows(); }

    public int dim() { return x.cols(); }
}
