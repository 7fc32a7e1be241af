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
    private final double noise;
    private final String description;

    /** A noiseless teacher. */
    OneHiddenLayerTeacher(Matrix w, Matrix a, Activation activation, String description) {
        this(w, a, activation, 0, description);
    }

    /** A teacher whose labels carry Gaussian noise of standard deviation {@code noise} (ν ≥ 0). */
    OneHiddenLayerTeacher(Matrix w, Matrix a, Activation activation, double noise, String description) {
        if (!(noise >= 0)) throw new IllegalArgumentException("noise = " + noise + ": expected at least 0");
        this.w = w;
        this.a = a;
        this.activation = activation;
        this.noise = noise;
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

    /** The label noise ν: labels are f*(x) + ν·ξ, ξ ~ N(0, 1). */
    public final double noise() { return noise; }

    /** y = σ(x·W*ᵀ)·a + ν·ξ, ξ ~ N(0, 1) from {@code noiseSeed} (no draw when ν = 0). */
    @Override
    public final void label(Kernels k, Matrix x, Matrix y, long noiseSeed) {
        if (noise > 0) k.gaussianFill(y, noiseSeed, 0f, (float) noise);
        TeacherLabels.oneHiddenLayer(k, x, w, activation, a, noise > 0 ? 1f : 0f, y);
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
