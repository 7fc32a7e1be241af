package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.PowerLawFit;
import org.relulab.training.metrics.ReluFisher;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.Initialization;

/**
 * {@code relulab reproduce zywg19}: the two claims of ZYWG19 for a ReLU teacher with output weights 1 and
 * condition number κ = 2, learned by full-batch GD (η = 0.5 on relulab's objective (1/2n)Σ(f − y)²) by a
 * student of the teacher's width:
 * <ol>
 * <li>convergence: from the tensor initialization, ‖W_t − W*‖_F/‖W*‖_F falls linearly (a straight line on a
 *     log axis); from a random initialization GD may stall. d = 20, K = 10, n = 50 000, noiseless, several
 *     seeds each → convergence.csv, convergence.svg;</li>
 * <li>the error floor: with label noise ν = 0.5 the error stops at a floor that shrinks like √(d/n); d = 20,
 *     K = 5, n from 2 500 to 160 000, tensor init, several seeds → floor.csv, floor.svg, and floor-fit.csv with
 *     the fitted slope.</li>
 * </ol>
 * The grids are {@code sweeps/presets/zywg19/convergence.toml} and {@code floor.toml}, each a sweep in its own folder
 * (every run with its metrics.csv, manifest.json, plots and weights); {@code --quick}: three seeds, three n, 600 steps.
 * The report reads every setting from the runs, so it also describes an edited spec.
 */
public final class Zywg19Experiment implements SweepExperiment {
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
    public List<String> sweeps() {
        return List.of("convergence", "floor");
    }

    @Override
    public void report(PresetRuns runs, PrintStream out) throws IOException {
        convergence(runs, out);
        floor(runs, out);
    }

    /** An initialization as the report names it: the tensor method, or a random (Gaussian or symmetric) one. */
    private static String init(RunConfig c) {
        return c.student().init() == Initialization.TENSOR ? "tensor" : "random";
    }

    private static void convergence(PresetRuns runs, PrintStream out) throws IOException {
        List<PresetRuns.Run> list = runs.of("convergence");
        StringBuilder csv = new StringBuilder(
                "run_id,init,seed,initial_error,final_error,first_step_below_1e-3,measured_rate,predicted_rate\n");
        RunConfig first = list.get(0).config();
        LinePlot plot = new LinePlot(String.format(Locale.ROOT,
                "ZYWG19: GD from the tensor init vs a random init (d = %d, K = %d, κ = %s, n = %d, noiseless; median "
                        + "over seeds, min–max band)",
                first.data().d(), first.teacher().neurons(),
                first.teacher().kappa(), first.data().n()), "step", "‖W − W*‖_F / ‖W*‖_F (best matching)", false);
        for (PresetRuns.Run r : list) {
            String init = init(r.config());
            long seed = r.config().seed();
            Map<String, double[]> m = r.metrics();
            double[] step = m.get("step"), error = m.get("recovery_error");
            long below = -1;
            for (int i = 0; i < step.length && below < 0; i++) if (error[i] <= 1e-3) below = (long) step[i];
            double measured = linearRate(step, error), predicted = fisher(r).rate(r.config().optimizer().lr());
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.6g,%.6g,%s,%s,%.6f%n", runs.runId(r), init, seed,
                    error[0], error[error.length - 1], below < 0 ? "" : Long.toString(below),
                    Double.isNaN(measured) ? "" : String.format(Locale.ROOT, "%.6f", measured), predicted));
            plot.addSeed(init + " init", step, error);
            out.printf(Locale.ROOT, "reproduce zywg19, convergence: %s init, seed %d: recovery error %.3g -> %.3g%s; "
                    + "rate per step %s (theory: max |1 - η λ(F)| = %.4f)%n", init, seed, error[0],
                    error[error.length - 1], below < 0 ? ", never below 1e-3" : ", below 1e-3 from step " + below,
                    Double.isNaN(measured)
                            ? "not measured (never in 1e-5 .. 1e-2)"
                            : String.format(Locale.ROOT, "%.4f", measured),
                    predicted);
        }
        runs.write("convergence.csv", csv);
        plot.write(runs.dir().resolve("convergence.svg"));
    }

    private static void floor(PresetRuns runs, PrintStream out) throws IOException {
        List<PresetRuns.Run> list = runs.of("floor");
        StringBuilder csv = new StringBuilder("run_id,n,seed,initial_error,final_error,test_loss,predicted_error\n");
        double[] ns = new double[list.size()], errors = new double[list.size()];
        Map<Integer, List<Double>> predictedByN = new LinkedHashMap<>();
        Map<Integer, List<Double>> byN = new LinkedHashMap<>();
        for (int p = 0; p < list.size(); p++) {
            PresetRuns.Run r = list.get(p);
            int n = r.config().data().n();
            double[] error = r.metrics().get("recovery_error");
            ns[p] = n;
            errors[p] = error[error.length - 1];
            byN.computeIfAbsent(n, k -> new ArrayList<>()).add(errors[p]);
            double[][] w = r.matrix(WeightFile.TEACHER_LAYER1_WEIGHT);
            double predicted = ReluFisher.of(w).floor(r.config().teacher().noise(), n, frobenius(w));
            predictedByN.computeIfAbsent(n, k -> new ArrayList<>()).add(predicted);
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6g,%.6g,%.6g,%.6g%n", runs.runId(r), n,
                    r.config().seed(), error[0], errors[p], r.result().finalTestLoss(), predicted));
            out.printf(Locale.ROOT, "reproduce zywg19, error floor: n = %d, seed %d: recovery error %.3g -> %.3g "
                    + "(theory: ν √(tr F⁻¹ / n) / ‖W*‖ = %.3g)%n", n, r.config().seed(), error[0], errors[p],
                    predicted);
        }
        double[] medianN = new double[byN.size()], median = new double[byN.size()];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> e : byN.entrySet()) {
            double[] perSeed = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medianN[i] = e.getKey();
            median[i++] = perSeed.length % 2 == 1
                    ? perSeed[perSeed.length / 2]
                    : (perSeed[perSeed.length / 2 - 1] + perSeed[perSeed.length / 2]) / 2;
        }
        PowerLawFit fit = PowerLawFit.of(ns, errors);
        String line = String.format(Locale.ROOT,
                "fit over %d runs: error ~ n^(%.3f ± %.3f) (95 %% CI), R² = %.3f; the paper: n^(-1/2)",
                fit.points(), fit.slope(), fit.slopeCi95(), fit.r2());
        out.println("reproduce zywg19, error floor: " + line);
        double[] fitted = new double[medianN.length], half = new double[medianN.length];
        for (int j = 0; j < medianN.length; j++) {
            fitted[j] = fit.at(medianN[j]);
            half[j] = fit.at(medianN[0]) * Math.sqrt(medianN[0] / medianN[j]);
        }
        RunConfig c = list.get(0).config();
        LinePlot plot = new LinePlot(
                String.format(Locale.ROOT, "ZYWG19 error floor (d = %d, K = %d, κ = %s, ν = %s, %s init + GD)",
                        c.data().d(), c.teacher().neurons(), c.teacher().kappa(), c.teacher().noise(), init(c)),
                "training samples n", "final ‖W − W*‖_F / ‖W*‖_F", true);
        for (int p = 0; p < list.size(); p++)
            plot.addSeed("final error", new double[] {ns[p]}, new double[] {errors[p]});
        plot.addDashed(String.format(Locale.ROOT, "fit: slope %.3f ± %.3f", fit.slope(), fit.slopeCi95()), medianN,
                fitted)
                .addDashed("slope −1/2 (the paper)", medianN, half)
                .addDashed("Fisher prediction ν √(tr F⁻¹ / n) / ‖W*‖ (mean over seeds)", medianN,
                        predictedByN.values().stream()
                                .mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElse(0))
                                .toArray());
        runs.write("floor.csv", csv);
        runs.write("floor-fit.csv", new FitCsv().add("final_error", "tensor-init-gd", "n", fit, -0.5).csv());
        plot.write(runs.dir().resolve("floor.svg"));
    }

    /**
     * GD's measured contraction of the recovery error per step: exp of the least-squares slope of ln(error) against
     * the step over the logged rows with error in (1e-5, 1e-2), past the start and above float32's floor; NaN with
     * fewer than 3 such rows.
     */
    static double linearRate(double[] step, double[] error) {
        int count = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < step.length; i++) {
            if (!(error[i] > 1e-5 && error[i] < 1e-2)) continue;
            double y = Math.log(error[i]);
            count++;
            sx += step[i];
            sy += y;
            sxx += step[i] * step[i];
            sxy += step[i] * y;
        }
        if (count < 3) return Double.NaN;
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return Math.exp(slope);
    }

    private static ReluFisher fisher(PresetRuns.Run r) throws IOException {
        return ReluFisher.of(r.matrix(WeightFile.TEACHER_LAYER1_WEIGHT));
    }

    private static double frobenius(double[][] w) {
        double s = 0;
        for (double[] row : w) for (double v : row) s += v * v;
        return Math.sqrt(s);
    }
}
