package org.relulab.bench;

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
        int[][] at = ProductCheck.check(what, shape, opA::get, opB::get, c::get);
        if (!withRelu) return;
        for (int[] ij : at) {
            float got = c.get(ij[0], ij[1]);
            if (h.get(ij[0], ij[1]) != Math.max(got, 0f)) {
                throw new IllegalStateException(what + " " + shape + ": H(" + ij[0] + ", " + ij[1] + ") = "
                        + h.get(ij[0], ij[1]) + ", expected max(C, 0) = " + Math.max(got, 0f));
            }
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
