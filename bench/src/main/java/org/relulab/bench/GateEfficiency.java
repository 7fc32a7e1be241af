package org.relulab.bench;

import java.util.Locale;

/**
 * One benchmark's speed at one thread count as a fraction of the FMA peak measured at that count in the same run:
 * efficiency = achieved over peak GFLOP per CPU-second, a ratio that neither the machine's clock nor its other
 * processes move much (a process that takes the core away takes CPU time too). {@code benchmark} is a GEMM shape's
 * key ({@code sq512}, {@code fwd}, …) or {@code step} (the training step); {@link #key()} names it with its thread
 * count, as the gate's floors do. {@code cores} is the CPU time per wall second of the iteration measured, {@code
 * others} the other processes' ({@link CpuTimeProfiler}; NaN where unknown).
 */
record GateEfficiency(String benchmark, int threads, double gflopsPerCore, double cores, double others,
        double peakGflopsPerCore) {
    /**
     * Other processes' CPU use, in cores, above which the machine counts as busy: an idle machine's background stays
     * far below it, a build or another benchmark beside this one far above.
     */
    static final double BUSY_CORES = 0.25;

    GateEfficiency {
        if (threads < 1) throw new IllegalArgumentException(benchmark + ": threads = " + threads + " (expected >= 1)");
    }

    /** Whether the other processes left the machine quiet while this was measured (true when unknown). */
    boolean quiet() {
        return !(others > BUSY_CORES);
    }

    /** Achieved over peak GFLOP per CPU-second. */
    double efficiency() {
        return gflopsPerCore / peakGflopsPerCore;
    }

    /** {@code sq512@1t}: the benchmark and its thread count, the key of its floor. */
    String key() {
        return key(benchmark, threads);
    }

    static String key(String benchmark, int threads) {
        return benchmark + "@" + threads + "t";
    }

    /**
     * "gemm sq512 at 1 thread: 134.0 of 212.7 GFLOP per CPU-second (1.00 cores, others 0.02) = 63.0 % of the FMA
     * peak".
     */
    String describe() {
        return String.format(Locale.ROOT,
                "%s at %d thread%s: %.1f of %.1f GFLOP per CPU-second (%.2f cores, others %.2f) = %.1f %% of the FMA "
                        + "peak",
                benchmark.equals("step") ? "training step" : "gemm " + benchmark, threads, threads == 1 ? "" : "s",
                gflopsPerCore, peakGflopsPerCore, cores, others, 100 * efficiency());
    }
}
