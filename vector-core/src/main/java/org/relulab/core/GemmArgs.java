package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * The operands of one (batched) GEMM call, C = α·op(A)·op(B) + β·C and optionally H = σ(C), as raw
 * segments, element offsets and strides, so engines read them without allocating. One instance per
 * {@link Kernels}, refilled by each call under its lock. op(A) is m × k with element (i, p) at
 * {@code aOff + i·aRs + p·aCs}; op(B) is k × n likewise; C and H are row-major m × n.
 */
final class GemmArgs {
    int m, n, k;
    float alpha, beta;
    MemorySegment a;
    long aOff;
    int aRs, aCs;
    MemorySegment b;
    long bOff;
    int bRs, bCs;
    MemorySegment c;
    long cOff;
    int cRs;
    /** The fused epilogue's activation, or null for a plain GEMM. */
    Activation act;
    MemorySegment h;
    long hOff;
    int hRs;
    /** Number of problems, and the element distance between consecutive problems' operands. */
    int batch;
    long aStep, bStep, cStep, hStep;

    /** Drops the references to the caller's segments once a call is over. */
    void clear() {
        a = b = c = h = null;
        act = null;
    }
}
