package org.relulab.training.experiment;

import static org.relulab.training.experiment.As21Theory.max;
import static org.relulab.training.experiment.As21Theory.min;
import static org.relulab.training.experiment.As21Theory.values;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.relulab.training.config.RunConfig;
import org.relulab.training.io.WeightFile;
import org.relulab.training.plot.LinePlot;

/**
 * The noisy sweep of {@code reproduce as21} ({@code sweeps/presets/as21/noisy.toml}): label noise ν and a teacher whose
 * unit directions have pairwise cosine ρ, λ swept from 0, m = m° and m ≫ m°, several seeds. Whether and where λ > 0
 * helps: noisy.csv (each run's end state: identification, losses, population loss against the clean teacher,
 * stationarity), noisy-summary.csv (per m and λ over the seeds), noisy-loss.svg (the population loss against λ, with
 * the λ = 0 runs as dashed levels and the population minimizer's bias beside it), noisy-identification.svg (E against
 * λ) and noisy-angle.svg (the largest angle to a heavy student neuron, with the predicted one).
 */
final class As21NoisyReport {
    static final String RUNS_HEADER = "run_id,m,lambda,seed,noise,teacher_cosine,steps,final_error,final_mass_outside,"
            + "final_max_angle_deg,min_mass_ratio,max_mass_ratio,identified,heavy_neurons,final_train_loss,"
            + "final_test_loss,population_loss,stationarity_gap,certificate,error_to_minimizer,"
            + "max_angle_to_minimizer_deg";
    static final String SUMMARY_HEADER = "m,lambda,seeds,identified,population_loss_mean,population_loss_sd,"
            + "population_loss_min,population_loss_max,final_error_mean,final_error_min,final_error_max,"
            + "final_max_angle_deg_mean,heavy_neurons_mean,stationarity_gap_max,certificate_max,"
            + "error_to_minimizer_mean,error_to_minimizer_min,error_to_minimizer_max";

    private As21NoisyReport() {}

    /** Writes the noisy sweep's files from its end states; nothing when it has none. */
    static void write(PresetRuns runs, List<As21Experiment.EndState> states, PrintStream out) throws IOException {
        if (states.isEmpty()) return;
        RunConfig c = states.get(0).run().config();
        StringBuilder csv = new StringBuilder(RUNS_HEADER).append('\n');
        Map<Integer, Map<Double, List<As21Experiment.EndState>>> byM = new TreeMap<>();
        for (As21Experiment.EndState e : states) {
            RunConfig r = e.run().config();
            As21Experiment.Outcome o = e.outcome();
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%d,%.6g,%.6g,"
                    + "%.6g,%.4g,%.4g,%.6g,%.6g%n", runs.runId(e.run()), e.m(), As21Experiment.text(e.lambda()),
                    e.seed(), r.teacher().noise(),
                    r.teacher().cosine(), r.steps(), o.finalError(), o.massOutside(), o.finalAngle(), o.minRatio(),
                    o.maxRatio(), o.identified(), e.stationarity().heavy(), e.run().result().finalTrainLoss(),
                    e.run().result().finalTestLoss(), e.populationLoss(), e.stationarity().heavyGap(),
                    e.stationarity().certificate(), e.toMinimizer().error(), e.toMinimizer().maxAngleDegrees()));
            byM.computeIfAbsent(e.m(), k -> new TreeMap<>()).computeIfAbsent(e.lambda(), k -> new ArrayList<>())
                    .add(e);
        }
        runs.write("noisy.csv", csv);
        String setting = String.format(Locale.ROOT, "ν = %s, ρ = %s, d = %d, m° = %d, n = %d, %d steps",
                c.teacher().noise(), c.teacher().cosine(), c.data().d(), c.teacher().neurons(), c.data().n(),
                c.steps());
        String seeds = "; mean over seeds, min–max band";
        LinePlot loss = new LinePlot("AS21 with label noise: population loss against the clean teacher (" + setting
                + seeds + ")", "λ (path-norm weight)", "E[(f − f°)²]", true);
        LinePlot error = new LinePlot("AS21 with label noise: identification error E (" + setting + seeds + ")",
                "λ (path-norm weight)", "E (TV distance at 10°, relative)", true);
        LinePlot angle = new LinePlot("AS21 with label noise: largest angle to a heavy student neuron (" + setting
                + "; mean over seeds)", "λ (path-norm weight)", "angle (°)", true);
        StringBuilder summary = new StringBuilder(SUMMARY_HEADER).append('\n');
        double[] span = lambdaSpan(byM);
        for (Map.Entry<Integer, Map<Double, List<As21Experiment.EndState>>> m : byM.entrySet()) {
            // λ; mean, min, max of the loss; mean, min, max of E; mean angle; mean E to the population minimizer
            List<double[]> points = new ArrayList<>();
            for (Map.Entry<Double, List<As21Experiment.EndState>> l : m.getValue().entrySet()) {
                List<As21Experiment.EndState> g = l.getValue();
                double[] pop = values(g, As21Experiment.EndState::populationLoss),
                        e = values(g, s -> s.outcome().finalError()), a = values(g, s -> s.outcome().finalAngle()),
                        toMinimizer = values(g, s -> s.toMinimizer().error());
                double meanLoss = mean(pop), meanE = mean(e), meanAngle = mean(a);
                int identified = (int) g.stream().filter(s -> s.outcome().identified()).count();
                double gap = max(values(g, s -> s.stationarity().heavyGap())),
                        certificate = max(values(g, s -> s.stationarity().certificate()));
                summary.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.4g,"
                        + "%.4g,%.4g,%.6g,%.6g,%.6g%n", m.getKey(), As21Experiment.text(l.getKey()), g.size(),
                        identified,
                        meanLoss, sd(pop), min(pop), max(pop), meanE, min(e), max(e), meanAngle,
                        mean(values(g, s -> s.stationarity().heavy())), gap, certificate, mean(toMinimizer),
                        min(toMinimizer), max(toMinimizer)));
                out.printf(Locale.ROOT, "reproduce as21: noisy, m = %d, λ = %s: population loss %.3g (%.3g to %.3g "
                        + "over %d seeds), E %.3g (%.3g to %.3g), largest angle %.3g°, identified %d of %d; E to the "
                        + "population minimizer at λ %.3g (%.3g to %.3g); stationarity: max |sign(a)·J'(θ) + λ| = "
                        + "%.3g, max |J'| = %s%n", m.getKey(), As21Experiment.text(l.getKey()), meanLoss, min(pop),
                        max(pop), g.size(), meanE, min(e), max(e), meanAngle, identified, g.size(), mean(toMinimizer),
                        min(toMinimizer), max(toMinimizer), gap,
                        l.getKey() > 0
                                ? String.format(Locale.ROOT, "%.5f λ", certificate / l.getKey())
                                : String.format(Locale.ROOT, "%.3g", certificate));
                points.add(new double[] {l.getKey(), meanLoss, min(pop), max(pop), meanE, min(e), max(e), meanAngle,
                        mean(toMinimizer)});
            }
            String name = "m = " + m.getKey();
            double[][] positive = points.stream().filter(p -> p[0] > 0).toArray(double[][]::new);
            double[] x = column(positive, 0);
            loss.add(name, x, column(positive, 1)).addBand(name, x, column(positive, 2), column(positive, 3));
            error.add(name, x, column(positive, 4)).addBand(name, x, column(positive, 5), column(positive, 6));
            angle.add(name, x, column(positive, 7));
            error.addPoints(name + " (to the minimizer)", x, column(positive, 8));
            for (double[] p : points) {
                if (p[0] != 0) continue;
                loss.addDashed(name + ", λ = 0", name, span, new double[] {p[1], p[1]});
                error.addDashed(name + ", λ = 0", name, span, new double[] {p[4], p[4]});
                angle.addDashed(name + ", λ = 0", name, span, new double[] {p[7], p[7]});
            }
        }
        addPredictions(states, loss, angle);
        runs.write("noisy-summary.csv", summary);
        loss.write(runs.dir().resolve("noisy-loss.svg"));
        error.write(runs.dir().resolve("noisy-identification.svg"));
        angle.write(runs.dir().resolve("noisy-angle.svg"));
    }

    /** The population minimizer's bias loss and largest angle at each λ > 0, and ν²m°d/n for m = m° at λ = 0. */
    private static void addPredictions(List<As21Experiment.EndState> states, LinePlot loss, LinePlot angle)
            throws IOException {
        Map<Double, As21Experiment.EndState> byLambda = new TreeMap<>();
        double variance = Double.NaN;
        for (As21Experiment.EndState e : states) {
            if (e.lambda() > 0) byLambda.putIfAbsent(e.lambda(), e);
            double v = As21Theory.varianceLoss(e.run().config());
            if (!Double.isNaN(v)) variance = v;
        }
        if (byLambda.size() > 0) {
            double[] x = new double[byLambda.size()], bias = new double[x.length], degrees = new double[x.length];
            int i = 0;
            for (Map.Entry<Double, As21Experiment.EndState> l : byLambda.entrySet()) {
                PresetRuns.Run r = l.getValue().run();
                As21Theory.Prediction p = As21Theory.Prediction.of(r.matrix(WeightFile.TEACHER_LAYER1_WEIGHT),
                        r.vector(WeightFile.TEACHER_OUTPUT_WEIGHT), l.getKey());
                x[i] = l.getKey();
                bias[i] = p.biasLoss();
                degrees[i++] = p.maxAngle();
            }
            loss.addDashed("bias of λ (theory)", x, bias);
            angle.addDashed("population minimizer (theory)", x, degrees);
        }
        if (!Double.isNaN(variance)) loss.addReference("ν²m°d/n (theory, m = m°)", variance);
    }

    /** The smallest and largest λ > 0 of the sweep, where the λ = 0 levels are drawn. */
    private static double[] lambdaSpan(Map<Integer, Map<Double, List<As21Experiment.EndState>>> byM) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Map<Double, List<As21Experiment.EndState>> m : byM.values()) {
            for (double l : m.keySet()) {
                if (l > 0) {
                    lo = Math.min(lo, l);
                    hi = Math.max(hi, l);
                }
            }
        }
        if (hi == 0) return new double[] {1e-3, 1e-2};
        return lo < hi ? new double[] {lo, hi} : new double[] {lo / 2, hi * 2};
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i][j];
        return c;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** The sample standard deviation; 0 for one value. */
    private static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
