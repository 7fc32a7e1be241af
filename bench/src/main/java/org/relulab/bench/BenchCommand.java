package org.relulab.bench;

import org.relulab.training.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.relulab.core.Kernels;
import org.relulab.training.cli.MachineInfo;

/**
 * {@code relulab bench}: the standard benchmark suite of a machine, written to a new machine-tagged folder
 * ({@code run}), and the regression comparison of two JMH result files ({@code compare}). The suite is the
 * FMA peak (1 and 2 threads), three GEMM shapes, five element-wise kernels (SIMD and scalar) and the
 * training step with its heap allocation: about 4 minutes on 2 cores, with short JMH iterations (one
 * fork, 2 × 1 s warmup (8 for the step), 3 × 1 s measurement), so expect a few percent of noise on a
 * shared machine.
 */
public final class BenchCommand {
    static final String USAGE = """
            usage: relulab bench [run] [--out DIR]      the standard suite into a new machine-tagged folder
                                                        [results/CPU-Nc-DATE]; about 4 minutes on 2 cores
                   relulab bench compare BASE NEW [--threshold F]
                                                        compare two JMH JSON files; exit 1 on a regression
                                                        beyond F (default 0.10) and the error bars
            """;

    /** One JMH run of the suite: its result file and the options that select it. */
    private record Part(String file, String include, String[][] params, int threads, boolean gc, int warmups) {}

    private static final List<Part> SUITE = List.of(
            new Part("peak-1t.json", "PeakBenchmark", new String[0][], 1, false, 2),
            new Part("peak-2t.json", "PeakBenchmark", new String[0][], 2, false, 2),
            new Part("gemm.json", "\\.GemmBenchmark\\.gemm$", new String[][] {{"shape", "sq512", "fwd", "gtx"}, {"threads", "1", "2"}}, 1, false, 2),
            new Part("activation.json", "ActivationBenchmark\\.(relu|reluBackward|dot|axpy|colSums)$",
                    new String[][] {{"n", "65536"}, {"provider", "simd", "scalar"}}, 1, false, 2),
            // 8 warmups: a step is ~30 ms, and the gc profile should see compiled code only
            new Part("train-step.json", "TrainStepBenchmark", new String[0][], 1, true, 8));

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
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        err.println("relulab bench: --out " + dir + " already holds files (expected a new or empty folder)");
                        return 2;
                    }
                }
            }
            Files.createDirectories(dir);
            for (Part p : SUITE) {
                out.println("relulab bench: " + p.file + " ...");
                runPart(p, dir.resolve(p.file));
            }
            Files.writeString(dir.resolve("README.md"), readme(dir));
        } catch (IOException | RunnerException e) {
            err.println("relulab bench: " + e.getMessage());
            return 1;
        }
        out.println("relulab bench: results in " + dir + " (README.md has the tables)");
        return 0;
    }

    private static void runPart(Part p, Path file) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(p.include).forks(1)
                .warmupIterations(p.warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .threads(p.threads).resultFormat(ResultFormatType.JSON).result(file.toString());
        for (String[] param : p.params) o.param(param[0], java.util.Arrays.copyOfRange(param, 1, param.length));
        if (p.gc) o.addProfiler(GCProfiler.class);
        new Runner(o.build()).run();
    }

    /** results/ folder name for this machine: CPU model, cores and the date, e.g. amd-epyc-2c-20261122-2130. */
    static String machineTag() {
        String cpu = MachineInfo.cpuModel().toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (cpu.length() > 40) cpu = cpu.substring(0, 40).replaceAll("-$", "");
        return cpu + "-" + MachineInfo.cores() + "c-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
    }

    private static String readme(Path dir) throws IOException {
        double peak1 = gflopOf(dir.resolve("peak-1t.json")), peak2 = gflopOf(dir.resolve("peak-2t.json"));
        StringBuilder sb = new StringBuilder("# Benchmarks: ").append(MachineInfo.cpuModel()).append("\n\n");
        sb.append("Written by `./relulab bench` (JMH, one fork, 2 × 1 s warmup (8 for the training step), 3 × 1 s measurement).\n\n");
        sb.append("| machine | |\n|---|---|\n");
        sb.append("| CPU | ").append(MachineInfo.cpuModel()).append(" |\n");
        sb.append("| cores | ").append(MachineInfo.cores()).append(" |\n");
        sb.append("| vectors | ").append(FloatVector.SPECIES_PREFERRED.vectorBitSize()).append(" bits, ")
                .append(FloatVector.SPECIES_PREFERRED.length()).append(" fp32 lanes |\n");
        sb.append("| JDK | ").append(MachineInfo.jdk()).append(" |\n");
        sb.append("| OS | ").append(MachineInfo.os()).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| FMA peak (PeakBenchmark) | %.1f GFLOP/s on 1 thread, %.1f on 2 |%n", peak1, peak2));
        sb.append("| relulab | ").append(MachineInfo.gitCommit()).append(" |\n");
        sb.append("| default threads | ").append(Kernels.defaultThreads()).append(" |\n\n");
        List<String> files = new ArrayList<>();
        for (Part p : SUITE) files.add(p.file);
        for (String f : files) {
            sb.append("## ").append(f).append("\n\n");
            sb.append(JmhTable.render(Json.parse(Files.readString(dir.resolve(f))), f.startsWith("gemm") ? peak1 : Double.NaN)).append('\n');
        }
        return sb.toString();
    }

    private static double gflopOf(Path file) throws IOException {
        List<JmhResult> r = JmhResult.read(file);
        return r.isEmpty() ? Double.NaN : r.get(0).gflops();
    }
}
