package org.relulab.training.baseline;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;

/**
 * A kernel as {@link KernelRidge} uses it: whatever fills its Gram matrices. {@link DotProductKernel}s (the
 * infinite-width kernels) do it with a GEMM and an element-wise transform; {@link RandomFeatureKernel} (a
 * finite width) with explicit features.
 */
public interface GramKernel {
    /** One line naming the kernel in the papers' words. */
    String describe();

    /** out (n × n) = k(x_i, x_j) for the rows of x. */
    void trainGram(Kernels k, Matrix x, Matrix out);

    /** out (m × n) = k(a_i, b_j) for the rows of a (m × d) and b (n × d): test × train. */
    void crossGram(Kernels k, Matrix a, Matrix b, Matrix out);
}
