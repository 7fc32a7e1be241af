package org.relulab.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports, for each iteration, the CPU time the benchmark's JVM used per second of wall time
 * (secondary metric {@value #METRIC}, in cores): about 1 for a single-threaded benchmark on an idle machine, less
 * when other processes took the core away for part of the iteration. Dividing a GFLOP/s figure by it gives GFLOP per
 * CPU-second, a speed that a shared machine's load barely moves. NaN where the JVM cannot tell its CPU
 * time. Runs inside the fork (an internal profiler).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    static final String METRIC = "cpu.cores";
    private long cpuStart, wallStart;

    @Override
    public String getDescription() {
        return "process CPU seconds per wall second of each iteration (" + METRIC + ")";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpuEnd = processCpuNanos();
        double cores = cpuStart < 0 || cpuEnd < 0
                ? Double.NaN
                : (cpuEnd - cpuStart) / (double) (System.nanoTime() - wallStart);
        return List.of(new ScalarResult(METRIC, cores, "cores", AggregationPolicy.AVG));
    }

    /** The JVM's CPU time in nanoseconds, all its threads; -1 where the platform cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
