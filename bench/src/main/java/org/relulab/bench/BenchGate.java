package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.relulab.training.io.Json;

/**
 * The performance gate of CI ({@code mvn verify} runs it in the bench module): only signals that hold on a
 * noisy shared machine, never absolute times.
 * <ol>
 * <li>Heap allocation of one training step (TrainStepBenchmark.step, JMH {@code -prof gc}):
 * the least gc.alloc.rate.norm of 5 iterations at most {@link #MAX_STEP_BYTES}. The step allocates nothing; what JMH
 * reports is its
 *     own per-iteration overhead spread over the calls (tens to hundreds of bytes), while a regression that
 *     boxes vectors costs 10⁵ bytes per step.</li>
 * <li>The SIMD/scalar speed ratio of core kernels, both measured in this one run: at least
 *     {@code fraction} × the committed ratio for this machine's vector width ({@code gate-baseline.json}).
 *     A width without a committed baseline is reported, not gated.</li>
 * </ol>
 * Exit code 0 pass, 1 fail, 2 bad baseline file. Prints every measured figure. About a minute on 2 cores.
 */
public final class BenchGate {
    static final double MAX_STEP_BYTES = 16_384;
    private BenchGate() {}

    public static void main(String[] args) {
        System.exit(run(args.length > 0 ? Path.of(args[0]) : Path.of("gate-baseline.json"), System.out, System.err));
    }

    static int run(Path baselineFile, PrintStream out, PrintStream err) {
        Map<String, Double> baseline;
        double fraction;
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        try {
            Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(baselineFile));
            fraction = JmhResult.number(json.get("fraction"));
            Object widths = json.get("ratios");
            Object forBits = widths instanceof Map<?, ?> m ? m.get(Integer.toString(bits)) : null;
            baseline = new LinkedHashMap<>();
            if (forBits instanceof Map<?, ?> m) m.forEach((k, v) -> baseline.put((String) k, JmhResult.number(v)));
            if (!(fraction > 0 && fraction <= 1))
                throw new IllegalArgumentException("fraction " + fraction + ": expected (0, 1]");
        } catch (IOException | RuntimeException e) {
            err.println("bench gate: " + baselineFile + ": " + e.getMessage()
                    + " (expected {\"fraction\": F, \"ratios\": {\"BITS\": {kernel: ratio}}})");
            return 2;
        }
        try {
            boolean ok = true;
            double bytes = stepBytes();
            boolean allocOk = bytes <= MAX_STEP_BYTES;
            out.printf(Locale.ROOT, "bench gate: training step allocates %.0f B/op under JMH (limit %.0f): %s%n", bytes,
                    MAX_STEP_BYTES, allocOk ? "ok" : "FAIL");
            ok &= allocOk;
            Map<String, Double> ratios = ratios();
            for (var e : ratios.entrySet()) {
                Double base = baseline.get(e.getKey());
                String verdict = base == null
                        ? "no baseline for " + bits + "-bit vectors: not gated"
                        : e.getValue() >= fraction * base
                                ? String.format(Locale.ROOT, "ok (baseline %.2f, floor %.2f)", base, fraction * base)
                                : String.format(Locale.ROOT, "FAIL (baseline %.2f, floor %.2f)", base, fraction * base);
                if (base != null && e.getValue() < fraction * base) ok = false;
                out.printf(Locale.ROOT, "bench gate: %s SIMD/scalar = %.2f at %d bits: %s%n", e.getKey(), e.getValue(),
                        bits, verdict);
            }
            out.println("bench gate: " + (ok ? "passed" : "FAILED"));
            return ok ? 0 : 1;
        } catch (RunnerException e) {
            err.println("bench gate: JMH failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * gc.alloc.rate.norm of one training step on 1 thread: the smallest of 5 one-second iterations after 8 of
     * warmup. On a loaded machine C2 may still be compiling parts of the step for the first iterations (seen:
     * 74 kB/op for three iterations, then 300 B/op); a step that allocates does so in every iteration.
     */
    static double stepBytes() throws RunnerException {
        Collection<RunResult> r = new Runner(new OptionsBuilder().include("TrainStepBenchmark\\.step$")
                .param("threads", "1")
                .forks(1).warmupIterations(8).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(1)).shouldFailOnError(true).addProfiler(GCProfiler.class).build())
                .run();
        RunResult run = r.iterator().next();
        return run.getSecondaryResults().get("gc.alloc.rate.norm").getStatistics().getMin();
    }

    /** SIMD score / scalar score of each gated kernel, both from this run. */
    static Map<String, Double> ratios() throws RunnerException {
        Map<String, Double> simd = new LinkedHashMap<>(), scalar = new LinkedHashMap<>();
        List<RunResult> all = new ArrayList<>(new Runner(options("ActivationBenchmark\\.(relu|reluBackward|dot)$")
                .param("n", "65536").param("provider", "simd", "scalar").build()).run());
        all.addAll(new Runner(options("\\.GemmBenchmark\\.gemm$").param("shape", "sq256").param("threads", "1")
                .param("provider", "simd", "scalar").build()).run());
        for (RunResult r : all) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            String kernel = method.equals("GemmBenchmark.gemm")
                    ? "gemm-sq256"
                    : method.substring(method.indexOf('.') + 1);
            (r.getParams().getParam("provider").equals("simd") ? simd : scalar).put(kernel,
                    r.getPrimaryResult().getScore());
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String k : simd.keySet()) ratios.put(k, simd.get(k) / scalar.get(k));
        return ratios;
    }

    private static org.openjdk.jmh.runner.options.ChainedOptionsBuilder options(String include) {
        return new OptionsBuilder().include(include).forks(1).warmupIterations(2)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(500)).shouldFailOnError(true);
    }
}
