package org.relulab.training.teacher;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;

/**
 * What the one-hidden-layer teachers (LMZ20's abs, ZYWG19's relu, AS21's signed relu) share: f*(x) = σ(W*x)·a
 * with W* (K × d) and a (1 × K) in a caller's workspace, labelled in one pass by {@link TeacherLabels}. A
 * subclass chooses W*, a and σ, and what it is judged by.
 */
abstract class OneHiddenLayerTeacher implements Teacher {
    private final Matrix w, a;
    private final Activation activation;
    private final String description;

    OneHiddenLayerTeacher(Matrix w, Matrix a, Activation activation, String description) {
        this.w = w;
        this.a = a;
        this.activation = activation;
        this.description = description;
    }

    @Override
    public final int inputDim() { return w.cols(); }

    /** The teacher's neurons w*_j, one a row (K × d). */
    @Override
    public final Matrix weights() { return w; }

    /** The output weights a_j (1 × K). */
    @Override
    public Matrix outputWeights() { return a; }

    /** Noiseless labels y = σ(x·W*ᵀ)·a. */
    @Override
    public void label(Kernels k, Matrix x, Matrix y, long noiseSeed) {
        labelAdding(k, x, y, 0f);
    }

    /** y = σ(x·W*ᵀ)·a + β·y, in one pass. */
    final void labelAdding(Kernels k, Matrix x, Matrix y, float beta) {
        TeacherLabels.oneHiddenLayer(k, x, w, activation, a, beta, y);
    }

    @Override
    public final String describe() { return description; }

    /** Refuses an input dimension below 1 or a spread κ below 1 (or NaN); returns d. */
    static int checked(int d, double kappa) {
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1");
        if (!(kappa >= 1)) throw new IllegalArgumentException("kappa = " + kappa + ": expected at least 1");
        return d;
    }
}
