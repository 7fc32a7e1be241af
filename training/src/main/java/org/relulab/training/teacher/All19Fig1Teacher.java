package org.relulab.training.teacher;

import java.nio.file.Path;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * The target of ALL19's Fig. 1: F*(x) = (sin 3x₁ + sin 3x₂ + sin 3x₃ − 2)² · cos 7x₄ on x ∈ ℝ⁴ (the paper draws
 * x Gaussian and normalizes it to the unit sphere: {@link org.relulab.training.data.InputDistribution#SPHERE}).
 * Noiseless labels.
 */
public final class All19Fig1Teacher extends PointwiseTeacher {
    /** @param ws owner of {@link #weights()}: the directions F* reads, x₁ … x₄ (the identity, 4 × 4) */
    public All19Fig1Teacher(Workspace ws) {
        super(4, identity(ws.matrix(4, 4)));
    }

    private static Matrix identity(Matrix m) {
        for (int i = 0; i < m.rows(); i++) m.set(i, i, 1f);
        return m;
    }

    @Override
    public double value(double[] x) {
        double s = Math.sin(3 * x[0]) + Math.sin(3 * x[1]) + Math.sin(3 * x[2]) - 2;
        return s * s * Math.cos(7 * x[3]);
    }

    /** None to save: F* has no neurons, and its identity {@link #weights()} are no parameters of it. */
    @Override
    public void saveWeights(Path dir) {}

    @Override
    public String describe() { return "ALL19 Fig. 1 target F*(x) = (sin 3x1 + sin 3x2 + sin 3x3 - 2)^2 cos 7x4, d=4"; }
}
