package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * Runs the matrix-vector sweeps of {@link Kernels} (gemv both ways, the outer backward with or without its fused
 * α·Hᵀ·r) on the {@link WorkerPool}, split into blocks of whole output elements: gemv's dot products by rows of y,
 * its axpy form and the outer backward by columns (each thread owns a strip of columns over all n rows).
 *
 * <p>Bits: every output element is computed by exactly one thread, in the same order as on one thread (a dot
 * product in the kernel's fixed order; a sum over the n rows j = 0, 1, … n − 1, one fused multiply-add each), so no
 * partial sum crosses threads and the result is bit-identical for any thread count. Small sweeps, and sweeps over
 * memory the workers may not touch (a confined workspace's), run on the caller alone.
 *
 * <p>One instance per {@link Kernels}; its fields carry one call's arguments to the workers, so a call allocates
 * nothing. The caller holds the owner's lock for the whole run.
 */
final class ParallelSweep implements WorkerPool.Task {
    /** Below this many matrix elements per thread (128 KiB of floats), waking a worker costs more than it saves. */
    static final long MIN_ELEMENTS_PER_THREAD = 1L << 15;
    /** Blocks start at multiples of 16 floats (64 bytes, a cache line): threads do not write one line. */
    static final int GRAIN = 16;

    /** What the fields describe. */
    private enum Kind {
        /** y_i = α·(A_i · x) + β·y_i for rows i (rows of A contiguous). */
        DOT_ROWS,
        /** y = β·y + Σ_j (α·x_j)·A_j for columns i (columns of op(A) contiguous, rows A_j spaced by aStep). */
        AXPY_ROWS,
        /** out_j = (r_j·c) ⊙ σ'(z_j) and, when dc is set, dc += Σ_j (α·r_j)·h_j, for columns. */
        OUTER_BACKWARD
    }

    private final KernelSupport impl;
    private final WorkerPool pool;

    private Kind kind;
    private Activation act;
    /** Rows (n) and columns (m) of the sweep: A is n × m as the loops walk it. */
    private int rows, cols;
    private float alpha, beta;
    private MemorySegment a, x, y, c, z, h, dc, out;
    private long aOff, aStep, xOff, xStep, yOff, cOff, zOff, zStep, hOff, hStep, dcOff, outOff, outStep;

    ParallelSweep(KernelSupport impl, WorkerPool pool) {
        this.impl = impl;
        this.pool = pool;
    }

    /**
     * How many threads a sweep over {@code elements} matrix elements and {@code lines} output lines gets: one per
     * {@link #MIN_ELEMENTS_PER_THREAD}, at most one per block of {@link #GRAIN} lines.
     */
    static int parts(int threads, long elements, int lines) {
        long byWork = Math.max(1, elements / MIN_ELEMENTS_PER_THREAD);
        long byLines = Math.max(1, lines / GRAIN);
        return (int) Math.min(threads, Math.min(byWork, byLines));
    }

    /** Start of part {@code part} of {@code size} lines split in {@code parts} GRAIN-aligned blocks. */
    static int split(int size, int part, int parts) {
        return ParallelGemm.split(size, GRAIN, part, parts);
    }

    /**
     * gemv over all m lines on {@code parts} threads (the caller holds the owner's lock): the static dotRows when
     * {@code rowsContiguous} (A's m rows of k elements at {@code ao + i·as}), else the static axpyRows (A's k rows of m
     * elements at {@code ao + j·as}).
     */
    void gemv(boolean rowsContiguous, int parts, int m, int k, float alpha, MemorySegment a, long ao, long as,
            MemorySegment x, long xo, float beta, MemorySegment y, long yo) {
        kind = rowsContiguous ? Kind.DOT_ROWS : Kind.AXPY_ROWS;
        rows = k;
        cols = m;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        aOff = ao;
        aStep = as;
        this.x = x;
        xOff = xo;
        this.y = y;
        yOff = yo;
        go(reachable(reachable(reachable(parts, a), x), y));
    }

    /** The static outerBackward over all m columns on {@code parts} threads (the caller holds the owner's lock). */
    void outerBackward(int parts, Activation act, int n, int m, MemorySegment r, long ro, long rs, MemorySegment c,
            long co, MemorySegment z, long zo, long zs, float alpha, MemorySegment h, long ho, long hs,
            MemorySegment dc, long dco, MemorySegment out, long oo, long os) {
        kind = Kind.OUTER_BACKWARD;
        this.act = act;
        rows = n;
        cols = m;
        this.alpha = alpha;
        x = r;
        xOff = ro;
        xStep = rs;
        this.c = c;
        cOff = co;
        this.z = z;
        zOff = zo;
        zStep = zs;
        this.h = h;
        hOff = ho;
        hStep = hs;
        this.dc = dc;
        dcOff = dco;
        this.out = out;
        outOff = oo;
        outStep = os;
        int p = reachable(reachable(reachable(reachable(parts, r), c), z), out);
        go(dc == null ? p : reachable(reachable(p, h), dc));
    }

    /** Runs the call the fields describe on {@code parts} threads. */
    private void go(int parts) {
        try {
            pool.run(this, parts);
        } finally {
            a = x = y = c = z = h = dc = out = null; // no reference to a caller's memory outlives the call
            act = null;
        }
    }

    /** {@code parts}, or 1 when a worker may not touch the segment (a confined workspace's). */
    private int reachable(int parts, MemorySegment s) {
        for (int w = 1; w < parts; w++) {
            if (!s.isAccessibleBy(pool.thread(w))) return 1;
        }
        return parts;
    }

    @Override
    public void run(int part, int parts) {
        int from = split(cols, part, parts), to = split(cols, part + 1, parts);
        if (from >= to) return;
        switch (kind) {
            case DOT_ROWS -> dotRows(impl, from, to, rows, alpha, a, aOff, aStep, x, xOff, beta, y, yOff);
            case AXPY_ROWS -> axpyRows(impl, from, to, rows, alpha, a, aOff, aStep, x, xOff, beta, y, yOff);
            case OUTER_BACKWARD -> outerBackward(impl, act, from, to, rows, x, xOff, xStep, c, cOff, z, zOff, zStep,
                    alpha, h, hOff, hStep, dc, dcOff, out, outOff, outStep);
        }
    }

    /**
     * y_i = fma(α, A_i·x, β·y_i) for rows i in [from, to) of A (row i at {@code ao + i·as}, k contiguous elements);
     * x and y contiguous; β = 0 does not read y.
     */
    static void dotRows(KernelSupport impl, int from, int to, int k, float alpha, MemorySegment a, long ao, long as,
            MemorySegment x, long xo, float beta, MemorySegment y, long yo) {
        for (int i = from; i < to; i++) {
            float d = k == 0 ? 0f : impl.dot(k, a, ao + i * as, x, xo);
            float old = beta == 0f ? 0f : beta * y.getAtIndex(Matrix.F32, yo + i);
            y.setAtIndex(Matrix.F32, yo + i, Math.fma(alpha, d, old));
        }
    }

    /**
     * y_i = β·y_i + Σ_j (α·x_j)·A_ji for i in [from, to), j = 0 … k − 1 in order, one FMA each: row A_j of
     * contiguous elements at {@code ao + j·as}; x and y contiguous; β = 0 does not read y.
     */
    static void axpyRows(KernelSupport impl, int from, int to, int k, float alpha, MemorySegment a, long ao, long as,
            MemorySegment x, long xo, float beta, MemorySegment y, long yo) {
        int w = to - from;
        if (beta == 0f) {
            for (int i = from; i < to; i++) y.setAtIndex(Matrix.F32, yo + i, 0f);
        } else {
            impl.scale(w, beta, y, yo + from, y, yo + from);
        }
        for (int j = 0; j < k; j++) {
            float xj = alpha * x.getAtIndex(Matrix.F32, xo + j);
            impl.axpy(w, xj, a, ao + j * as + from, y, yo + from);
        }
    }

    /**
     * Columns [from, to) of the outer backward over n rows (row j of z, h, out at {@code zo + j·zs} and so on,
     * contiguous along a row; r_j at {@code ro + j·rs}; c contiguous): out_j = (r_j·c) ⊙ σ'(z_j), and with dc
     * non-null dc_i = Σ_j (α·r_j)·h_ji, j = 0 … n − 1 in order, one FMA each from 0.
     */
    static void outerBackward(KernelSupport impl, Activation act, int from, int to, int n, MemorySegment r, long ro,
            long rs, MemorySegment c, long co, MemorySegment z, long zo, long zs, float alpha, MemorySegment h,
            long ho, long hs, MemorySegment dc, long dco, MemorySegment out, long oo, long os) {
        int w = to - from;
        if (dc != null) {
            for (int i = from; i < to; i++) dc.setAtIndex(Matrix.F32, dco + i, 0f);
        }
        for (int j = 0; j < n; j++) {
            float s = r.getAtIndex(Matrix.F32, ro + j * rs);
            long zj = zo + j * zs + from, oj = oo + j * os + from;
            // dc first: it reads the strip of h before out (which may be h) is written; the second loop finds the
            // strip in L1, so the n × m matrices still cross the memory bus once.
            if (dc != null) impl.axpy(w, alpha * s, h, ho + j * hs + from, dc, dco + from);
            impl.activateBackwardScaled(act, w, s, c, co + from, z, zj, out, oj);
        }
    }
}
