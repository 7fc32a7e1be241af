package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Json;
import org.relulab.training.machine.MachineInfo;

/**
 * The performance gate of CI ({@code mvn verify} runs it in the bench module): only signals that hold on a
 * noisy shared machine, never absolute times.
 * <ol>
 * <li>Heap allocation of one training step (TrainStepBenchmark.step, JMH {@code -prof gc}) at 1 thread and at all
 *     the cores: the least gc.alloc.rate.norm of 5 iterations at most {@link #MAX_STEP_BYTES} (on a quiet machine,
 *     see {@link #allocationVerdict}). The step allocates
 *     nothing; what JMH reports is its own per-iteration overhead spread over the calls (tens to hundreds of bytes),
 *     while a regression that boxes vectors costs 10⁵ bytes per step.</li>
 * <li>Efficiency against the FMA peak ({@link GateMeasurement}): the GEMM shapes and the training step, each as
 *     achieved GFLOP/s over the FMA peak measured in this run at the same thread count, at least the floor that
 *     this CPU's calibration file gives ({@link GateCalibration}: 0.80 × the median of its runs). Gated at 1 thread;
 *     the all-cores figures are reported beside their floor: on a shared 2-core runner they swing by 2× between
 *     runs (sq512 at 2 threads: 10 % and 24 % of the peak in two runs minutes apart), per CPU-second too. A CPU
 *     (model and vector width) without a calibration file in {@code gate-baseline.json} is reported, not gated.</li>
 * <li>The SIMD/scalar speed ratio of core kernels, both measured in this one run (best iteration, per
 *     CPU-second): at least
 *     {@code fraction} × the committed ratio for this machine's vector width ({@code gate-baseline.json}).
 *     A width without a committed baseline is reported, not gated.</li>
 * </ol>
 * Usage: {@code BenchGate [BASELINE.json] [--record CSV]}; {@code --record} appends this run's efficiencies to a
 * calibration file, a plain CSV whose notes go in the Markdown file beside it ({@link GateCalibration#notesFile},
 * started with the CSV). Exit code 0 pass, 7 ({@link ExitCode#REGRESSION}) a check failed, 2 bad baseline file or
 * arguments, 1 JMH failed, 4 the calibration file could not be written. Prints every measured figure.
 * About 2.5 minutes on 2 loaded cores (144 to 161 s at a load of 10 to 17).
 */
public final class BenchGate {
    static final double MAX_STEP_BYTES = 16_384;
    private BenchGate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The baseline file's contents: the SIMD/scalar ratios for this vector width and this CPU's calibration. */
    record Baseline(double fraction, Map<String, Double> ratios, GateCalibration calibration) {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path baselineFile = Path.of("gate-baseline.json"), record = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--record") && i + 1 < args.length) {
                record = Path.of(args[++i]);
            } else if (!args[i].startsWith("-") && i == 0) {
                baselineFile = Path.of(args[i]);
            } else {
                err.println("bench gate: argument '" + args[i] + "' (expected [BASELINE.json] [--record CSV])");
                return ExitCode.USAGE.code();
            }
        }
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        String machine = machineKey(MachineInfo.cpuModel(), bits);
        Baseline baseline;
        try {
            baseline = parse(baselineFile, bits, machine);
        } catch (IOException | RuntimeException e) {
            err.println("bench gate: " + baselineFile + ": " + e.getMessage()
                    + " (expected {\"fraction\": F, \"ratios\": {\"BITS\": {kernel: ratio}}, \"efficiency\": "
                    + "{\"CPU, BITS-bit vectors\": \"calibration.csv\"}})");
            return ExitCode.USAGE.code();
        }
        try {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            out.printf(Locale.ROOT, "bench gate: %s; load average %.2f before measuring%n", machine, load);
            GateMeasurement m = GateMeasurement.run(GateMeasurement.threadCounts(MachineInfo.cores()));
            boolean ok = true;
            for (var e : m.stepBytes().entrySet()) {
                String verdict = allocationVerdict(e.getValue(), m.step(e.getKey()));
                ok &= !verdict.startsWith("FAIL");
                out.printf(Locale.ROOT, "bench gate: training step at %d thread(s) allocates %.0f B/op under JMH "
                        + "(limit %.0f): %s%n", e.getKey(), e.getValue(), MAX_STEP_BYTES, verdict);
            }
            for (GateEfficiency e : m.efficiencies()) {
                String verdict = verdict(e, baseline.calibration(), machine);
                ok &= !verdict.startsWith("FAIL");
                out.println("bench gate: " + e.describe() + ": " + verdict);
            }
            for (var e : ratios().entrySet()) {
                Double base = baseline.ratios().get(e.getKey());
                double floor = base == null ? Double.NaN : baseline.fraction() * base;
                String verdict = base == null
                        ? "no baseline for " + bits + "-bit vectors: not gated"
                        : String.format(Locale.ROOT, "%s (baseline %.2f, floor %.2f)",
                                e.getValue() >= floor ? "ok" : "FAIL", base, floor);
                ok &= base == null || e.getValue() >= floor;
                out.printf(Locale.ROOT, "bench gate: %s SIMD/scalar = %.2f at %d bits: %s%n", e.getKey(), e.getValue(),
                        bits, verdict);
            }
            if (record != null) {
                GateCalibration.append(record, machine, "JDK " + MachineInfo.jdk() + "; each row one benchmark of "
                        + "one gate run (best iteration over the FMA peak of the same run)", started, load,
                        m.efficiencies());
                out.println("bench gate: appended " + m.efficiencies().size() + " efficiencies to " + record);
            }
            out.println("bench gate: " + (ok ? "passed" : "FAILED"));
            return (ok ? ExitCode.OK : ExitCode.REGRESSION).code();
        } catch (RunnerException e) { // a benchmark failed to run: relulab's
            err.println("bench gate: JMH failed: " + e.getMessage());
            return ExitCode.INTERNAL.code();
        } catch (IOException e) { // the calibration file could not be written: the machine's
            err.println("bench gate: cannot append to " + record + ": " + e.getMessage());
            return ExitCode.ENVIRONMENT.code();
        }
    }

    /** The key of a machine's calibration: the CPU model and the vector width the JVM uses. */
    static String machineKey(String cpuModel, int bits) {
        return cpuModel + ", " + bits + "-bit vectors";
    }

    /**
     * "ok", "FAIL", or, over the limit on a busy machine, not gated: under a load of 5 to 20 on 2 cores the JIT
     * compilers fall so far behind that a step still allocated 50 kB after 13 s, at both thread counts.
     */
    static String allocationVerdict(double bytes, GateEfficiency step) {
        if (bytes <= MAX_STEP_BYTES) return "ok";
        if (step != null && !step.quiet()) {
            return String.format(Locale.ROOT, "over the limit, but other processes used %.2f cores meanwhile: machine "
                    + "busy, not gated", step.others());
        }
        return "FAIL";
    }

    /** "ok (floor 55.0 % = …)", "FAIL sq512@1t below its floor …", or why it is not gated. */
    static String verdict(GateEfficiency e, GateCalibration calibration, String machine) {
        if (calibration == null) return "no calibration for " + machine + ": not gated";
        String load = e.quiet() ? "quiet" : "busy";
        double floor = calibration.floor(e.key(), e.quiet());
        if (Double.isNaN(floor)) {
            return "calibration has " + calibration.runs(e.key(), e.quiet()) + " " + load + " runs of " + e.key()
                    + " (at least " + GateCalibration.MIN_RUNS + " needed): not gated";
        }
        String rule = String.format(Locale.ROOT, "floor %.1f %% = %.2f x the median of %d %s calibration runs",
                100 * floor, GateCalibration.FACTOR, calibration.runs(e.key(), e.quiet()), load);
        boolean above = e.efficiency() >= floor;
        if (e.threads() > 1) {
            return String.format(Locale.ROOT, "%s its %s; reported, not gated (at several threads a shared "
                    + "runner's figures swing by 2x between runs)", above ? "above" : "below", rule);
        }
        return above ? "ok (" + rule + ")" : "FAIL " + e.key() + " below its " + rule;

    }

    /** The baseline file: ratios for {@code bits}, and the calibration named for {@code machine} (null if none). */
    static Baseline parse(Path file, int bits, String machine) throws IOException {
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(file));
        double fraction = JmhResult.number(json.get("fraction"));
        if (!(fraction > 0 && fraction <= 1))
            throw new IllegalArgumentException("fraction " + fraction
                    + ": expected (0, 1]");
        Map<String, Double> ratios = new LinkedHashMap<>();
        Object forBits = json.get("ratios") instanceof Map<?, ?> m ? m.get(Integer.toString(bits)) : null;
        if (forBits instanceof Map<?, ?> m) m.forEach((k, v) -> ratios.put((String) k, JmhResult.number(v)));
        Object name = json.get("efficiency") instanceof Map<?, ?> m ? m.get(machine) : null;
        if (name == null) return new Baseline(fraction, ratios, null);
        if (!(name instanceof String s)) {
            throw new IllegalArgumentException("efficiency for " + machine + ": " + name + " (expected a file name)");
        }
        Path csv = file.toAbsolutePath().resolveSibling(s);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("efficiency for " + machine + ": calibration file " + csv
                    + " does not exist (expected a file name beside " + file.getFileName() + ")");
        }
        return new Baseline(fraction, ratios, GateCalibration.read(csv));
    }

    /**
     * SIMD speed / scalar speed of each gated kernel, both from this run, each the best iteration's calls per
     * CPU-second ({@link GateMeasurement#best}).
     */
    static Map<String, Double> ratios() throws RunnerException {
        Map<String, Double> simd = new LinkedHashMap<>(), scalar = new LinkedHashMap<>();
        List<RunResult> all = new ArrayList<>(new Runner(GateMeasurement.options(
                "ActivationBenchmark\\.(relu|reluBackward|dot)$", 2, 3)
                .param("n", "65536").param("provider", "simd", "scalar").build()).run());
        all.addAll(new Runner(GateMeasurement.options("\\.GemmBenchmark\\.gemm$", 2, 3).param("shape", "sq256")
                .param("threads", "1").param("provider", "simd", "scalar").build()).run());
        for (RunResult r : all) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            String kernel = method.equals("GemmBenchmark.gemm")
                    ? "gemm-sq256"
                    : method.substring(method.indexOf('.') + 1);
            // calls per CPU-second of the best iteration: one neighbour's burst must not halve a ratio
            (r.getParams().getParam("provider").equals("simd") ? simd : scalar).put(kernel,
                    GateMeasurement.best(r, 1, it -> it.getPrimaryResult().getScore()).perCore());
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String k : simd.keySet()) ratios.put(k, simd.get(k) / scalar.get(k));
        return ratios;
    }
}
