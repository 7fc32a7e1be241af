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
import org.relulab.training.cli.ParseErrors;
import org.relulab.training.cli.UsageException;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Json;
import org.relulab.training.machine.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relulab bench}: the standard benchmark suite of a machine, written to a new machine-tagged folder
 * ({@code run}, also with no command), the regression comparison of two JMH result files ({@code compare},
 * {@link JmhCompare}) and the scaling study ({@code scaling}, {@link ScalingCommand}); {@link BenchCli} parses the
 * command line. The suite, at 1 thread, half the cores and all of them ({@link ThreadCounts}), is the FMA peak, three
 * GEMM shapes and the training step (with its heap allocation) at each count, five element-wise kernels (SIMD and
 * scalar) and a short LMZ20 time-to-ε sweep (d = 6 to 12): about 5 minutes on 2 cores, with short JMH iterations (one
 * fork, 2 × 1 s warmup (8 for the step), 3 × 1 s measurement), so expect a few percent of noise on a shared machine.
 */
@Command(name = "relulab bench", description = BenchCommand.DESCRIPTION, footerHeading = "%n", footer = {
        BenchCommand.FOOTER})
public final class BenchCommand implements BenchCli.Command {
    static final String SUITE = "the standard suite of this machine (the FMA peak, three GEMM shapes and the training "
            + "step at 1 thread, half the cores and all of them; five element-wise kernels; a short LMZ20 time-to-eps "
            + "sweep) into a new machine-tagged folder; about 5 minutes on 2 cores.";
    static final String DESCRIPTION = "The JMH benchmarks of this machine. Without a command, as run: " + SUITE;
    static final String FOOTER = """
            Examples:
              ./relulab bench                                 the suite into results/CPU-Nc-DATE (about 5 minutes)
              ./relulab bench run --threads 1,2 --out results/my-machine
              ./relulab bench compare base.json new.json      exit 7 when a benchmark regressed
              ./relulab bench scaling --quick                 time to eps against d, about 3 minutes
              java -cp bench/target/benchmarks.jar org.relulab.bench.JmhCompare base.json new.json   (as compare)""";

    /** The suite's options, here for {@code relulab bench} with no command. */
    @Mixin
    SuiteOptions suite = new SuiteOptions();

    BenchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code relulab bench ARGS}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return BenchCli.run(args, out, err, RegressionProfile.processRunner());
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        return suite.run(out, err);
    }

    /** {@code relulab bench run}: the suite, as {@code relulab bench} alone. */
    @Command(name = "run", header = Run.HEADER, description = Run.DESCRIPTION)
    static final class Run implements BenchCli.Command {
        static final String HEADER = "(default) the standard suite into a new machine-tagged folder, about 5 minutes";
        static final String DESCRIPTION = "As relulab bench with no command: " + SUITE;

        @Mixin
        SuiteOptions suite = new SuiteOptions();

        @Override
        public int run(PrintStream out, PrintStream err) {
            return suite.run(out, err);
        }
    }

    /** The suite's options, {@code --out DIR} and {@code --threads LIST}, and the run of the suite with them. */
    static final class SuiteOptions {
        /** The command these options belong to: "bench" or "bench run" in messages. */
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(names = "--out", paramLabel = "DIR", description = "the results folder, new or empty "
                + "[results/CPU-Nc-DATE]")
        Path out;

        @Option(names = "--threads", paramLabel = "LIST", description = "the thread counts, comma-separated, 1 to "
                + ThreadCounts.MAX + " [1, half the cores and all the cores]")
        String threads;

        int run(PrintStream out, PrintStream err) {
            String name = ParseErrors.commandPath(command.commandLine());
            ThreadCounts counts;
            try {
                counts = threads == null ? ThreadCounts.forCores(MachineInfo.cores()) : ThreadCounts.parse(threads);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
            return runSuite(name, this.out != null ? this.out : Path.of("results", machineTag()), counts, out, err);
        }
    }

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

    /** Runs the suite at {@code threads} into {@code dir}; {@code name} is the command, for messages. */
    private static int runSuite(String name, Path dir, ThreadCounts threads, PrintStream out, PrintStream err) {
        try {
            String refused = refuseFolder(dir);
            if (refused != null) throw new UsageException(name + ": " + refused);
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
            err.println("relulab " + name + ": " + e.getMessage());
            return ExitCode.ENVIRONMENT.code();
        } catch (RunnerException e) { // a benchmark failed: relulab's
            err.println("relulab " + name + ": " + e.getMessage());
            return ExitCode.INTERNAL.code();
        }
        out.println("relulab bench: results in " + dir + " (README.md has the tables)");
        return ExitCode.OK.code();
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
