package org.relulab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A JMH profiler that reports, for each iteration, how the machine's CPUs were shared while it ran, in cores (CPU
 * seconds per wall second): {@value #CORES}, what the benchmark's JVM used (about 1 for a single-threaded benchmark on
 * an idle machine, less when other processes took the core away for part of the iteration), and {@value #OTHERS},
 * what everything else used, from the busy time in {@code /proc/stat} less the JVM's own (Linux only). Dividing a
 * GFLOP/s figure by the first gives GFLOP per CPU-second, a speed that a shared machine's load moves much less; the
 * second says whether the machine was quiet. Each is NaN where the platform cannot tell. Runs inside the fork (an
 * internal profiler).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    static final String CORES = "cpu.cores", OTHERS = "cpu.others";
    /** Linux's unit of the times in /proc/stat (USER_HZ), 100 on every architecture it runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private long cpuStart, wallStart;
    private double busyStart;

    @Override
    public String getDescription() {
        return "CPU seconds per wall second of each iteration: the benchmark's JVM (" + CORES
                + ") and the other processes (" + OTHERS + ")";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        busyStart = machineBusySeconds();
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long cpuEnd = processCpuNanos();
        double busyEnd = machineBusySeconds();
        double own = cpuStart < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e9;
        double others = (busyEnd - busyStart - own) / wall;
        return List.of(new ScalarResult(CORES, own / wall, "cores", AggregationPolicy.AVG),
                new ScalarResult(OTHERS, Math.max(0, others), "cores", AggregationPolicy.AVG));
    }

    /** The JVM's CPU time in nanoseconds, all its threads; -1 where the platform cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /** The machine's busy CPU seconds since boot, all cores, from /proc/stat; NaN where there is none. */
    static double machineBusySeconds() {
        try {
            return busySeconds(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) { // not Linux, or not readable
            return Double.NaN;
        }
    }

    /**
     * Busy seconds in the aggregate line of /proc/stat ({@code cpu user nice system idle iowait irq softirq steal
     * ...}): all but idle and iowait; steal counts, as time another guest took from this machine.
     */
    static double busySeconds(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("/proc/stat: '" + cpuLine + "' (expected cpu and 8 or more times)");
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
        return busy / TICKS_PER_SECOND;
    }
}
