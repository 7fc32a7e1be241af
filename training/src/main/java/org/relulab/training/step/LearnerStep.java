package org.relulab.training.step;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.training.student.Learner;

/**
 * Forward and backward passes of a {@link Learner} on batches of up to a fixed number of rows, every buffer
 * allocated once at construction; calls allocate nothing. Objective J = (1/(2n)) Σ (F(x_j) − y_j)².
 */
public interface LearnerStep {
    /**
     * Forward pass on x (n × d) with labels y (n × 1): keeps the residual for {@link #backward}; returns the MSE (2J).
     */
    double forward(Kernels k, Matrix x, Matrix y);

    /** The gradient of J at the last {@link #forward} into {@link #gradient}(i) for every trained block. */
    void backward(Kernels k, Matrix x);

    /** Predictions F(x) for x (n × d) into out (n × 1). */
    void predict(Kernels k, Matrix x, Matrix out);

    /** The gradient of J for the learner's block i, same shape. */
    Matrix gradient(int i);

    /** Refuses a backward pass on other rows than the last forward's {@code forwardRows}. */
    static void requireForwardRows(Matrix x, int forwardRows) {
        if (x.rows() != forwardRows) {
            throw new IllegalArgumentException(
                    "backward on " + x.rows() + " rows, expected the " + forwardRows + " of the last forward");
        }
    }
}
