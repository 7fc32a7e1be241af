package org.relulab.training.baseline;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * Random features at a finite width M: φ(x) = (ReLU(w_rᵀx))_{r ≤ M} with w_r ~ N(0, I/d) drawn once, and the
 * kernel k_M(x, x′) = (1/M)·φ(x)ᵀφ(x′). Kernel ridge regression with k_M is ridge regression of the output
 * layer of a two-layer ReLU network whose first layer stays at its initialization (the last layer alone
 * trained, docs/papers.md's finite-width "NTK regime" learner). As M grows, k_M tends to κ₁ ({@link ArcCosineKernel}
 * of degree 1, same 1/d scaling), entry by entry with an error of order 1/√M. The Gram matrix has rank at most
 * M, so for n > M points its ridgeless limit is the smallest λ of the sweep that still factors.
 */
public final class RandomFeatureKernel implements GramKernel, AutoCloseable {
    /** Owns the first-layer weights W (M × d) from construction to {@link #close()}. */
    private final Workspace ws;
    private final Matrix w;
    private final int features;

    /** M = {@code features} ReLU features of d-dimensional inputs, W drawn from {@code seed}. */
    public RandomFeatureKernel(Kernels k, int d, int features, long seed) {
        if (d < 1 || features < 1) {
            throw new IllegalArgumentException(
                    "RandomFeatureKernel: d = " + d + ", " + features + " features (expected at least 1 of each)");
        }
        requireFeatureMemory(features, d);
        this.features = features;
        ws = Workspace.shared();
        w = ws.matrix(features, d);
        k.gaussianFill(w, seed, 0f, (float) Math.sqrt(1.0 / d));
    }

    /** M, the number of random features. */
    public int features() { return features; }

    @Override
    public String describe() {
        return "random ReLU features, width " + features + " (last layer trained), w ~ N(0, I/d)";
    }

    @Override
    public void trainGram(Kernels k, Matrix x, Matrix out) {
        checkInputs("trainGram", x);
        requireFeatureMemory(x.rows(), features);
        // Temporary: the n × M features, freed when the call returns.
        try (Workspace tmp = Workspace.shared()) {
            Matrix phi = features(k, tmp, x);
            k.gemm(false, true, 1f / features, phi, phi, 0f, out);
        }
    }

    @Override
    public void crossGram(Kernels k, Matrix a, Matrix b, Matrix out) {
        checkInputs("crossGram", a);
        checkInputs("crossGram", b);
        requireFeatureMemory(a.rows() + b.rows(), features);
        // Temporary: the (m + n) × M features, freed when the call returns.
        try (Workspace tmp = Workspace.shared()) {
            k.gemm(false, true, 1f / features, features(k, tmp, a), features(k, tmp, b), 0f, out);
        }
    }

    /** φ(x) = ReLU(x·Wᵀ), one row per input, in {@code tmp}. */
    private Matrix features(Kernels k, Workspace tmp, Matrix x) {
        Matrix phi = tmp.matrix(x.rows(), features);
        k.gemm(false, true, 1f, x, w, 0f, phi, Activation.RELU, phi); // H = C: phi ends as ReLU(x·Wᵀ)
        return phi;
    }

    private void checkInputs(String op, Matrix x) {
        if (x.cols() != w.cols()) {
            throw new IllegalArgumentException("RandomFeatureKernel." + op + ": inputs are " + x.shape()
                    + " (expected d = " + w.cols() + " columns)");
        }
    }

    private static void requireFeatureMemory(int rows, int features) {
        long bytes = MemoryBudget.matrixBytes(rows, features);
        MemoryBudget.require(
                "RandomFeatureKernel: " + rows + " x " + features + " features need " + MemoryBudget.gb(bytes), bytes,
                MemoryBudget.physicalBytes());
    }

    @Override
    public void close() {
        ws.close();
    }
}
