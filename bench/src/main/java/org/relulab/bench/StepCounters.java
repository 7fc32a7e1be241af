package org.relulab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary metrics of the scaling benchmarks, per iteration: "steps", the gradient steps taken, and
 * "cpuSeconds", the CPU time of the benchmark thread while taking them. With one GEMM thread the benchmark
 * thread does all the work, so its CPU time is the run's cost without the time it waited for a core: on a
 * shared, loaded machine the steadier of the two clocks. {@code EVENTS} counters: JMH sums them over the
 * iterations in its score; the JSON's rawData has each iteration's.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class StepCounters {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long steps;
    public double cpuSeconds;

    @Setup(Level.Iteration)
    public void reset() {
        steps = 0;
        cpuSeconds = 0;
    }

    /** This thread's CPU time in nanoseconds (-1 where the JVM cannot tell). */
    static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Adds the steps and the CPU time since {@code cpuStart} (a {@link #cpuNanos} value). */
    void add(long stepsTaken, long cpuStart) {
        steps += stepsTaken;
        cpuSeconds += cpuStart < 0 ? Double.NaN : (cpuNanos() - cpuStart) / 1e9;
    }
}
