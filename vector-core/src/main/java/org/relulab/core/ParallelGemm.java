package org.relulab.core;

/**
 * Runs a {@link GemmArgs} call on the {@link WorkerPool}: a batch is split by problems, a single product
 * by blocks of rows (or of columns when C is wider than tall), aligned to the engine's register tile.
 * Each element of C is computed by exactly one thread, in the engine's fixed order, so the result is
 * bit-identical for any thread count. Small products run on the caller alone.
 */
final class ParallelGemm implements WorkerPool.Task {
    /** Below this many flops per thread, waking a worker costs more than it saves. */
    static final long MIN_FLOPS_PER_THREAD = 1L << 22;

    private final GemmEngine engine;
    private final WorkerPool pool;
    private final GemmScratch[] scratch;
    final GemmArgs args = new GemmArgs();
    private boolean splitRows;

    ParallelGemm(GemmEngine engine, WorkerPool pool) {
        this.engine = engine;
        this.pool = pool;
        scratch = new GemmScratch[pool.threads()];
        for (int i = 0; i < scratch.length; i++) scratch[i] = engine.newScratch();
    }

    /** Runs the call in {@link #args} (the caller holds the owner's lock). */
    void run() {
        GemmArgs g = args;
        int parts = parts(pool.threads(), g.m, g.n, g.k, g.batch);
        if (parts > 1 && !sharedWithWorkers(g, parts)) parts = 1;
        splitRows = g.m >= g.n;
        try {
            pool.run(this, parts);
        } finally {
            g.clear();
        }
    }

    /**
     * How many threads a call of this size gets: one per {@link #MIN_FLOPS_PER_THREAD}, at most one per problem of
     * a batch. The flop count is a double: 2·m·n·k·batch of a huge (valid) batch exceeds a long, and a wrapped
     * count ran it on one thread.
     */
    static int parts(int threads, int m, int n, int k, int batch) {
        double flops = 2.0 * m * n * k * batch;
        int parts = (int) Math.min(threads, Math.max(1, flops / MIN_FLOPS_PER_THREAD));
        return batch > 1 ? Math.min(parts, batch) : parts;
    }

    /** Whether worker threads may touch these segments (a confined workspace's may not). */
    private boolean sharedWithWorkers(GemmArgs g, int parts) {
        for (int w = 1; w < parts; w++) {
            Thread t = pool.thread(w);
            if (!g.a.isAccessibleBy(t) || !g.b.isAccessibleBy(t) || !g.c.isAccessibleBy(t)
                    || (g.h != null && !g.h.isAccessibleBy(t))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run(int part, int parts) {
        GemmArgs g = args;
        GemmScratch s = scratch[part];
        if (g.batch > 1) {
            int from = (int) ((long) g.batch * part / parts), to = (int) ((long) g.batch * (part + 1) / parts);
            for (int p = from; p < to; p++) engine.compute(g, p, 0, g.m, 0, g.n, s);
        } else if (splitRows) {
            int grain = engine.rowGrain();
            int from = split(g.m, grain, part, parts), to = split(g.m, grain, part + 1, parts);
            if (from < to) engine.compute(g, 0, from, to, 0, g.n, s);
        } else {
            int grain = engine.colGrain();
            int from = split(g.n, grain, part, parts), to = split(g.n, grain, part + 1, parts);
            if (from < to) engine.compute(g, 0, 0, g.m, from, to, s);
        }
    }

    /** Start of part {@code part} of {@code size} split in {@code parts} grain-aligned pieces. */
    static int split(int size, int grain, int part, int parts) {
        if (part >= parts) return size;
        long units = (size + (long) grain - 1) / grain;
        return (int) Math.min(size, units * part / parts * grain);
    }
}
