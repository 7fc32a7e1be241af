package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.baseline.ArcCosineKernel;
import org.relulab.training.baseline.GramKernel;
import org.relulab.training.baseline.KernelRidge;
import org.relulab.training.baseline.NeuralTangentKernel;
import org.relulab.training.baseline.RandomFeatureKernel;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.Dataset;
import org.relulab.training.experiment.SeparationTable.Measurement;
import org.relulab.training.experiment.SeparationTable.Method;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.run.MetricsCsv;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.Trainer;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.teacher.AbsTeacher;

/**
 * {@code relulab reproduce beyond-ntk}: LMZ20's separation in numbers. For each d of the grid and each seed, on
 * the same data (LMZ20's teacher f*(x) = Σ_i (1/d)|x_i|, x ~ N(0, I_d), n = 10d² training and {@code testN} test
 * samples, drawn exactly as {@link Trainer} draws them), the test loss × d of
 * <ol>
 * <li>the LMZ20 network f = (1/m)Σ‖w_i‖|w_iᵀx|, m = 4d, full-batch GD at η = m/2 for 16d² steps (K·d² with
 *     {@code --steps-per-d2 K}; a run folder
 *     each, with its Hermite terms);</li>
 * <li>kernel ridge regression with the NTK of the two-layer |·| network (both layers), λ chosen on held-out data;</li>
 * <li>the same with κ₁, the arc-cosine kernel of the last ReLU layer (random features at infinite width);</li>
 * <li>the same with M = 4d² random ReLU features (finite width, as many trained parameters as the network).</li>
 * </ol>
 * LMZ20: the network's loss × d falls towards 0 as d grows, every kernel's stays bounded away from 0 with poly(d)
 * samples. Writes results.csv, summary.csv, lambda.csv (every λ of the sweeps), loss-x-d.svg, network.svg and the
 * network's run folders; prints a table. The grid and sizes: {@link BeyondNtkPlan}.
 */
public final class BeyondNtkExperiment implements Experiment {
    static final String COMMAND = "reproduce beyond-ntk";
    static final String[] FILES = {"results.csv", "summary.csv", "lambda.csv", "loss-x-d.svg", "network.svg"};
    /**
     * (1 − 3/π): test loss × d of the best predictor of degree ≤ 2, the part of f* a kernel learns from n ≪ d⁴ samples.
     */
    static final double DEGREE_2_FLOOR = 1 - 3 / Math.PI;
    /** (1 − 2/π): test loss × d of the constant predictor E[f*]. */
    static final double CONSTANT_PREDICTOR = 1 - 2 / Math.PI;

    @Override
    public String name() {
        return "beyond-ntk";
    }

    @Override
    public String help() {
        return """
              reproduce beyond-ntk [--quick] [--d 8,16,32] [--seeds N] [--steps-per-d2 K] [--out DIR]
                         LMZ20's separation: test loss x d against d of the LMZ20 network, the NTK, the kappa1
                         kernel and random features on the same n = 10d^2 samples; d = 8..32, 3 seeds, about 30
                         minutes, --quick (d = 8..20, 2 seeds) about 2 minutes
                         [out: results/reproduce/beyond-ntk(-quick)]
            """;
    }

    @Override
    public List<String> options() {
        return List.of("d", "seeds", "steps-per-d2");
    }

    /** Reads its options (--d, --seeds, --steps-per-d2), checks the output folder, and runs. */
    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        ExperimentOptions o = s.options();
        boolean quick = s.quick();
        BeyondNtkPlan base = quick ? BeyondNtkPlan.quick() : BeyondNtkPlan.full();
        BeyondNtkPlan plan = new BeyondNtkPlan(o.has("d") ? BeyondNtkPlan.parseDims(o.string("d", "")) : base.dims(),
                o.integer("seeds", base.seeds(), 1, BeyondNtkPlan.MAX_SEEDS), base.testN(),
                o.integer("steps-per-d2", BeyondNtkPlan.DEFAULT_STEPS_PER_D2, 1, BeyondNtkPlan.MAX_STEPS_PER_D2));
        checkOutputs(s.out(), plan);
        run(s.out(), plan, s.threads(), out);
    }

    /** Refuses, before any work, an output folder that already holds this command's files. */
    static void checkOutputs(Path dir, BeyondNtkPlan plan) {
        for (int d : plan.dims())
            for (int s = 1; s <= plan.seeds(); s++) OutputFolder.requireNewOrEmpty(dir.resolve(runName(d, s)));
        OutputFolder.requireAbsent(dir, List.of(FILES));
    }

    static String runName(int d, long seed) {
        return "network/d" + d + "-s" + seed;
    }

    static void run(Path dir, BeyondNtkPlan plan, int threads, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        out.printf(Locale.ROOT,
                "%s: d = %s, %d seeds; n = 10d², m = 4d, %dd² GD steps at η = m/2, M = 4d² random features, "
                        + "%d test samples -> %s%n",
                COMMAND, java.util.Arrays.toString(plan.dims()), plan.seeds(), plan.stepsPerD2(), plan.testN(), dir);
        SeparationTable table = new SeparationTable();
        StringBuilder sweeps = new StringBuilder("method,d,seed,lambda,validation_mse,cg_iterations,failure\n");
        LinePlot curves = new LinePlot("LMZ20 network (m = 4d, η = m/2): test loss × d against the step", "step",
                "test loss × d", false);
        Files.createDirectories(dir);
        // The kernel methods' GEMM threads, held for the whole run; each network run opens its own.
        try (Kernels k = Kernels.create(Provider.lookup(), threads)) {
            for (int d : plan.dims()) {
                for (long seed = 1; seed <= plan.seeds(); seed++) {
                    kernels(k, plan, d, seed, table, sweeps, out);
                    network(dir, plan, d, seed, threads, table, curves, out);
                }
            }
        }
        Files.writeString(dir.resolve("results.csv"), table.resultsCsv());
        Files.writeString(dir.resolve("summary.csv"), table.summaryCsv());
        Files.writeString(dir.resolve("lambda.csv"), sweeps);
        Files.writeString(dir.resolve("loss-x-d.svg"), lossPlot(table, plan).svg());
        Files.writeString(dir.resolve("network.svg"), curves.svg());
        out.println();
        out.print(table.markdown());
        for (String line : table.fitLines()) out.println(line);
        out.printf(Locale.ROOT, "%s: done in %.1f min -> %s%n", COMMAND, (System.nanoTime() - t0) / 6e10, dir);
    }

    /** The three kernel methods on the data of (d, seed). */
    private static void kernels(Kernels k, BeyondNtkPlan plan, int d, long seed, SeparationTable table,
            StringBuilder sweeps,
            PrintStream out) {
        int n = BeyondNtkPlan.n(d);
        // The teacher and both data sets, freed after the three fits.
        try (Workspace ws = Workspace.shared()) {
            Dataset[] data = data(ws, k, d, n, plan.testN(), seed);
            fit(k, Method.NTK, new NeuralTangentKernel(Activation.ABS), data, d, seed, table, sweeps, out);
            fit(k, Method.KAPPA1, new ArcCosineKernel(1), data, d, seed, table, sweeps, out);
            try (RandomFeatureKernel rf = new RandomFeatureKernel(k, d, BeyondNtkPlan.features(d), seed + 5)) {
                fit(k, Method.RF, rf, data, d, seed, table, sweeps, out);
            }
        }
    }

    /**
     * LMZ20's teacher (identity W*, a_i = 1/d) and its training and test sets for {@code seed}, drawn as {@link
     * Trainer}
     * draws them (teacher from seed, training set from seed + 1, test set from seed + 3), so the kernels see the
     * network's data.
     */
    static Dataset[] data(Workspace ws, Kernels k, int d, int n, int testN, long seed) {
        AbsTeacher teacher = new AbsTeacher(ws, d, false, 1, seed);
        return new Dataset[] {Dataset.generate(ws, k, teacher, n, seed + 1),
                Dataset.generate(ws, k, teacher, testN, seed + 3)};
    }

    private static void fit(Kernels k, Method method, GramKernel kernel, Dataset[] data, int d, long seed,
            SeparationTable table,
            StringBuilder sweeps, PrintStream out) {
        KernelRidge.Result r = KernelRidge.fit(k, kernel, data[0], data[1], KernelRidge.Options.defaults());
        double seconds = r.gramSeconds() + r.solveSeconds();
        table.add(
                new Measurement(method, d, r.trainSize(), seed, r.testMse(), r.trainMse(), r.lambda(), 0, -1, seconds));
        for (KernelRidge.Step s : r.sweep()) {
            sweeps.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%d,%s%n", method.key, d, seed,
                    s.lambda() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", s.lambda()),
                    s.solved() ? String.format(Locale.ROOT, "%.6g", s.validationMse()) : "", s.iterations(),
                    s.solved() ? "" : "\"" + s.failure().replace("\"", "'") + "\""));
        }
        out.printf(Locale.ROOT, "  d = %2d, seed %d, %-15s test loss x d %.4g (λ = %s), %.1f s%n", d, seed,
                method.label, r.testMse() * d,
                r.lambda() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", r.lambda()), seconds);
    }

    /** The LMZ20 network on the data of (d, seed), in its own run folder. */
    private static void network(Path dir, BeyondNtkPlan plan, int d, long seed, int threads, SeparationTable table,
            LinePlot curves,
            PrintStream out) throws IOException {
        int n = BeyondNtkPlan.n(d), m = BeyondNtkPlan.m(d);
        long steps = plan.steps(d);
        Path runDir = dir.resolve(runName(d, seed));
        RunConfig cfg = RunConfig.defaults().teacher(TeacherKind.ABS).d(d).n(n).testN(plan.testN()).m(m)
                .lr(BeyondNtkPlan.lr(d)).steps(steps).logEvery(plan.logEvery(d)).seed(seed).threads(threads).out(runDir)
                .build();
        // one line per run below
        Trainer.Result r = Trainer.run(cfg, new PrintStream(java.io.OutputStream.nullOutputStream()));
        Map<String, double[]> metrics = MetricsCsv.read(runDir.resolve("metrics.csv"));
        double[] step = metrics.get("step"), test = metrics.get("test_loss"), timesD = metrics.get("test_loss_x_d");
        double kernelBest = table.bestKernelLoss(d, seed);
        long beat = -1;
        for (int i = 0; i < step.length && beat < 0; i++) if (test[i] < kernelBest) beat = (long) step[i];
        table.add(new Measurement(Method.NETWORK, d, n, seed, r.testLoss(), r.trainLoss(), Double.NaN, r.steps(), beat,
                r.seconds()));
        curves.add("d = " + d, step, timesD);
        out.printf(Locale.ROOT,
                "  d = %2d, seed %d, %-15s test loss x d %.4g (m = %d, %d steps, below the best kernel %s), %.1f s%s%n",
                d, seed,
                Method.NETWORK.label, r.testLoss() * d, m, r.steps(), beat < 0 ? "never" : "from step " + beat,
                r.seconds(),
                r.diverged() ? " (diverged)" : "");
    }

    /** Test loss × d against d: every seed of every method (one color a method), and the two reference levels. */
    static LinePlot lossPlot(SeparationTable table, BeyondNtkPlan plan) {
        LinePlot p = new LinePlot("LMZ20 teacher, n = 10d²: test loss × d against d (each line one seed)",
                "input dimension d",
                "test loss × d", true);
        for (Method method : Method.values()) {
            for (long seed = 1; seed <= plan.seeds(); seed++) {
                final long s = seed;
                List<Measurement> rows = table.rows().stream().filter(x -> x.method() == method && x.seed() == s)
                        .toList();
                if (rows.isEmpty()) continue;
                p.add(method.label, rows.stream().mapToDouble(Measurement::d).toArray(),
                        rows.stream().mapToDouble(Measurement::lossTimesD).toArray());
            }
        }
        int[] dims = plan.dims();
        double[] ends = {dims[0], dims[dims.length - 1]};
        p.add("1 − 3/π: degree ≤ 2 best", ends, new double[] {DEGREE_2_FLOOR, DEGREE_2_FLOOR});
        p.add("1 − 2/π: constant", ends, new double[] {CONSTANT_PREDICTOR, CONSTANT_PREDICTOR});
        return p;
    }
}
