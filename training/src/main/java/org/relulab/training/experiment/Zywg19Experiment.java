package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.metrics.PowerLawFit;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.run.MetricsCsv;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.Trainer;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;

/**
 * {@code relulab reproduce zywg19}: the two claims of ZYWG19 for a ReLU teacher with output weights 1 and
 * condition number κ = 2, learned by full-batch GD (η = 0.5 on relulab's objective (1/2n)Σ(f − y)²) by a
 * student of the teacher's width:
 * <ol>
 * <li>convergence: from the tensor initialization, ‖W_t − W*‖_F/‖W*‖_F falls linearly (a straight line on a
 *     log axis); from a random initialization GD may stall. d = 20, K = 10, n = 50 000, noiseless, several
 *     seeds each → convergence.csv, convergence.svg;</li>
 * <li>the error floor: with label noise ν = 0.5 the error stops at a floor that shrinks like √(d/n); d = 20,
 *     K = 5, n from 2 500 to 160 000, tensor init, several seeds → floor.csv, floor.svg with the fitted slope.</li>
 * </ol>
 * Every run keeps its own folder (metrics.csv, manifest.json, plots, weights).
 */
public final class Zywg19Experiment implements Experiment {
    static final int D = 20;
    static final double KAPPA = 2, LR = 0.5;

    private record Plan(int[] convergenceSeeds, long convergenceSteps, int[] floorNs, int[] floorSeeds,
            long floorSteps) {}

    @Override
    public String name() {
        return "zywg19";
    }

    @Override
    public String help() {
        return """
              reproduce zywg19 [--quick] [--out DIR]
                         ZYWG19: GD from the tensor init vs a random init (d = 20, K = 10), and the error floor
                         against n with noisy labels (K = 5); [out: results/reproduce/zywg19(-quick)]
            """;
    }

    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        run(s.out(), s.quick(), s.threads(), out, err);
    }

    static void run(Path dir, boolean quick, int threads, PrintStream out, PrintStream err) throws IOException {
        Plan plan = quick
                ? new Plan(new int[] {1, 2, 3}, 600, new int[] {2_500, 10_000, 40_000}, new int[] {1}, 600)
                : new Plan(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1_500,
                        new int[] {2_500, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000}, new int[] {1, 2, 3}, 1_500);
        List<String> names = new ArrayList<>();
        for (String init : new String[] {"tensor", "random"})
            for (int s : plan.convergenceSeeds) names.add("convergence/" + init + "-s" + s);
        for (int n : plan.floorNs) for (int s : plan.floorSeeds) names.add("floor/n" + n + "-s" + s);
        for (String name : names) OutputFolder.requireNewOrEmpty(dir.resolve(name));
        OutputFolder.requireAbsent(dir, List.of("convergence.csv", "convergence.svg", "floor.csv", "floor.svg"));
        convergence(dir, plan, threads, out, err);
        floor(dir, plan, threads, out, err);
    }

    private static void convergence(Path dir, Plan plan, int threads, PrintStream out, PrintStream err)
            throws IOException {
        int k = 10, n = 50_000;
        StringBuilder csv = new StringBuilder("init,seed,initial_error,final_error,first_step_below_1e-3\n");
        LinePlot plot = new LinePlot(String.format(Locale.ROOT,
                "ZYWG19: GD from the tensor init vs a random init (d = %d, K = %d, κ = %s, n = %d, noiseless)",
                D, k, KAPPA, n), "step", "|W - W*|_F / |W*|_F (best matching)", false);
        for (String init : new String[] {"tensor", "random"}) {
            for (int seed : plan.convergenceSeeds) {
                Path runDir = dir.resolve("convergence/" + init + "-s" + seed);
                RunConfig cfg = config(k, 0, n, init.equals("tensor") ? Initialization.TENSOR : Initialization.GAUSSIAN,
                        plan.convergenceSteps, 10, seed, threads, runDir);
                out.printf(Locale.ROOT, "reproduce zywg19, convergence: %s init, seed %d -> %s%n", init, seed, runDir);
                Trainer.run(cfg, err);
                Map<String, double[]> m = MetricsCsv.read(runDir.resolve("metrics.csv"));
                double[] step = m.get("step"), error = m.get("recovery_error");
                long below = -1;
                for (int i = 0; i < step.length && below < 0; i++) if (error[i] <= 1e-3) below = (long) step[i];
                csv.append(String.format(Locale.ROOT, "%s,%d,%.6g,%.6g,%s%n", init, seed, error[0],
                        error[error.length - 1],
                        below < 0 ? "never" : Long.toString(below)));
                plot.add(init + " init", step, error);
                out.printf(Locale.ROOT, "  recovery error %.3g -> %.3g%s%n", error[0], error[error.length - 1],
                        below < 0 ? ", never below 1e-3" : ", below 1e-3 from step " + below);
            }
        }
        Files.writeString(dir.resolve("convergence.csv"), csv);
        Files.writeString(dir.resolve("convergence.svg"), plot.svg());
    }

    private static void floor(Path dir, Plan plan, int threads, PrintStream out, PrintStream err) throws IOException {
        int k = 5;
        double noise = 0.5;
        StringBuilder csv = new StringBuilder("n,seed,initial_error,final_error,test_loss\n");
        int points = plan.floorNs.length * plan.floorSeeds.length;
        double[] ns = new double[points], errors = new double[points], medianN = new double[plan.floorNs.length],
                median = new double[plan.floorNs.length];
        int p = 0;
        for (int i = 0; i < plan.floorNs.length; i++) {
            int n = plan.floorNs[i];
            double[] perSeed = new double[plan.floorSeeds.length];
            for (int j = 0; j < plan.floorSeeds.length; j++) {
                int seed = plan.floorSeeds[j];
                Path runDir = dir.resolve("floor/n" + n + "-s" + seed);
                RunConfig cfg = config(k, noise, n, Initialization.TENSOR, plan.floorSteps, plan.floorSteps / 10, seed,
                        threads, runDir);
                out.printf(Locale.ROOT, "reproduce zywg19, error floor: n = %d, seed %d -> %s%n", n, seed, runDir);
                Trainer.Result r = Trainer.run(cfg, err);
                double[] error = MetricsCsv.read(runDir.resolve("metrics.csv")).get("recovery_error");
                perSeed[j] = error[error.length - 1];
                ns[p] = n;
                errors[p++] = perSeed[j];
                csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g%n", n, seed, error[0], perSeed[j],
                        r.testLoss()));
                out.printf(Locale.ROOT, "  recovery error %.3g -> %.3g%n", error[0], perSeed[j]);
            }
            Arrays.sort(perSeed);
            medianN[i] = n;
            median[i] = perSeed.length % 2 == 1
                    ? perSeed[perSeed.length / 2]
                    : (perSeed[perSeed.length / 2 - 1] + perSeed[perSeed.length / 2]) / 2;
        }
        PowerLawFit fit = PowerLawFit.of(ns, errors);
        String line = String.format(Locale.ROOT,
                "fit over %d runs: error ~ n^(%.3f ± %.3f) (95 %% CI), R² = %.3f; the paper: n^(-1/2)",
                fit.points(), fit.slope(), fit.slopeCi95(), fit.r2());
        out.println("reproduce zywg19, error floor: " + line);
        csv.append("# ").append(line).append('\n');
        double[] fitted = new double[medianN.length], half = new double[medianN.length];
        for (int i = 0; i < medianN.length; i++) {
            fitted[i] = fit.at(medianN[i]);
            half[i] = fit.at(medianN[0]) * Math.sqrt(medianN[0] / medianN[i]);
        }
        LinePlot plot = new LinePlot(
                String.format(Locale.ROOT, "ZYWG19 error floor (d = %d, K = %d, κ = %s, ν = %s, tensor init + GD)", D,
                        k, KAPPA, noise),
                "training samples n", "final |W - W*|_F / |W*|_F", true)
                .add("median over seeds", medianN, median)
                .add(String.format(Locale.ROOT, "fit: slope %.3f ± %.3f", fit.slope(), fit.slopeCi95()), medianN,
                        fitted)
                .add("slope -1/2 (the paper)", medianN, half);
        Files.writeString(dir.resolve("floor.csv"), csv);
        Files.writeString(dir.resolve("floor.svg"), plot.svg());
    }

    private static RunConfig config(int k, double noise, int n, Initialization init, long steps, long logEvery,
            int seed,
            int threads, Path out) {
        return RunConfig.defaults().teacher(TeacherKind.RELU).d(D).teacherNeurons(k).kappa(KAPPA).noise(noise).n(n).m(k)
                .activation(Activation.RELU).output(OutputLayer.ONES).init(init).lr(LR).steps(steps).logEvery(logEvery)
                .seed(seed).threads(threads).out(out).build();
    }
}
