package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * The contiguous one-dimensional kernels, one method each, implemented twice: {@link ScalarKernelSupport}
 * (plain Java) and {@link SimdKernelSupport} (Vector API). Offsets are element indices into the segment.
 * {@link Kernels} checks arguments and maps matrices onto these; implementations trust their arguments.
 */
interface KernelSupport {
    /** y[i] += alpha · x[i]. */
    void axpy(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo);

    /** y[i] = alpha · x[i] (y may be x). */
    void scale(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo);

    /** z[i] = x[i] + y[i]. */
    void add(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo);

    /** z[i] = x[i] · y[i]. */
    void multiply(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo);

    /** Σ x[i] · y[i]. */
    float dot(int n, MemorySegment x, long xo, MemorySegment y, long yo);

    /** Σ x[i]. */
    float sum(int n, MemorySegment x, long xo);

    /** Σ x[i]². */
    float sumOfSquares(int n, MemorySegment x, long xo);

    /** y[i] = σ(x[i]). */
    void activate(Activation act, int n, MemorySegment x, long xo, MemorySegment y, long yo);

    /** out[i] = g[i] · σ'(z[i]) (out may be g). */
    void activateBackward(Activation act, int n, MemorySegment g, long go, MemorySegment z, long zo,
            MemorySegment out, long oo);

    /** out[i] = (s · c[i]) · σ'(z[i]): one row of the backward pass through f = σ(z)·c, s the row's residual. */
    void activateBackwardScaled(Activation act, int n, float s, MemorySegment c, long co, MemorySegment z, long zo,
            MemorySegment out, long oo);

    /**
     * out[j] = f(scale·g[j], scale·rowSqNorm, scale·colSqNorms[j]): one row of {@link KernelFunction} f from a
     * row of the Gram matrix g, the squared norm of that row's input and those of the column inputs.
     */
    void kernelFromGram(KernelFunction f, int n, float scale, float rowSqNorm, MemorySegment g, long go,
            MemorySegment colSqNorms, long co, MemorySegment out, long oo);

    /** Σ x[i]·y[i] in double: x holds floats, y doubles (offsets in elements of each). */
    double dotMixed(int n, MemorySegment x, long xo, MemorySegment y, long yo);

    /** y[i] += alpha·x[i] in double: x holds floats, y doubles. */
    void axpyMixed(int n, double alpha, MemorySegment x, long xo, MemorySegment y, long yo);

    /** The single-threaded GEMM on one part of C. */
    GemmEngine gemm();
}
