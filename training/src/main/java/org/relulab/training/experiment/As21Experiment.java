package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.DataSource;
import org.relulab.training.data.Dataset;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.DoubleRows;
import org.relulab.training.metrics.PopulationSpikes;
import org.relulab.training.metrics.ReluPopulationLoss;
import org.relulab.training.metrics.Stationarity;
import org.relulab.training.metrics.TeacherIdentification;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.run.MetricsCsv;
import org.relulab.training.teacher.Teacher;

/**
 * {@code relulab reproduce as21}: AS21's claim that regularized GD with norm-dependent steps on an
 * over-parameterized student identifies the teacher's neurons. Teacher: m° = 5 orthonormal unit ReLU neurons in
 * d = 20 with a°_j = ±1 alternating; n = 4 000 noiseless samples x ~ N(0, I); student f = (1/m) Σ a_i ReLU(w_iᵀx)
 * from w_i ~ N(0, I/d), a_i ~ N(0, 1), trained by conic particle GD (η = 0.5) on J + λ·|μ|. The grid
 * ({@code sweeps/presets/as21/grid.toml}): m = m° = 5, m = 20 and m = 100, λ = 0 and λ = 0.003, five seeds each; then
 * λ = 0.001 and 0.01 at m = 100, seed 1 ({@code lambda.toml}) for the bias that λ puts on the masses; then the same
 * with label noise ν = 0.5 and teacher directions of pairwise cosine ρ = 0.5, λ = 0 to 0.03, m = 5 and 100, five seeds
 * ({@code noisy.toml}, {@link As21NoisyReport}). {@code --quick}: m = 5 and m = 100, two seeds, 3 000 steps, λ = 0.01
 * alone on the λ line and λ = 0 and 0.01 with noise. Writes summary.csv, identification.svg (E against the step),
 * angle.svg (largest angle to a heavy student neuron) and lambda.svg (final E against λ at the largest m, seed 1, from
 * every λ > 0 run there) for the noiseless sweeps; noisy.csv, noisy-summary.csv and noisy-*.svg for the noisy one; and
 * theory.csv, every sweep's medians beside the population objective's predictions ({@link As21Theory}).
 */
public final class As21Experiment implements SweepExperiment {
    /**
     * A run counts as identifying the teacher when E ≤ this and every teacher neuron has a heavy student neuron within
     * 5°.
     */
    static final double IDENTIFIED_E = 0.1, IDENTIFIED_DEGREES = 5;

    @Override
    public String name() {
        return "as21";
    }

    @Override
    public String help() {
        return """
              reproduce as21 [--quick] [--out DIR]
                         AS21: identification error of a signed 5-neuron ReLU teacher against the step, conic particle
                         GD with lambda = 0 vs 0.003 and m = 5, 20, 100, five seeds; then with label noise 0.5 and
                         teacher cosine 0.5, lambda = 0 to 0.03, m = 5 and 100; about 12 minutes on 2 cores, --quick
                         1 minute [out: results/reproduce/as21(-quick)]
            """;
    }

    @Override
    public List<String> sweeps() {
        return List.of("grid", "lambda", NOISY);
    }

    /** The sweep with label noise and a non-orthogonal teacher ({@link As21NoisyReport}). */
    static final String NOISY = "noisy";

    /** The population formulas of the report ({@link ReluPopulationLoss}, {@link PopulationSpikes}) need these. */
    @Override
    public void requireReportable(RunConfig run) {
        if (run.teacher().kind() != TeacherKind.SIGNED_RELU || run.optimizer().kind() != OptimizerKind.AS21
                || run.data().inputs() != InputDistribution.GAUSSIAN
                || run.student().activation() != Activation.RELU) {
            throw new IllegalArgumentException("reproduce as21 reports --teacher signed-relu learnt by --optimizer "
                    + "as21 with --activation relu on --inputs gaussian (got " + run.teacher().kind().key() + ", "
                    + run.optimizer().kind().key() + ", " + run.student().activation().name().toLowerCase(Locale.ROOT)
                    + ", " + run.data().inputs().key() + ")");
        }
    }

    @Override
    public void report(PresetRuns runs, PrintStream out) throws IOException {
        List<PresetRuns.Run> grid = runs.of("grid"), all = new ArrayList<>(grid);
        all.addAll(runs.of("lambda"));
        List<EndState> states = new ArrayList<>();
        RunConfig c = all.get(0).config();
        String setting = String.format(Locale.ROOT, "d = %d, m° = %d, n = %d, η = %s", c.data().d(),
                c.teacher().neurons(), c.data().n(), c.optimizer().lr());
        LinePlot errors = new LinePlot("AS21: identification error E against the step (" + setting + ")", "step",
                "E (TV distance at 10°, relative)", false);
        LinePlot angles = new LinePlot("AS21: largest angle to a heavy student neuron (" + setting + ")", "step",
                "angle (°)", false);
        StringBuilder csv = new StringBuilder(
                "run_id,m,lambda,seed,steps,final_error,final_mass_outside,final_max_angle_deg,"
                        + "min_mass_ratio,max_mass_ratio,final_test_loss,first_step_error_below_0.1,identified,"
                        + "heavy_neurons,stationarity_gap,certificate\n");
        List<double[]> line = new ArrayList<>(); // λ, final E at the largest m, seed 1
        int widest = all.stream().mapToInt(r -> r.config().student().m()).max().orElse(0);
        for (int i = 0; i < all.size(); i++) {
            PresetRuns.Run r = all.get(i);
            int m = r.config().student().m();
            double lambda = r.config().optimizer().regLambda();
            long seed = r.config().seed();
            EndState e = EndState.of(r);
            states.add(e);
            Outcome o = e.outcome();
            Stationarity st = e.stationarity();
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%s,%d,%.4g,%.4g%n",
                    runs.runId(r), m, text(lambda), seed, r.config().steps(), o.finalError(), o.massOutside(),
                    o.finalAngle(),
                    o.minRatio(), o.maxRatio(), r.result().finalTestLoss(),
                    o.below() < 0 ? "" : Long.toString(o.below()), o.identified(), st.heavy(), st.heavyGap(),
                    st.certificate()));
            out.printf(Locale.ROOT, "reproduce as21: m = %d, λ = %s, seed %d: E %.3g -> %.3g, mass outside the cones "
                    + "%.3g, largest angle %.3g°, mass ratios %.3f to %.3f%s; stationarity: %d heavy neurons, "
                    + "max |sign(a)·J'(θ) + λ| = %.3g, max |J'| = %s%n", m, text(lambda), seed, o.error()[0],
                    o.finalError(), o.massOutside(), o.finalAngle(), o.minRatio(), o.maxRatio(),
                    o.identified() ? "" : " (not identified)", st.heavy(), st.heavyGap(),
                    lambda > 0
                            ? String.format(Locale.ROOT, "%.5f λ", st.certificate() / lambda)
                            : String.format(Locale.ROOT, "%.3g", st.certificate()));
            if (m == widest && seed == 1 && lambda > 0) line.add(new double[] {lambda, o.finalError()});
            if (i >= grid.size()) continue; // the λ line's runs only feed lambda.svg
            String series = String.format(Locale.ROOT, "m = %d, λ = %s", m, text(lambda));
            errors.addSeed(series, o.step(), o.error());
            angles.addSeed(series, o.step(), o.angle());
        }
        runs.write("summary.csv", csv);
        errors.write(runs.dir().resolve("identification.svg"));
        angles.write(runs.dir().resolve("angle.svg"));
        if (line.size() > 1) writeLambdaPlot(runs, line, widest, c.steps());
        List<EndState> noisy = new ArrayList<>();
        for (PresetRuns.Run r : runs.of(NOISY)) noisy.add(EndState.of(r));
        As21NoisyReport.write(runs, noisy, out);
        Map<String, List<EndState>> bySweep = new LinkedHashMap<>();
        bySweep.put("grid", states.subList(0, grid.size()));
        bySweep.put("lambda", states.subList(grid.size(), states.size()));
        bySweep.put(NOISY, noisy);
        As21Theory.write(runs, bySweep, out);
    }

    /**
     * One run's end state: its identification curves and their last values, the stationarity of its weights on its
     * training set, its population loss against the clean teacher ({@link ReluPopulationLoss}), and its identification
     * of the minimizer of the population objective at its λ ({@link PopulationSpikes}: what the regularized estimator
     * should find with infinitely many samples; the teacher itself at λ = 0).
     */
    record EndState(PresetRuns.Run run, Outcome outcome, Stationarity stationarity, double populationLoss,
            TeacherIdentification toMinimizer) {
        static EndState of(PresetRuns.Run r) throws IOException {
            RunConfig c = r.config();
            double s = c.student().output().scale(c.student().m());
            double[][] w = r.matrix(WeightFile.STUDENT_LAYER1_WEIGHT),
                    teacherW = r.matrix(WeightFile.TEACHER_LAYER1_WEIGHT);
            double[] a = r.vector(WeightFile.STUDENT_OUTPUT_WEIGHT), scaled = new double[a.length],
                    teacherA = r.vector(WeightFile.TEACHER_OUTPUT_WEIGHT);
            for (int i = 0; i < a.length; i++) scaled[i] = s * a[i];
            PopulationSpikes minimizer = PopulationSpikes.of(teacherW, teacherA, c.optimizer().regLambda());
            return new EndState(r, Outcome.read(r.dir().resolve("metrics.csv"), c.teacher().neurons()),
                    As21Experiment.stationarity(r), ReluPopulationLoss.of(w, scaled, teacherW, teacherA),
                    TeacherIdentification.of(w, scaled, minimizer.spikes(), minimizer.signs()));
        }

        int m() { return run.config().student().m(); }

        double lambda() { return run.config().optimizer().regLambda(); }

        long seed() { return run.config().seed(); }
    }

    /** What one run's metrics say about identification: the curves, and their last values. */
    record Outcome(double[] step, double[] error, double[] angle, double massOutside, double minRatio,
            double maxRatio, long below, boolean identified) {
        static Outcome read(Path metricsCsv, int teacherNeurons) throws IOException {
            Map<String, double[]> m = MetricsCsv.read(metricsCsv);
            double[] step = m.get("step"), e = m.get("identification_error"), angle = m.get("max_angle_deg");
            int last = e.length - 1;
            double minRatio = Double.POSITIVE_INFINITY, maxRatio = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < teacherNeurons; j++) {
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

    /** lambda.svg: the final E against λ at the largest m, seed 1. */
    private static void writeLambdaPlot(PresetRuns runs, List<double[]> sweep, int m, long steps) throws IOException {
        sweep.sort((p, q) -> Double.compare(p[0], q[0]));
        double[] lambdas = sweep.stream().mapToDouble(p -> p[0]).toArray(),
                finals = sweep.stream().mapToDouble(p -> p[1]).toArray();
        new LinePlot(String.format(Locale.ROOT, "AS21: final E against λ (m = %d, seed 1, %d steps)", m, steps),
                "λ (path-norm weight)", "final identification error E", true).add("final E", lambdas, finals)
                .write(runs.dir().resolve("lambda.svg"));
    }

    static String text(double lambda) {
        return lambda == 0 ? "0" : Double.toString(lambda);
    }

    /** Random unit directions the certificate tries, beside the student's own. */
    static final int CERTIFICATE_DIRECTIONS = 2_000;

    /**
     * The end state's stationarity ({@link Stationarity}) on the run's own training set, drawn again from its seed as
     * train drew it, and its saved weights.
     */
    private static Stationarity stationarity(PresetRuns.Run r) throws IOException {
        RunConfig c = r.config();
        double[][] w = r.matrix(WeightFile.STUDENT_LAYER1_WEIGHT);
        double[] a = r.vector(WeightFile.STUDENT_OUTPUT_WEIGHT);
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            Teacher teacher = c.teacher().kind().create(ws, c);
            Dataset train = DataSource.GENERATED.load(ws, k, teacher, c.data().n(), false, c.seed() + 1,
                    c.data().inputs());
            double[][] y = DoubleRows.of(train.y());
            double[] labels = new double[y.length];
            for (int i = 0; i < y.length; i++) labels[i] = y[i][0];
            return Stationarity.of(w, a, c.student().output().scale(c.student().m()), DoubleRows.of(train.x()), labels,
                    c.optimizer().regLambda(), CERTIFICATE_DIRECTIONS, c.seed());
        }
    }

}
