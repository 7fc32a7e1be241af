package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.run.MetricsCsv;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.Trainer;

/**
 * {@code relulab reproduce as21}: AS21's claim that regularized GD with norm-dependent steps on an
 * over-parameterized student identifies the teacher's neurons. Teacher: m° = 5 orthonormal unit ReLU neurons in
 * d = 20 with a°_j = ±1 alternating; n = 4 000 noiseless samples x ~ N(0, I); student f = (1/m) Σ a_i ReLU(w_iᵀx)
 * from w_i ~ N(0, I/d), a_i ~ N(0, 1), trained by conic particle GD (η = 0.5) on J + λ·|μ|. The grid: m = m° = 5,
 * m = 20 and m = 100, λ = 0 and λ = 0.003, five seeds each; then λ = 0.001 and 0.01 at m = 100 (seed 1) for the
 * bias that λ puts on the masses. {@code --quick}: m = 5 (two seeds) and m = 100 (one seed), 3 000 steps. Writes each
 * run's folder, summary.csv, identification.svg (E against the step),
 * angle.svg (largest angle to a heavy student neuron) and lambda.svg (final E against λ).
 */
public final class As21Experiment implements Experiment {
    static final int D = 20, TEACHER_NEURONS = 5, N = 4_000, TEST_N = 2_000;
    static final double LR = 0.5, LAMBDA = 0.003;
    /**
     * A run counts as identifying the teacher when E ≤ this and every teacher neuron has a heavy student neuron within
     * 5°.
     */
    static final double IDENTIFIED_E = 0.1, IDENTIFIED_DEGREES = 5;

    private record Plan(int[] widths, int[][] seeds, long steps, double[] sweepLambdas) {}

    private record Run(int m, double lambda, int seed, String name) {}

    @Override
    public String name() {
        return "as21";
    }

    @Override
    public String help() {
        return """
              reproduce as21 [--quick] [--out DIR]
                         AS21: identification error of a signed 5-neuron ReLU teacher against the step, conic particle
                         GD with lambda = 0 vs 0.003 and m = 5, 20, 100, five seeds; about 9 minutes, --quick about a
                         minute [out: results/reproduce/as21(-quick)]
            """;
    }

    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        run(s.out(), s.quick(), s.threads(), out, err);
    }

    static void run(Path dir, boolean quick, int threads, PrintStream out, PrintStream err) throws IOException {
        Plan plan = quick
                ? new Plan(new int[] {5, 100}, new int[][] {{1, 2}, {1}}, 3_000, new double[0])
                : new Plan(new int[] {5, 20, 100}, new int[][] {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}},
                        8_000,
                        new double[] {0.001, 0.01});
        List<Run> runs = runs(plan);
        for (Run r : runs) OutputFolder.requireNewOrEmpty(dir.resolve(r.name));
        OutputFolder.requireAbsent(dir, List.of("summary.csv", "identification.svg", "angle.svg", "lambda.svg"));
        String setting = String.format(Locale.ROOT, "d = %d, m° = %d, n = %d, η = %s", D, TEACHER_NEURONS, N, LR);
        LinePlot errors = new LinePlot("AS21: identification error E against the step (" + setting + ")", "step",
                "E (TV distance at 10°, relative)", false);
        LinePlot angles = new LinePlot("AS21: largest angle to a heavy student neuron (" + setting + ")", "step",
                "degrees", false);
        StringBuilder csv = new StringBuilder("m,lambda,seed,steps,final_error,final_mass_outside,final_max_angle_deg,"
                + "min_mass_ratio,max_mass_ratio,final_test_loss,first_step_error_below_0.1,identified\n");
        List<double[]> sweep = new ArrayList<>(); // λ, final E at m = 100, seed 1
        for (Run r : runs) {
            Path runDir = dir.resolve(r.name);
            out.printf(Locale.ROOT, "reproduce as21: m = %d, λ = %s, seed %d -> %s%n", r.m, text(r.lambda), r.seed,
                    runDir);
            Trainer.Result result = Trainer.run(config(r, plan.steps, threads, runDir), err);
            Outcome o = Outcome.read(runDir.resolve("metrics.csv"));
            csv.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%s%n", r.m,
                    text(r.lambda), r.seed, plan.steps, o.finalError(), o.massOutside(), o.finalAngle(), o.minRatio(),
                    o.maxRatio(), result.testLoss(), o.below() < 0 ? "never" : Long.toString(o.below()),
                    o.identified()));
            out.printf(Locale.ROOT,
                    "  E %.3g -> %.3g, mass outside the cones %.3g, largest angle %.3g°, mass ratios %.3f to %.3f%s%n",
                    o.error()[0], o.finalError(), o.massOutside(), o.finalAngle(), o.minRatio(), o.maxRatio(),
                    o.identified() ? "" : " (not identified)");
            if (r.m == 100 && r.seed == 1 && r.lambda > 0) sweep.add(new double[] {r.lambda, o.finalError()});
            if (r.lambda != LAMBDA && r.lambda != 0) continue; // the sweep runs only feed lambda.svg
            String series = String.format(Locale.ROOT, "m = %d, λ = %s", r.m, text(r.lambda));
            errors.add(series, o.step(), o.error());
            angles.add(series, o.step(), o.angle());
        }
        Files.writeString(dir.resolve("summary.csv"), csv);
        Files.writeString(dir.resolve("identification.svg"), errors.svg());
        Files.writeString(dir.resolve("angle.svg"), angles.svg());
        if (sweep.size() > 1) writeLambdaPlot(dir, sweep, plan.steps);
    }

    /** The plan's runs: every width, λ ∈ {0, LAMBDA} and seed, then the λ sweep at m = 100, seed 1. */
    private static List<Run> runs(Plan plan) {
        List<Run> runs = new ArrayList<>();
        for (int w = 0; w < plan.widths.length; w++) {
            for (double lambda : new double[] {0, LAMBDA}) {
                for (int seed : plan.seeds[w])
                    runs.add(new Run(plan.widths[w], lambda, seed, name(plan.widths[w], lambda, seed)));
            }
        }
        for (double lambda : plan.sweepLambdas) runs.add(new Run(100, lambda, 1, name(100, lambda, 1)));
        return runs;
    }

    /** What one run's metrics say about identification: the curves, and their last values. */
    private record Outcome(double[] step, double[] error, double[] angle, double massOutside, double minRatio,
            double maxRatio, long below, boolean identified) {
        static Outcome read(Path metricsCsv) throws IOException {
            Map<String, double[]> m = MetricsCsv.read(metricsCsv);
            double[] step = m.get("step"), e = m.get("identification_error"), angle = m.get("max_angle_deg");
            int last = e.length - 1;
            double minRatio = Double.POSITIVE_INFINITY, maxRatio = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < TEACHER_NEURONS; j++) {
                double ratio = m.get("mass_ratio_" + j)[last];
                minRatio = Math.min(minRatio, ratio);
                maxRatio = Math.max(maxRatio, ratio);
            }
            long below = -1; // the first logged step with E at most IDENTIFIED_E
            for (int i = 0; i <= last && below < 0; i++) if (e[i] <= IDENTIFIED_E) below = (long) step[i];
            boolean identified = e[last] <= IDENTIFIED_E && angle[last] <= IDENTIFIED_DEGREES;
            return new Outcome(step, e, angle, m.get("mass_outside")[last], minRatio, maxRatio, below, identified);
        }

        double finalError() {
            return error[error.length - 1];
        }

        double finalAngle() {
            return angle[angle.length - 1];
        }
    }

    /** lambda.svg: the final E against λ at m = 100, seed 1. */
    private static void writeLambdaPlot(Path dir, List<double[]> sweep, long steps) throws IOException {
        sweep.sort((p, q) -> Double.compare(p[0], q[0]));
        double[] lambdas = sweep.stream().mapToDouble(p -> p[0]).toArray(),
                finals = sweep.stream().mapToDouble(p -> p[1]).toArray();
        Files.writeString(dir.resolve("lambda.svg"), new LinePlot(String.format(Locale.ROOT,
                "AS21: final E against λ (m = 100, seed 1, %d steps)", steps), "λ (path-norm weight)",
                "final E", true)
                .add("final E", lambdas, finals).svg());
    }

    private static String name(int m, double lambda, int seed) {
        return String.format(Locale.ROOT, "m%d-lambda%s-s%d", m, text(lambda), seed);
    }

    private static String text(double lambda) {
        return lambda == 0 ? "0" : Double.toString(lambda);
    }

    private static RunConfig config(Run r, long steps, int threads, Path out) {
        // the signed-relu teacher's defaults: a ReLU student with the a_i/m output
        return RunConfig.defaults().teacher(TeacherKind.SIGNED_RELU).d(D).teacherNeurons(TEACHER_NEURONS).n(N)
                .testN(TEST_N)
                .m(r.m).optimizer(OptimizerKind.AS21).lr(LR).regLambda(r.lambda).steps(steps).logEvery(50).seed(r.seed)
                .threads(threads).out(out).build();
    }
}
