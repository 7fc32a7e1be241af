package org.relulab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the gate measures of speed, all in one JVM run of JMH (one fork per trial): the FMA peak, the GEMM shapes of
 * {@link #SHAPES} and the training step at 1 thread and at all the cores, each as an efficiency against the peak at
 * the same thread count, and the training step's heap bytes per call.
 *
 * <p>Speed is GFLOP per CPU-second of the benchmark's JVM ({@link CpuTimeProfiler}), not per wall second: on a shared
 * machine another process takes wall time away but not the CPU time counted here. And each figure is the best of its
 * measured iterations, not their mean: what load is left (caches, a shared core) only slows an iteration down, so
 * the fastest one is nearest the code's own speed, for the peak and for the benchmark alike.
 */
record GateMeasurement(List<GateEfficiency> efficiencies, Map<Integer, Double> stepBytes) {
    /** The GEMM shapes gated: a square one and the three products of a training step. */
    static final List<String> SHAPES = List.of("sq512", "fwd", "gtx", "gw");
    /** Flops of one training step (TrainStepBenchmark): its two n × m × d GEMMs, 4nmd, in units of 10⁹. */
    static final double STEP_GFLOP = 4.0 * TrainStepBenchmark.N * TrainStepBenchmark.M * TrainStepBenchmark.D / 1e9;

    /** 1 and all the cores, without a repeat. */
    static List<Integer> threadCounts(int cores) {
        return cores > 1 ? List.of(1, cores) : List.of(1);
    }

    static GateMeasurement run(List<Integer> threads) throws RunnerException {
        String[] counts = threads.stream().map(String::valueOf).toArray(String[]::new);
        Map<Integer, Iteration> peaks = new TreeMap<>();
        for (int t : threads) {
            // PeakBenchmark has no threads parameter: JMH's own worker threads, each with its accumulators
            RunResult r = single(new Runner(options("\\.PeakBenchmark\\.fma$", 2, 5).threads(t).build()).run());
            peaks.put(t, best(r, t, it -> it.getSecondaryResults().get("gflop").getScore()));
        }
        List<GateEfficiency> out = new ArrayList<>();
        for (RunResult r : new Runner(options("\\.GemmBenchmark\\.gemm$", 3, 4)
                .param("shape", SHAPES.toArray(String[]::new)).param("threads", counts).param("provider", "simd")
                .build()).run()) {
            int t = Integer.parseInt(r.getParams().getParam("threads"));
            Iteration best = best(r, t, it -> it.getSecondaryResults().get("gflop").getScore());
            out.add(best.against(r.getParams().getParam("shape"), t, peaks.get(t)));
        }
        Map<Integer, Double> bytes = new LinkedHashMap<>();
        for (RunResult r : stepRuns(counts)) {
            int t = Integer.parseInt(r.getParams().getParam("threads"));
            // average time in ms per step: GFLOP per wall second is the step's flops over its time
            Iteration best = best(r, t, it -> STEP_GFLOP / (it.getPrimaryResult().getScore() / 1e3));
            out.add(best.against("step", t, peaks.get(t)));
            bytes.put(t, r.getSecondaryResults().get("gc.alloc.rate.norm").getStatistics().getMin());
        }
        return new GateMeasurement(List.copyOf(out), Map.copyOf(bytes));
    }

    /** The training step's efficiency at {@code threads}, or null if it was not measured. */
    GateEfficiency step(int threads) {
        return efficiencies.stream().filter(e -> e.benchmark().equals("step") && e.threads() == threads).findFirst()
                .orElse(null);
    }

    /**
     * One measured iteration: speed per CPU-second (GFLOP, or calls for a benchmark without a flop counter), the cores
     * its JVM kept busy and the cores the other processes used meanwhile.
     */
    record Iteration(double perCore, double cores, double others) {
        /** This benchmark iteration as an efficiency against {@code peak}, the peak's best iteration. */
        GateEfficiency against(String benchmark, int threads, Iteration peak) {
            return new GateEfficiency(benchmark, threads, perCore, cores, others, peak.perCore);
        }
    }

    /**
     * The best measured iteration of {@code r}: its speed per CPU-second ({@code speed} of the iteration over its
     * {@link CpuTimeProfiler} cores, or over {@code threads} where the JVM cannot tell its CPU time), those cores, and
     * what the other processes used meanwhile.
     */
    static Iteration best(RunResult r, int threads, ToDoubleFunction<IterationResult> speed) {
        Iteration best = null;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                double cores = metric(it, CpuTimeProfiler.CORES), others = metric(it, CpuTimeProfiler.OTHERS);
                if (Double.isNaN(cores)) cores = threads;
                Iteration candidate = new Iteration(speed.applyAsDouble(it) / cores, cores, others);
                if (best == null || candidate.perCore() > best.perCore()) best = candidate;
            }
        }
        if (best == null)
            throw new IllegalStateException("JMH: no measured iteration of " + r.getParams().getBenchmark());
        return best;
    }

    private static double metric(IterationResult it, String name) {
        Result<?> r = it.getSecondaryResults().get(name);
        return r == null ? Double.NaN : r.getScore();
    }

    /**
     * The training step at each thread count under JMH {@code -prof gc}: 5 one-second iterations after 8 of warmup.
     * On a loaded machine C2 may still be compiling parts of the step for the first iterations (seen: 74 kB/op for
     * three iterations, then 300 B/op); a step that allocates does so in every iteration, so the least
     * gc.alloc.rate.norm is its own.
     */
    private static Collection<RunResult> stepRuns(String[] counts) throws RunnerException {
        return new Runner(new OptionsBuilder().include("\\.TrainStepBenchmark\\.step$").param("threads", counts)
                .forks(1).addProfiler(CpuTimeProfiler.class).warmupIterations(8).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1)).shouldFailOnError(true).addProfiler(GCProfiler.class).build())
                .run();
    }

    private static RunResult single(Collection<RunResult> results) {
        if (results.size() != 1) throw new IllegalStateException("JMH: " + results.size() + " results, expected 1");
        return results.iterator().next();
    }

    /** One fork, {@code warmup} and {@code measure} iterations of half a second. */
    static ChainedOptionsBuilder options(String include, int warmup, int measure) {
        return new OptionsBuilder().include(include).forks(1).addProfiler(CpuTimeProfiler.class)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.milliseconds(500)).measurementIterations(measure)
                .measurementTime(TimeValue.milliseconds(500)).shouldFailOnError(true);
    }
}
