package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * One {@link KernelSupport} kernel as a body over n elements of x, y and out, for {@link Kernels}' one row
 * dispatch (stored rows when the layouts agree, else element by element).
 *
 * <p>The constants are non-capturing lambdas, each one object made once: every per-call value (α, σ, the
 * kernels' implementation) travels as an argument, so a dispatch allocates nothing (AllocationTest).
 */
@FunctionalInterface
interface RowKernel {
    /** Runs the kernel on n elements; a reduction returns its value, an element-wise kernel 0. */
    float run(KernelSupport impl, int n, float alpha, Activation act, MemorySegment x, long xo, MemorySegment y,
            long yo, MemorySegment out, long oo);

    /** out += α·x (y unused). */
    RowKernel AXPY = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.axpy(n, alpha, x, xo, out, oo);
        return 0f;
    };

    /** out = α·x (y unused). */
    RowKernel SCALE = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.scale(n, alpha, x, xo, out, oo);
        return 0f;
    };

    /** out = x + y. */
    RowKernel ADD = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.add(n, x, xo, y, yo, out, oo);
        return 0f;
    };

    /** out = x ⊙ y. */
    RowKernel MULTIPLY = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.multiply(n, x, xo, y, yo, out, oo);
        return 0f;
    };

    /** out = σ(x) (y unused). */
    RowKernel ACTIVATE = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.activate(act, n, x, xo, out, oo);
        return 0f;
    };

    /** out = x ⊙ σ'(y): x the incoming gradient, y the pre-activation. */
    RowKernel ACTIVATE_BACKWARD = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> {
        impl.activateBackward(act, n, x, xo, y, yo, out, oo);
        return 0f;
    };

    /** Σ x·y (out unused). */
    RowKernel DOT = (impl, n, alpha, act, x, xo, y, yo, out, oo) -> impl.dot(n, x, xo, y, yo);
}
