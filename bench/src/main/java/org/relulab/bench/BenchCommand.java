package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.relulab.core.Kernels;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Json;
import org.relulab.training.machine.MachineInfo;

/**
 * {@code relulab bench}: the standard benchmark suite of a machine, written to a new machine-tagged folder
 * ({@code run}), the regression comparison of two JMH result files ({@code compare}) and the scaling study
 * ({@code scaling}, {@link ScalingCommand}). The suite, at 1 thread, half the cores and all of them
 * ({@link ThreadCounts}), is the FMA peak, three GEMM shapes and the training step (with its heap allocation)
 * at each count, five element-wise kernels (SIMD and scalar) and a short LMZ20 time-to-ε sweep (d = 6 to 12):
 * about 5 minutes on 2 cores, with short JMH iterations (one fork, 2 × 1 s warmup (8 for the step), 3 × 1 s
 * measurement), so expect a few percent of noise on a shared machine.
 */
public final class BenchCommand {
    static final String RUN_USAGE = """
            usage: relulab bench [run] [--out DIR] [--threads LIST]
                                                        the standard suite into a new machine-tagged folder
                                                        [results/CPU-Nc-DATE], at 1, half the cores and all
                                                        the cores [or the comma-separated LIST]; about 5
                                                        minutes on 2 cores
            """;
    static final String COMPARE_USAGE = """
            usage: relulab bench compare BASE NEW [--threshold F] [--profile BASE.jar NEW.jar]
                                                        compare two JMH JSON files; exit 7 on a regression
                                                        beyond F (default 0.10) and the error bars; with
                                                        --profile, each regression rerun under the stack
                                                        profiler with both builds, hot methods side by side
            """;
    static final String USAGE = RUN_USAGE + COMPARE_USAGE + ScalingCommand.USAGE;

    /** One JMH run of the suite: its result file and the options that select it. */
    record Part(String file, String include, String[][] params, int threads, boolean gc, int warmups) {}

    /**
     * The suite at {@code threads}: the FMA peak at each count, three GEMM shapes and the training step at each count,
     * the element-wise kernels (SIMD and scalar, 1 thread) and a short LMZ20 time-to-ε sweep.
     */
    static List<Part> suite(ThreadCounts threads) {
        List<Part> parts = new ArrayList<>();
        for (int t : threads.counts()) parts.add(new Part(peakFile(t), "PeakBenchmark", new String[0][], t, false, 2));
        parts.add(new Part("gemm.json", "\\.GemmBenchmark\\.gemm$",
                new String[][] {{"shape", "sq512", "fwd", "gtx"}, withName("threads", threads.asParams())}, 1, false,
                2));
        parts.add(new Part("activation.json", "ActivationBenchmark\\.(relu|reluBackward|dot|axpy|colSums)$",
                new String[][] {{"n", "65536"}, {"provider", "simd", "scalar"}}, 1, false, 2));
        // 8 warmups: a step is ~30 ms, and the gc profile should see compiled code only
        parts.add(new Part("train-step.json", "TrainStepBenchmark", new String[][] {withName("threads",
                threads.asParams())}, 1, true, 8));
        // SingleShotTime: 1 warmup run of 3 s, then 3 runs to eps (seeds 1-3) per d; about 30 s in all
        parts.add(new Part("scaling.json", "TimeToEpsilonBenchmark", new String[][] {{"d", "6", "8", "10", "12"}}, 1,
                false, 1));
        return parts;
    }

    /** The FMA peak's result file at {@code threads} threads. */
    static String peakFile(int threads) {
        return "peak-" + threads + "t.json";
    }

    private static String[] withName(String name, String[] values) {
        String[] out = new String[values.length + 1];
        out[0] = name;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    private BenchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (asksHelp(args[0]) || args[0].equals("help"))) {
            out.print(USAGE);
            return ExitCode.OK.code();
        }
        if (args.length > 0 && args[0].equals("compare")) { // JmhCompare reads its own --help
            return JmhCompare.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("scaling")) {
            return ScalingCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        int from = args.length > 0 && args[0].equals("run") ? 1 : 0;
        if (java.util.Arrays.stream(args).anyMatch(BenchCommand::asksHelp)) {
            out.print(RUN_USAGE);
            return ExitCode.OK.code();
        }
        Path dir = null;
        ThreadCounts threads = ThreadCounts.forCores(MachineInfo.cores());
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("--threads") && i + 1 < args.length) {
                try {
                    threads = ThreadCounts.parse(args[++i]);
                } catch (IllegalArgumentException e) {
                    err.println("relulab bench: " + e.getMessage());
                    return ExitCode.USAGE.code();
                }
            } else {
                err.println("relulab bench: unexpected argument '" + args[i] + "' (expected [run] [--out DIR] "
                        + "[--threads LIST], compare BASE NEW or scaling; see relulab bench --help)");
                return ExitCode.USAGE.code();
            }
        }
        if (dir == null) dir = Path.of("results", machineTag());
        try {
            String refused = refuseFolder(dir);
            if (refused != null) {
                err.println("relulab bench: " + refused);
                return ExitCode.USAGE.code();
            }
            Files.createDirectories(dir);
            out.println("relulab bench: thread counts " + threads.counts() + " (" + MachineInfo.cores() + " cores)");
            List<Part> suite = suite(threads);
            for (Part p : suite) {
                out.println("relulab bench: " + p.file + " ...");
                runPart(p, dir.resolve(p.file), out);
            }
            ParallelEfficiency.plot(efficiencyPoints(dir, threads), MachineInfo.cpuModel())
                    .write(dir.resolve("parallel-efficiency.svg"));
            Files.writeString(dir.resolve("README.md"), readme(dir, suite, threads));
        } catch (IOException e) { // the results folder could not be written: the machine's failure
            err.println("relulab bench: " + e.getMessage());
            return ExitCode.ENVIRONMENT.code();
        } catch (RunnerException e) { // a benchmark failed: relulab's
            err.println("relulab bench: " + e.getMessage());
            return ExitCode.INTERNAL.code();
        }
        out.println("relulab bench: results in " + dir + " (README.md has the tables)");
        return ExitCode.OK.code();
    }

    /** Whether {@code arg} asks for help, as anywhere after a bench command. */
    static boolean asksHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static void runPart(Part p, Path file, PrintStream out) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(p.include).forks(1)
                .warmupIterations(p.warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .threads(p.threads).resultFormat(ResultFormatType.JSON).result(file.toString());
        for (String[] param : p.params) o.param(param[0], java.util.Arrays.copyOfRange(param, 1, param.length));
        if (p.gc) o.addProfiler(GCProfiler.class);
        runJmh(o, out);
    }

    /** JMH waits for no one: when another JMH run holds its lock (/tmp/jmh.lock), wait and try again, up to an hour. */
    static Collection<RunResult> runJmh(ChainedOptionsBuilder options, PrintStream out) throws RunnerException {
        for (int attempt = 0;; attempt++) {
            try {
                return new Runner(options.build()).run();
            } catch (RunnerException e) {
                if (attempt >= 120 || e.getMessage() == null || !e.getMessage().contains("JMH lock")) throw e;
                if (attempt % 4 == 0)
                    out.println("relulab bench: another JMH run holds its lock; waiting for it (30 s at a time)");
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Why {@code dir} cannot take a new results folder (it holds files, or is a file), or null when it can. */
    static String refuseFolder(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) return "--out " + dir + " is a file (expected a new or empty folder)";
        if (!Files.isDirectory(dir)) return null;
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent()
                    ? "--out " + dir + " already holds files (expected a new or empty folder)"
                    : null;
        }
    }

    /** results/ folder name for this machine: CPU model, cores and the date, e.g. amd-epyc-2c-20261122-2130. */
    static String machineTag() {
        String cpu = MachineInfo.cpuModel().toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (cpu.length() > 40) cpu = cpu.substring(0, 40).replaceAll("-$", "");
        return cpu + "-" + MachineInfo.cores() + "c-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
    }

    private static String readme(Path dir, List<Part> suite, ThreadCounts threads) throws IOException {
        Map<Integer, Double> peaks = peaks(dir, threads);
        StringBuilder sb = new StringBuilder("# Benchmarks: ").append(MachineInfo.cpuModel()).append("\n\n");
        sb.append(
                "Written by `./relulab bench` (JMH, one fork, 2 × 1 s warmup (8 for the training step), "
                        + "3 × 1 s measurement), at " + threads.counts().size() + " thread counts: "
                        + threads.counts() + ".\n\n");
        StringBuilder peakRow = new StringBuilder("| FMA peak (PeakBenchmark) |");
        peaks.forEach((t, g) -> peakRow.append(String.format(Locale.ROOT, " %.1f GFLOP/s on %d thread%s;", g, t,
                t == 1 ? "" : "s")));
        sb.append(machineTable(peakRow.substring(0, peakRow.length() - 1) + " |\n")).append('\n');
        sb.append("## Parallel efficiency\n\n")
                .append("Speed-up over the fewest threads measured, efficiency = speed-up × (fewest threads) / "
                        + "threads, and GFLOP/s against the FMA peak measured at the same thread count "
                        + "([parallel-efficiency.svg](parallel-efficiency.svg)):\n\n")
                .append(ParallelEfficiency.markdown(efficiencyPoints(dir, threads), peaks)).append('\n');
        double peak1 = peaks.getOrDefault(1, Double.NaN);
        for (Part p : suite) {
            String f = p.file;
            sb.append("## ").append(f).append("\n\n");
            if (f.equals("scaling.json")) { // one row per d, with its seeds' spread, and the fits
                sb.append(
                        "LMZ20 time to ε (`TimeToEpsilonBenchmark`), d = 6 to 12, seeds 1 to 3: a figure to compare "
                                + "machines by; a range of 2 in d is too short to tell a power law from an exponential "
                                + "(`relulab bench scaling` does that).\n\n");
                sb.append(ScalingReport.timeToEpsilonMarkdown(ScalingReport.runs(JmhRawData.read(dir.resolve(f)))))
                        .append('\n');
                continue;
            }
            sb.append(JmhTable.render(Json.parse(Files.readString(dir.resolve(f))),
                    f.startsWith("gemm") ? peak1 : Double.NaN)).append('\n');
        }
        return sb.toString();
    }

    /** The FMA peak in GFLOP/s at each thread count, from the suite's peak files. */
    private static Map<Integer, Double> peaks(Path dir, ThreadCounts threads) throws IOException {
        Map<Integer, Double> peaks = new TreeMap<>();
        for (int t : threads.counts()) peaks.put(t, gflopOf(dir.resolve(peakFile(t))));
        return peaks;
    }

    /** The points of the parallel-efficiency view: the GEMMs, the training step and the FMA peak. */
    private static List<ParallelEfficiency.Point> efficiencyPoints(Path dir, ThreadCounts threads) throws IOException {
        List<ParallelEfficiency.Point> points = new ArrayList<>();
        for (int t : threads.counts()) {
            for (JmhResult r : JmhResult.read(dir.resolve(peakFile(t)))) {
                points.add(new ParallelEfficiency.Point(r.benchmark(), t, ParallelEfficiency.callsPerSecond(r),
                        r.gflops()));
            }
        }
        points.addAll(ParallelEfficiency.points(JmhResult.read(dir.resolve("gemm.json"))));
        points.addAll(ParallelEfficiency.points(JmhResult.read(dir.resolve("train-step.json"))));
        return points;
    }

    /** The machine table of a results README: CPU, cores, vectors, JDK, OS, {@code extraRows}, commit, threads. */
    static String machineTable(String extraRows) {
        return "| machine | |\n|---|---|\n"
                + "| CPU | " + MachineInfo.cpuModel() + " |\n"
                + "| cores | " + MachineInfo.cores() + " |\n"
                + "| vectors | " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits, "
                + FloatVector.SPECIES_PREFERRED.length() + " fp32 lanes |\n"
                + "| JDK | " + MachineInfo.jdk() + " |\n"
                + "| OS | " + MachineInfo.os() + " |\n"
                + extraRows
                + "| relulab | " + MachineInfo.gitCommit() + " |\n"
                + "| default threads | " + Kernels.defaultThreads() + " |\n";
    }

    private static double gflopOf(Path file) throws IOException {
        List<JmhResult> r = JmhResult.read(file);
        return r.isEmpty() ? Double.NaN : r.get(0).gflops();
    }
}
