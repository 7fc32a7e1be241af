package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.baseline.ArcCosineKernel;
import org.relulab.training.baseline.DotProductKernel;
import org.relulab.training.baseline.GramKernel;
import org.relulab.training.baseline.KernelRidge;
import org.relulab.training.baseline.LearningCurve;
import org.relulab.training.baseline.NeuralTangentKernel;
import org.relulab.training.baseline.RandomFeatureKernel;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.Dataset;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.experiment.SeparationTable.Estimate;
import org.relulab.training.experiment.SeparationTable.Measurement;
import org.relulab.training.experiment.SeparationTable.Method;
import org.relulab.training.metrics.DoubleRows;
import org.relulab.training.metrics.HermiteCoefficients;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.teacher.AbsTeacher;

/**
 * {@code relulab reproduce beyond-ntk}: LMZ20's separation in numbers. For each d of the grid and each seed, on
 * the same data (LMZ20's teacher f*(x) = Σ_i (1/d)|x_i|, x ~ N(0, I_d), n = 10d² training and {@code testN} test
 * samples, drawn exactly as {@code train} draws them), the test loss × d of
 * <ol>
 * <li>the LMZ20 network f = (1/m)Σ‖w_i‖|w_iᵀx|, m = 4d, full-batch GD at η = m/2 for 16d² steps 
 *     a run folder each, with its Hermite terms);</li>
 * <li>kernel ridge regression with the NTK of the two-layer |·| network (both layers), λ chosen on held-out data;</li>
 * <li>the same with κ₁, the arc-cosine kernel of the last ReLU layer (random features at infinite width);</li>
 * <li>the same with M = 4d² random ReLU features (finite width, as many trained parameters as the network).</li>
 * </ol>
 * LMZ20: the network's loss × d falls towards 0 as d grows, every kernel's stays bounded away from 0 with poly(d)
 * samples. Beside each kernel's measurement, its learning curve from its spectrum ({@link LearningCurve}: the
 * staircase and eigenlearning estimates of the loss with n samples, random features by κ₁ with min(n, M) samples).
 * Writes results.csv, summary.csv, lambda.csv (every λ of the sweeps), estimate.csv and spectrum.csv (the
 * estimates, and the eigenvalues and target power per degree they come from), loss-x-d.svg, kernels.svg (the
 * kernels and their estimates), network.svg and the network's run folders; prints a table. The grid and its sizes,
 * each a stated polynomial of d, are the spec {@code sweeps/presets/beyond-ntk/network.toml}; the kernels use the
 * runs' own d, n, test-n and seed, and M = m·d random features (as many trained parameters as the network).
 */
public final class BeyondNtkExperiment implements SweepExperiment {
    /** The degrees of the floors the loss plot draws: 0 (the constant E[f*]), 2 (what a kernel learns from n ≪ d⁴). */
    static final int[] FLOOR_DEGREES = {0, 2, 4, 6};

    /**
     * Test loss × d of the best predictor of degree ≤ {@code degree} (in x) of LMZ20's target f* = Σ_i (1/d)|x_i|:
     * {@link org.relulab.training.metrics.TargetFloor} with a_i = 1/d, times d: the Hermite tail
     * Σ_{k > degree} ĥ_k(|·|)². 1 − 2/π for the constant, 1 − 3/π for degree 2, which a kernel method reaches from
     * n ≪ d⁴ samples and does not pass.
     */
    static double floor(int degree) {
        return HermiteCoefficients.tail(Activation.ABS, degree);
    }

    /** The random features' seed is the run's seed plus this (the network's initialization uses seed + 5 too). */
    static final long FEATURE_SEED_OFFSET = 5;

    @Override
    public String name() {
        return "beyond-ntk";
    }

    @Override
    public String help() {
        return """
              reproduce beyond-ntk [--quick] [--out DIR]
                         LMZ20's separation: test loss x d against d of the LMZ20 network, the NTK, the kappa1
                         kernel and random features on the same n = 10d^2 samples, each kernel beside its
                         learning curve from its spectrum; d = 8..32, 3 seeds, about 15 minutes on 2 cores,
                         --quick (d = 8..20, 2 seeds) 40 s
                         [out: results/reproduce/beyond-ntk(-quick)]
            """;
    }

    @Override
    public List<String> sweeps() {
        return List.of("network");
    }

    /** The kernels draw the data of LMZ20's teacher with W* = I, noiseless, Gaussian inputs; a two-layer student. */
    @Override
    public void requireReportable(RunConfig c) {
        TeacherConfig t = c.teacher();
        if (t.kind() != TeacherKind.ABS || t.orthogonal() || t.noise() != 0
                || c.data().inputs() != InputDistribution.GAUSSIAN) {
            throw new IllegalArgumentException("the kernels of this report draw LMZ20's data: expected --teacher abs "
                    + "without --orthogonal, --noise 0 and --inputs gaussian");
        }
        if (c.student().network() != NetworkKind.TWO_LAYER) {
            throw new IllegalArgumentException("expected the two-layer LMZ20 network (--network two-layer)");
        }
    }

    /** The kernels on each run's data, then the table, the CSVs and the plots. */
    @Override
    public void report(PresetRuns runs, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        SeparationTable table = new SeparationTable();
        StringBuilder sweeps = new StringBuilder("run_id,method,d,seed,lambda,validation_mse,cg_iterations,failure\n");
        LinePlot curves = new LinePlot("LMZ20 network (m = 4d, η = m/2): test loss × d against the step", "step",
                "test loss × d", false);
        // The kernel methods' GEMM threads, held for the whole report.
        try (Kernels k = Kernels.create(Provider.lookup(), runs.threads())) {
            for (PresetRuns.Run r : runs.of("network")) {
                kernels(k, runs.runId(r), r.config(), table, sweeps, out);
                network(runs.runId(r), r, table, curves, out);
            }
        }
        runs.write("results.csv", table.resultsCsv());
        runs.write("summary.csv", table.summaryCsv());
        runs.write("fit.csv", table.fitCsv());
        runs.write("lambda.csv", sweeps);
        runs.write("estimate.csv", table.estimateCsv());
        runs.write("spectrum.csv", table.spectrumCsv());
        lossPlot(table).write(runs.dir().resolve("loss-x-d.svg"));
        kernelPlot(table).write(runs.dir().resolve("kernels.svg"));
        curves.write(runs.dir().resolve("network.svg"));
        out.println();
        out.print(table.markdown());
        for (String line : table.fitLines()) out.println(line);
        out.printf(Locale.ROOT, "reproduce beyond-ntk: kernels and report in %.1f min -> %s%n",
                (System.nanoTime() - t0) / 6e10, runs.dir());
    }

    /** The three kernel methods on the data of the network run {@code c} ({@code runId} in the tables). */
    private static void kernels(Kernels k, String runId, RunConfig c, SeparationTable table, StringBuilder sweeps,
            PrintStream out) {
        int d = c.data().d();
        long seed = c.seed();
        int n = c.data().n(), features = c.student().m() * d;
        // The teacher and both data sets, freed after the three fits.
        try (Workspace ws = Workspace.shared()) {
            AbsTeacher teacher = new AbsTeacher(ws, d, false, 1, seed);
            Dataset[] data = data(ws, k, teacher, n, c.data().testN(), seed);
            fit(k, runId, Method.NTK, new NeuralTangentKernel(Activation.ABS), data, d, seed, table, sweeps, out);
            fit(k, runId, Method.KAPPA1, new ArcCosineKernel(1), data, d, seed, table, sweeps, out);
            try (RandomFeatureKernel rf = new RandomFeatureKernel(k, d, features, seed + FEATURE_SEED_OFFSET)) {
                fit(k, runId, Method.RF, rf, data, d, seed, table, sweeps, out);
            }
            if (table.estimate(Method.NTK, d) == null) {
                double[] a = DoubleRows.of(teacher.outputWeights())[0];
                for (Method method : List.of(Method.NTK, Method.KAPPA1, Method.RF)) {
                    Estimate e = estimate(method, a, n, features);
                    table.add(e);
                    out.printf(Locale.ROOT,
                            "  d = %2d, %-15s estimate from its spectrum with %.0f samples: test loss x d "
                                    + "%.4g (eigenlearning), %.4g (staircase)%n",
                            d, method.label, e.curve().samples(),
                            e.eigenlearningTimesD(), e.staircaseTimesD());
                }
            }
        }
    }

    /**
     * The learning-curve estimate of a kernel method on LMZ20's target with output weights {@code a}: the NTK and κ₁
     * from their own spectra with n samples; random features from κ₁'s, their infinite-width kernel, with
     * min(n, M) samples, since M features fit at most M directions (a heuristic: it leaves out the error of the
     * finite n beside the finite M).
     */
    static Estimate estimate(Method method, double[] a, int n, int features) {
        DotProductKernel kernel = switch (method) {
            case NTK -> new NeuralTangentKernel(Activation.ABS);
            case KAPPA1, RF -> new ArcCosineKernel(1);
            case NETWORK ->
                throw new IllegalArgumentException("no spectrum for the network (expected a kernel method)");
        };
        double samples = method == Method.RF ? Math.min(n, features) : n;
        return new Estimate(method, a.length, n, LearningCurve.of(kernel, a, samples));
    }

    /**
     * LMZ20's teacher (identity W*, a_i = 1/d) and its training and test sets for {@code seed}, drawn as {@code train}
     * draws them (teacher from seed, training set from seed + 1, test set from seed + 3), so the kernels see the
     * network's data.
     */
    static Dataset[] data(Workspace ws, Kernels k, int d, int n, int testN, long seed) {
        return data(ws, k, new AbsTeacher(ws, d, false, 1, seed), n, testN, seed);
    }

    private static Dataset[] data(Workspace ws, Kernels k, AbsTeacher teacher, int n, int testN, long seed) {
        return new Dataset[] {Dataset.generate(ws, k, teacher, n, seed + 1),
                Dataset.generate(ws, k, teacher, testN, seed + 3)};
    }

    private static void fit(Kernels k, String runId, Method method, GramKernel kernel, Dataset[] data, int d,
            long seed, SeparationTable table, StringBuilder sweeps, PrintStream out) {
        KernelRidge.Result r = KernelRidge.fit(k, kernel, data[0], data[1], KernelRidge.Options.defaults());
        double seconds = r.gramSeconds() + r.solveSeconds();
        table.add(new Measurement(runId, method, d, r.trainSize(), seed, r.testMse(), r.trainMse(), r.lambda(), 0,
                -1, seconds));
        for (KernelRidge.Step s : r.sweep()) {
            sweeps.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%d,%s%n", runId, method.key, d, seed,
                    s.lambda() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", s.lambda()),
                    s.solved() ? String.format(Locale.ROOT, "%.6g", s.validationMse()) : "", s.iterations(),
                    s.solved() ? "" : "\"" + s.failure().replace("\"", "'") + "\""));
        }
        out.printf(Locale.ROOT, "  d = %2d, seed %d, %-15s test loss x d %.4g (λ = %s), %.1f s%n", d, seed,
                method.label, r.testMse() * d,
                r.lambda() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", r.lambda()), seconds);
    }

    /** The LMZ20 network run {@code r}: its result, and the first logged step below the best kernel. */
    private static void network(String runId, PresetRuns.Run r, SeparationTable table, LinePlot curves,
            PrintStream out)
            throws IOException {
        int d = r.config().data().d(), n = r.config().data().n(), m = r.config().student().m();
        long seed = r.config().seed();
        Map<String, double[]> metrics = r.metrics();
        double[] step = metrics.get("step"), test = metrics.get("test_loss"), timesD = metrics.get("test_loss_x_d");
        double kernelBest = table.bestKernelLoss(d, seed);
        long beat = -1;
        for (int i = 0; i < step.length && beat < 0; i++) if (test[i] < kernelBest) beat = (long) step[i];
        RunResult res = r.result();
        table.add(new Measurement(runId, Method.NETWORK, d, n, seed, res.finalTestLoss(), res.finalTrainLoss(),
                Double.NaN,
                res.stepsDone(), beat, res.seconds()));
        curves.addSeed("d = " + d, step, timesD);
        out.printf(Locale.ROOT,
                "  d = %2d, seed %d, %-15s test loss x d %.4g (m = %d, %d steps, below the best kernel %s), %.1f s%s%n",
                d, seed, Method.NETWORK.label, res.finalTestLoss() * d, m, res.stepsDone(),
                beat < 0 ? "never" : "from step " + beat, res.seconds(), res.diverged() ? " (diverged)" : "");
    }

    /** Test loss × d against d: each method's median over seeds and min–max band, and the floors as references. */
    static LinePlot lossPlot(SeparationTable table) {
        LinePlot p = new LinePlot("LMZ20 teacher, n = 10d²: test loss × d against d",
                "input dimension d", "test loss × d", true);
        for (Method method : Method.values()) {
            addSeedLines(p, table, method);
        }
        for (int degree : FLOOR_DEGREES) {
            double f = floor(degree);
            String name = switch (degree) {
                case 0 -> "1 − 2/π: the constant";
                case 2 -> "1 − 3/π: degree ≤ 2 best";
                default -> String.format(Locale.ROOT, "%.4f: degree ≤ %d best", f, degree);
            };
            p.addReference(name, f);
        }
        return p;
    }

    /** Each seed of {@code method}: its test loss × d against d, under the method's label (drawn as their median). */
    private static void addSeedLines(LinePlot p, SeparationTable table, Method method) {
        for (long s : table.rows().stream().mapToLong(Measurement::seed).distinct().sorted().toArray()) {
            List<Measurement> rows = table.rows().stream().filter(x -> x.method() == method && x.seed() == s)
                    .toList();
            if (rows.isEmpty()) continue;
            p.addSeed(method.label, rows.stream().mapToDouble(Measurement::d).toArray(),
                    rows.stream().mapToDouble(Measurement::lossTimesD).toArray());
        }
    }

    /**
     * The kernels alone: the test loss × d against d (median over seeds and min–max band), eigenlearning's estimate
     * from the kernel's spectrum (dashed) and the staircase's (points), in the kernel's colour, and 1 − 3/π.
     */
    static LinePlot kernelPlot(SeparationTable table) {
        LinePlot p = new LinePlot("Kernels, n = 10d²: test loss × d (solid) and the estimates from the spectra",
                "input dimension d", "test loss × d", true);
        for (Method method : Method.values()) {
            if (!method.kernel()) continue;
            addSeedLines(p, table, method);
            List<Estimate> est = table.estimates().stream().filter(e -> e.method() == method).toList();
            if (est.isEmpty()) continue;
            double[] d = est.stream().mapToDouble(Estimate::d).toArray();
            p.addDashed(method.label + ": eigenlearning", method.label, d,
                    est.stream().mapToDouble(Estimate::eigenlearningTimesD).toArray());
            p.addPoints(method.label + ": staircase", method.label, d,
                    est.stream().mapToDouble(Estimate::staircaseTimesD).toArray());
        }
        if (table.dims().length > 0) p.addReference("1 − 3/π: degree ≤ 2 best", floor(2));
        return p;
    }
}
