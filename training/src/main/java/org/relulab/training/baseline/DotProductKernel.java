package org.relulab.training.baseline;

import org.relulab.core.KernelFunction;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * A kernel k(x, x′) that depends on x only through xᵀx′, ‖x‖ and ‖x′‖: the infinite-width kernels of
 * two-layer networks. Inputs are scaled as the student's initialization w ~ N(0, I/d) makes them: xᵀx′
 * becomes xᵀx′/d (docs/papers.md), so the kernel of d-dimensional data is {@link #function()} at scale 1/d.
 * Gram matrices are a GEMM plus the element-wise {@link Kernels#kernelFromGram}.
 */
public interface DotProductKernel extends GramKernel {
    /** The element-wise function of (xᵀx′, ‖x‖², ‖x′‖²). */
    KernelFunction function();

    /**
     * out (n × n) = k(x_i, x_j) for the rows of x. The squared norms are taken from the Gram matrix's own
     * diagonal, so every diagonal cosine is exactly 1 (with norms from a separate reduction, rounding can
     * put it at 1 − 2⁻²³, which moves θ by 3·10⁻⁴ and κ₀ by 5·10⁻⁵).
     */
    @Override
    default void trainGram(Kernels k, Matrix x, Matrix out) {
        int n = x.rows();
        k.gemm(false, true, 1f, x, x, 0f, out);
        // Temporary: n floats, freed when the call returns.
        try (Workspace tmp = Workspace.shared()) {
            Matrix sq = tmp.vector(n);
            for (int i = 0; i < n; i++) sq.set(0, i, out.get(i, i));
            k.kernelFromGram(function(), 1f / x.cols(), out, sq, sq, out);
        }
    }

    /** out (m × n) = k(a_i, b_j) for the rows of a (m × d) and b (n × d): test × train. */
    @Override
    default void crossGram(Kernels k, Matrix a, Matrix b, Matrix out) {
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException("crossGram: a is " + a.shape() + " and b is " + b.shape()
                    + " (expected the same input dimension)");
        }
        k.gemm(false, true, 1f, a, b, 0f, out);
        // Temporary: m + n floats, freed when the call returns.
        try (Workspace tmp = Workspace.shared()) {
            Matrix sa = tmp.vector(a.rows()), sb = tmp.vector(b.rows());
            k.rowSumsOfSquares(a, sa);
            k.rowSumsOfSquares(b, sb);
            k.kernelFromGram(function(), 1f / a.cols(), out, sa, sb, out);
        }
    }
}
