package org.relulab.training.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.training.baseline.KernelRidge;
import org.relulab.training.baseline.TangentFeatures;
import org.relulab.training.baseline.TangentRidge;
import org.relulab.training.config.RunConfig;
import org.relulab.training.io.TextFile;
import org.relulab.training.student.Learner;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.ReluNetworkStudent;

/**
 * A run of {@code --optimizer exact}: instead of the steps, the exact ridge solution of its learner
 * ({@link TangentRidge}) on the run's own training set, from its own initialization θ₀ (so the same seed gives the same
 * data and θ₀ as an SGD run). The learner's trained blocks are set to θ₀ + (θ − θ₀) and scored by the run's own
 * evaluations, like any run: metrics.csv has a row at step 0 (θ₀) and one at the last step (the solution). The λ
 * sweep goes to ridge.csv; the manifest's "exact" entry holds the chosen λ, its held-out MSE, the ridgeless limit and
 * the test MSE of the ridge predictions themselves (computed in double: the evaluated test loss must agree with it).
 */
final class ExactRun {
    private ExactRun() {}

    static Trainer.Outcome solve(AssembledRun run, Kernels k, MetricsCsv.Writer log, PrintStream progress,
            Map<String, Object> manifest, long t0) throws IOException {
        RunConfig cfg = run.config();
        int extras = run.metricColumns().size();
        row(run, k, log, 0, t0, extras);
        Learner learner = run.learner();
        ReluNetworkStudent initial = switch (learner) {
            case LinearizedNetwork lin -> lin.initial();
            case ReluNetworkStudent net -> net;
            default -> throw new IllegalArgumentException("--optimizer exact: the learner " + learner.describe()
                    + " is not linear in its trained weights");
        };
        TangentRidge.Fit fit = TangentRidge.fit(k, initial, cfg.student().trained(), run.train(), run.test(),
                TangentRidge.options());
        Matrix[] blocks = new Matrix[learner.blocks()];
        for (int i = 0; i < blocks.length; i++) blocks[i] = learner.block(i);
        new TangentFeatures(initial, cfg.student().trained()).addTo(fit.step(), blocks);
        double[] losses = row(run, k, log, cfg.steps(), t0, extras);
        KernelRidge.Result r = fit.result();
        progress.println("relulab: exact " + r.summary());
        TextFile.write(cfg.out().resolve("ridge.csv"), sweepCsv(r));
        Map<String, Object> exact = new LinkedHashMap<>();
        exact.put("solved_in", fit.primal() ? "primal" : "dual");
        exact.put("parameters", fit.step().length);
        exact.put("lambda", r.lambda());
        exact.put("validation_mse", r.validationMse());
        exact.put("ridgeless_lambda", r.ridgelessLambda());
        exact.put("ridgeless_validation_mse", r.ridgelessValidationMse());
        exact.put("fit_points", r.fitSize());
        exact.put("validation_points", r.validationSize());
        exact.put("ridge_test_mse", r.testMse());
        exact.put("ridge_train_mse", r.trainMse());
        exact.put("gram_seconds", r.gramSeconds());
        exact.put("solve_seconds", r.solveSeconds());
        manifest.put("exact", exact);
        boolean finite = Double.isFinite(losses[0]) && Double.isFinite(losses[1]);
        return new Trainer.Outcome(cfg.steps(), losses[0], losses[1], !finite);
    }

    /** Logs a metrics row at step t from the run's evaluations; returns {train, test} MSE. */
    private static double[] row(AssembledRun run, Kernels k, MetricsCsv.Writer log, long t, long t0, int extras)
            throws IOException {
        double train = run.trainEval().mse(k, run.evalStep()), test = run.testEval().mse(k, run.evalStep());
        log.row(t, (double) t / run.batches().stepsPerEpoch(), train, test, run.config().data().d(),
                (System.nanoTime() - t0) / 1e9, run.metricValues(t, extras));
        return new double[] {train, test};
    }

    /** ridge.csv: one row per λ of the sweep, largest first, with its held-out MSE; the chosen one marked. */
    static String sweepCsv(KernelRidge.Result r) {
        StringBuilder csv = new StringBuilder("lambda,validation_mse,cg_iterations,factor_lambda,chosen,failure\n");
        for (KernelRidge.Step s : r.sweep()) {
            csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%d,%.6g,%s,%s%n", s.lambda(), s.validationMse(),
                    s.iterations(), s.factorLambda(), s.solved() && s.lambda() == r.lambda(),
                    s.solved() ? "" : '"' + s.failure().replace('"', '\'') + '"'));
        }
        return csv.toString();
    }
}
