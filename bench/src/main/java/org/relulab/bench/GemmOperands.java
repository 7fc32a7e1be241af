package org.relulab.bench;

import java.util.Random;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * A, B, C and H = ReLU(C) of one {@link GemmShape}, with A and B Gaussian-filled, and a check of C and H
 * against a float64 reference on sampled elements. Owns its memory: one shared workspace (the GEMM's worker
 * threads read it), opened in a trial's setup and closed in its teardown.
 */
final class GemmOperands implements AutoCloseable {
    /** Elements of C checked besides the four corners. */
    private static final int SAMPLES = 12;
    private static final double EPS = Math.ulp(1f);

    final GemmShape shape;
    final Matrix a, b, c, h;
    private final Workspace workspace;

    GemmOperands(GemmShape shape, Kernels kernels) {
        this.shape = shape;
        workspace = Workspace.shared();
        a = workspace.matrix(shape.aRows(), shape.aCols());
        b = workspace.matrix(shape.bRows(), shape.bCols());
        c = workspace.matrix(shape.m, shape.n);
        h = workspace.matrix(shape.m, shape.n);
        kernels.gaussianFill(a, 1, 0f, 1f);
        kernels.gaussianFill(b, 2, 0f, 1f);
    }

    /** C = op(A)·op(B). */
    void multiply(Kernels kernels) {
        kernels.gemm(shape.transA, shape.transB, 1f, a, b, 0f, c);
    }

    /** C = op(A)·op(B) and H = ReLU(C) in one pass (the fused epilogue). */
    void multiplyRelu(Kernels kernels) {
        kernels.gemm(shape.transA, shape.transB, 1f, a, b, 0f, c, Activation.RELU, h);
    }

    /** H = ReLU(op(A)·op(B)), the activation applied in place: C is not written. */
    void multiplyReluInPlace(Kernels kernels) {
        kernels.gemm(shape.transA, shape.transB, 1f, a, b, 0f, h, Activation.RELU, h);
    }

    /** Clears C and H, so that a check sees only what the next call writes. */
    void clearOutputs() {
        c.fill(Float.NaN);
        h.fill(Float.NaN);
    }

    /**
     * Throws unless sampled elements of C match a float64 op(A)·op(B) within (k + 4)·ε·Σ|a·b|, and, when
     * {@code withRelu}, H equals max(C, 0) there.
     */
    void check(String what, boolean withRelu) {
        Matrix opA = shape.transA ? a.t() : a, opB = shape.transB ? b.t() : b;
        Random rnd = new Random(7);
        int[][] at = new int[4 + SAMPLES][];
        at[0] = new int[] {0, 0};
        at[1] = new int[] {0, shape.n - 1};
        at[2] = new int[] {shape.m - 1, 0};
        at[3] = new int[] {shape.m - 1, shape.n - 1};
        for (int s = 4; s < at.length; s++) at[s] = new int[] {rnd.nextInt(shape.m), rnd.nextInt(shape.n)};
        for (int[] ij : at) {
            int i = ij[0], j = ij[1];
            double want = 0, magnitude = 0;
            for (int p = 0; p < shape.k; p++) {
                double t = (double) opA.get(i, p) * opB.get(p, j);
                want += t;
                magnitude += Math.abs(t);
            }
            double tol = (shape.k + 4) * EPS * magnitude;
            float got = c.get(i, j);
            if (!(Math.abs(got - want) <= tol)) {
                throw new IllegalStateException(what + " " + shape + ": C(" + i + ", " + j + ") = " + got
                        + ", expected " + want + " ± " + tol);
            }
            if (withRelu && h.get(i, j) != Math.max(got, 0f)) {
                throw new IllegalStateException(what + " " + shape + ": H(" + i + ", " + j + ") = " + h.get(i, j)
                        + ", expected max(C, 0) = " + Math.max(got, 0f));
            }
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
