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
import org.relulab.training.io.Json;
import org.relulab.training.machine.MachineInfo;

/**
 * {@code relulab bench}: the standard benchmark suite of a machine, written to a new machine-tagged folder
 * ({@code run}), the regression comparison of two JMH result files ({@code compare}) and the scaling study
 * ({@code scaling}, {@link ScalingCommand}). The suite is the FMA peak (1 and 2 threads), three GEMM
 * shapes, five element-wise kernels (SIMD and scalar), the training step with its heap allocation and a
 * short LMZ20 time-to-ε sweep (d = 6 to 12): about 5 minutes on 2 cores, with short JMH iterations (one
 * fork, 2 × 1 s warmup (8 for the step), 3 × 1 s measurement), so expect a few percent of noise on a
 * shared machine.
 */
public final class BenchCommand {
    static final String USAGE = """
            usage: relulab bench [run] [--out DIR]      the standard suite into a new machine-tagged folder
                                                        [results/CPU-Nc-DATE]; about 5 minutes on 2 cores
                   relulab bench compare BASE NEW [--threshold F]
                                                        compare two JMH JSON files; exit 1 on a regression
                                                        beyond F (default 0.10) and the error bars
                   relulab bench scaling [--quick] [--out DIR]
                                                        LMZ20 time to eps against d, and time per step
                                                        against d, m, n, with fits and plots, into a new
                                                        folder [results/CPU-Nc-DATE-scaling]; about 22
                                                        minutes on 2 cores, --quick about 3
            """;

    /** One JMH run of the suite: its result file and the options that select it. */
    private record Part(String file, String include, String[][] params, int threads, boolean gc, int warmups) {}

    private static final List<Part> SUITE = List.of(
            new Part("peak-1t.json", "PeakBenchmark", new String[0][], 1, false, 2),
            new Part("peak-2t.json", "PeakBenchmark", new String[0][], 2, false, 2),
            new Part("gemm.json", "\\.GemmBenchmark\\.gemm$",
                    new String[][] {{"shape", "sq512", "fwd", "gtx"}, {"threads", "1", "2"}}, 1, false, 2),
            new Part("activation.json", "ActivationBenchmark\\.(relu|reluBackward|dot|axpy|colSums)$",
                    new String[][] {{"n", "65536"}, {"provider", "simd", "scalar"}}, 1, false, 2),
            // 8 warmups: a step is ~30 ms, and the gc profile should see compiled code only
            new Part("train-step.json", "TrainStepBenchmark", new String[0][], 1, true, 8),
            // SingleShotTime: 1 warmup run of 3 s, then 3 runs to eps (seeds 1-3) per d; about 30 s in all
            new Part("scaling.json", "TimeToEpsilonBenchmark", new String[][] {{"d", "6", "8", "10", "12"}}, 1, false,
                    1));

    private BenchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            out.print(USAGE);
            return 0;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            return JmhCompare.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("scaling")) {
            return ScalingCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        int from = args.length > 0 && args[0].equals("run") ? 1 : 0;
        Path dir = null;
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else {
                err.print("relulab bench: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        if (dir == null) dir = Path.of("results", machineTag());
        try {
            String refused = refuseFolder(dir);
            if (refused != null) {
                err.println("relulab bench: " + refused);
                return 2;
            }
            Files.createDirectories(dir);
            for (Part p : SUITE) {
                out.println("relulab bench: " + p.file + " ...");
                runPart(p, dir.resolve(p.file), out);
            }
            Files.writeString(dir.resolve("README.md"), readme(dir));
        } catch (IOException | RunnerException e) {
            err.println("relulab bench: " + e.getMessage());
            return 1;
        }
        out.println("relulab bench: results in " + dir + " (README.md has the tables)");
        return 0;
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

    private static String readme(Path dir) throws IOException {
        double peak1 = gflopOf(dir.resolve("peak-1t.json")), peak2 = gflopOf(dir.resolve("peak-2t.json"));
        StringBuilder sb = new StringBuilder("# Benchmarks: ").append(MachineInfo.cpuModel()).append("\n\n");
        sb.append(
                "Written by `./relulab bench` (JMH, one fork, 2 × 1 s warmup (8 for the training step), "
                        + "3 × 1 s measurement).\n\n");
        sb.append(machineTable(String.format(Locale.ROOT,
                "| FMA peak (PeakBenchmark) | %.1f GFLOP/s on 1 thread, %.1f on 2 |%n", peak1, peak2)));
        sb.append('\n');
        List<String> files = new ArrayList<>();
        for (Part p : SUITE) files.add(p.file);
        for (String f : files) {
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
