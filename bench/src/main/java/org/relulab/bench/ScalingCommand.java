package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.relulab.core.Kernels;
import org.relulab.training.cli.UsageException;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.machine.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relulab bench scaling [--quick] [--out DIR]}: runs {@link TimeToEpsilonBenchmark} over a grid of d
 * and {@link StepTimeBenchmark} over d, m and n, then writes into a new machine-tagged folder the JMH JSON,
 * CSV, the two plots and a README with the fits ({@link ScalingReport}).
 */
@Command(name = "scaling", header = ScalingCommand.HEADER, description = ScalingCommand.DESCRIPTION)
final class ScalingCommand implements BenchCli.Command {
    static final String HEADER = "LMZ20 time to eps against d and time per step against d, m, n; about 22 minutes";
    static final String DESCRIPTION = "LMZ20 time to eps against d, and time per step against d, m and n, with "
            + "fits and plots, into a new machine-tagged folder; about 22 minutes on 2 cores, --quick about 3.";

    /** What one variant runs: the d grid and seeds of the time-to-ε runs, the step sizes and their JMH iterations. */
    record Plan(String name, String[] dims, int seeds, String[] sizes, int stepWarmups, int stepIterations) {}

    static final Plan QUICK = new Plan("quick", new String[] {"6", "8", "10", "12", "16", "20"}, 2, StepSize.sweep(2),
            2, 2);
    static final Plan FULL = new Plan("full", new String[] {"8", "10", "12", "14", "16", "20", "24", "28", "32", "36"},
            3,
            StepSize.sweep(3), 3, 3);

    @Option(names = "--quick", arity = "0", description = "the quick variant: d = 6 to 20, 2 seeds, fewer step "
            + "iterations; about 3 minutes on 2 cores")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "the results folder, new or empty "
            + "[results/CPU-Nc-DATE-scaling, -scaling-quick with --quick]")
    Path out;

    ScalingCommand() {}

    @Override
    public int run(PrintStream out, PrintStream err) {
        Plan plan = quick ? QUICK : FULL;
        Path dir = this.out;
        if (dir == null)
            dir = Path.of("results", BenchCommand.machineTag() + "-scaling" + (plan == QUICK ? "-quick" : ""));
        try {
            String refused = BenchCommand.refuseFolder(dir);
            if (refused != null) throw new UsageException("bench scaling: " + refused);
            Files.createDirectories(dir);
            String loadBefore = loadAverage();
            long started = System.nanoTime();
            out.println("relulab bench scaling: time to eps at d = " + String.join(", ", plan.dims) + " (" + plan.seeds
                    + " seeds each) ...");
            runInOrder(timeToEpsilon(plan), dir.resolve("time-to-epsilon.json"), out);
            out.println("relulab bench scaling: time per step at " + plan.sizes.length + " sizes ...");
            runInOrder(stepTime(plan), dir.resolve("step-time.json"), out);
            double minutes = (System.nanoTime() - started) / 60e9;
            List<ScalingReport.Run> runs = ScalingReport.runs(JmhRawData.read(dir.resolve("time-to-epsilon.json")));
            List<ScalingReport.StepTime> steps = ScalingReport
                    .stepTimes(JmhRawData.read(dir.resolve("step-time.json")));
            Files.writeString(dir.resolve("time-to-epsilon.csv"), ScalingReport.runsCsv(runs));
            Files.writeString(dir.resolve("step-time.csv"), ScalingReport.stepCsv(steps));
            ScalingReport.timeToEpsilonPlot(runs).write(dir.resolve("time-to-epsilon.svg"));
            ScalingReport.stepTimePlot(steps).write(dir.resolve("step-time.svg"));
            String fits = ScalingReport.timeToEpsilonMarkdown(runs);
            Files.writeString(dir.resolve("README.md"),
                    readme(plan, runs, steps, fits, minutes, loadBefore, loadAverage()));
            out.print(fits.substring(fits.lastIndexOf("\n\n") + 2));
        } catch (IOException e) { // the results folder could not be written: the machine's failure
            err.println("relulab bench scaling: " + e.getMessage());
            return ExitCode.ENVIRONMENT.code();
        } catch (RunnerException | IllegalArgumentException e) { // a benchmark failed, or its results: relulab's
            err.println("relulab bench scaling: " + e.getMessage());
            return ExitCode.INTERNAL.code();
        }
        out.println("relulab bench scaling: results in " + dir + " (README.md has the tables and fits)");
        return ExitCode.OK.code();
    }

    /** One JMH run (one fork) and what the progress line calls it. */
    record JmhRun(String label, ChainedOptionsBuilder options) {}

    /**
     * The time-to-ε runs, one fork per (d, seed): seed by seed, and within a seed the d in a shuffled order, so
     * that a change of the machine's load during the hour falls on all d alike instead of bending the fit.
     */
    static List<JmhRun> timeToEpsilon(Plan plan) {
        List<JmhRun> runs = new ArrayList<>();
        for (int seed = 1; seed <= plan.seeds; seed++) {
            List<String> dims = new ArrayList<>(List.of(plan.dims));
            Collections.shuffle(dims, new Random(seed));
            for (String d : dims) {
                runs.add(new JmhRun("d = " + d + ", seed " + seed,
                        new OptionsBuilder().include(TimeToEpsilonBenchmark.class.getSimpleName())
                                .forks(1).param("d", d).param("seed", Integer.toString(seed)).warmupIterations(1)
                                .measurementIterations(1)));
            }
        }
        return runs;
    }

    /** The step-time runs, one fork per size, in a shuffled order (for the same reason). */
    static List<JmhRun> stepTime(Plan plan) {
        List<String> sizes = new ArrayList<>(List.of(plan.sizes));
        Collections.shuffle(sizes, new Random(0));
        List<JmhRun> runs = new ArrayList<>();
        for (String size : sizes) {
            runs.add(new JmhRun("size " + size,
                    new OptionsBuilder().include(StepTimeBenchmark.class.getSimpleName()).forks(1)
                            .param("size", size).warmupIterations(plan.stepWarmups).warmupTime(TimeValue.seconds(1))
                            .measurementIterations(plan.stepIterations).measurementTime(TimeValue.seconds(1))));
        }
        return runs;
    }

    /** Runs them in the order given and writes all their results into one JMH JSON file. */
    private static void runInOrder(List<JmhRun> runs, Path file, PrintStream out) throws RunnerException, IOException {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            out.println("relulab bench scaling: run " + (i + 1) + " of " + runs.size() + ": " + runs.get(i).label);
            results.addAll(BenchCommand.runJmh(runs.get(i).options, out));
        }
        try (PrintStream json = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(results);
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux /proc/loadavg), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readme(Plan plan, List<ScalingReport.Run> runs, List<ScalingReport.StepTime> steps,
            String fits,
            double minutes, String loadBefore, String loadAfter) {
        String command = "./relulab bench scaling" + (plan == QUICK ? " --quick" : "");
        List<String> missing = new ArrayList<>();
        for (String d : plan.dims) if (runs.stream().noneMatch(r -> Integer.toString(r.d()).equals(d))) missing.add(d);
        StringBuilder sb = new StringBuilder("# Scaling: LMZ20 time to ε against d, on ").append(MachineInfo.cpuModel())
                .append("\n\n");
        sb.append(String.format(Locale.ROOT,
                "Written by `%s` (the %s variant) in %.1f minutes, from the repository root.%n%n", command, plan.name,
                minutes));
        sb.append(BenchCommand.machineTable(
                String.format(Locale.ROOT, "| load average (1, 5, 15 min) | %s at the start; %s at the end |%n",
                        loadBefore, loadAfter)));
        sb.append(String.format(Locale.ROOT, """

                A load average above the core count means other processes wanted the cores too: wall times then
                include waits for a core, which the CPU times (of the one thread that does the work) leave out.

                ## Setting

                LMZ20's teacher f*(x) = Σ_i (1/d)|x_i| on x ~ N(0, I_d); student f(x) = (1/m) Σ_i ‖w_i‖ |w_iᵀx| from
                w_i ~ N(0, I/d); full-batch GD on J = (1/2n) Σ (f − y)² with η = m/2; m = 4d, n = 10d² training
                samples and as many test samples. Target: test loss × d ≤ ε = %.2f × (1 − 2/π) = %.5f, the constant
                predictor's loss × d being 1 − 2/π and the order-2 plateau's floor 1 − 3/π = %.4f; the test loss is
                checked every %d steps (the check is in the time). One GEMM thread (of %d cores). JMH
                (`TimeToEpsilonBenchmark`): SingleShotTime, one fork per d and seed (seeds 1 to %d: training data,
                test set and initialization all change with the seed), each a warmup run of %d s and then the timed
                run; seed by seed, the d in a shuffled order, so that a change of the machine's load falls on all d
                alike. Per-step times (`StepTimeBenchmark`): AverageTime, one fork per size in a shuffled order,
                %d × 1 s warmup, %d × 1 s measurement.

                ## Time to ε

                ![wall seconds to ε against d, both fits and the flop-count line](time-to-epsilon.svg)

                The flop-count line has the slope 4 of 4nmd = 160d⁴ flops per step (fitted to the runs with that slope
                fixed): the time if the steps to ε did not grow with d. Residuals are mean log10(measured / fitted)
                over a d's runs.

                """, Lmz20Scaling.EPSILON_FRACTION, Lmz20Scaling.EPSILON, Lmz20Scaling.PLATEAU_FLOOR_X_D,
                TimeToEpsilonBenchmark.CHECK_EVERY, Kernels.defaultThreads(), plan.seeds,
                TimeToEpsilonBenchmark.WARMUP_SECONDS,
                plan.stepWarmups, plan.stepIterations));
        sb.append(fits).append('\n');
        if (!missing.isEmpty())
            sb.append("No result for d = ").append(String.join(", ", missing))
                    .append(": the run failed (its error is in the console output).\n\n");
        sb.append("## Time per step\n\n![ms per step against size / base size](step-time.svg)\n\n");
        sb.append(ScalingReport.stepTimeMarkdown(steps)).append('\n');
        sb.append("""
                The local exponent is the slope between a size and the one before it. Each step does the two GEMMs
                (2nmd flops each) and O(nm + md) element-wise work, so at small sizes the time grows more slowly than
                the flop count and at large ones it follows it.

                Files: `time-to-epsilon.json`, `step-time.json` (JMH), `time-to-epsilon.csv` (one row per run),
                `step-time.csv` (one row per size), the two SVG plots.
                """);
        return sb.toString();
    }
}
