package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.PopulationSpikes;

/**
 * theory.csv of {@code reproduce as21}: for each sweep, m and λ, the end states' medians over the seeds beside what
 * the population objective predicts ({@link PopulationSpikes}: the minimizer of ½E[(f − f°)²] + λ|μ| with one spike
 * per teacher neuron, the bias λ puts on masses, directions and the loss, which no number of samples removes), and,
 * with label noise ν, the parametric variance ν²·m°d/n of a student of m = m° neurons at λ = 0 (least squares in a
 * well-specified model with m°d free parameters, the scale of each neuron's (a_i, w_i) being one fewer), beside its
 * population loss. The predictions depend on the teacher only through its Gram matrix and output weights, so each
 * group's is computed from its first run's teacher.
 */
final class As21Theory {
    /** Random starts of the certificate's ascent, beside the spikes' and the teacher's directions. */
    static final int CERTIFICATE_STARTS = 200;

    static final String HEADER = "sweep,m,lambda,noise,teacher_cosine,seeds,identified,population_loss_median,"
            + "predicted_bias_loss,predicted_variance_loss,min_mass_ratio_median,predicted_min_mass_ratio,"
            + "max_mass_ratio_median,predicted_max_mass_ratio,max_angle_deg_median,predicted_max_angle_deg,"
            + "predicted_certificate,error_to_minimizer_median";

    private As21Theory() {}

    /** What the population minimizer at λ predicts for the teacher ({@code w}, {@code a}). */
    record Prediction(double minRatio, double maxRatio, double maxAngle, double biasLoss, double certificate) {
        static Prediction of(double[][] w, double[] a, double lambda) {
            PopulationSpikes p = PopulationSpikes.of(w, a, lambda);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, angle = 0;
            for (int j = 0; j < a.length; j++) {
                double ratio = p.mass(j) / a[j];
                lo = Math.min(lo, ratio);
                hi = Math.max(hi, ratio);
                angle = Math.max(angle, p.angleDegrees(j, w[j]));
            }
            return new Prediction(lo, hi, angle, p.populationLoss(w, a),
                    p.certificate(w, a, CERTIFICATE_STARTS, 1));
        }
    }

    /** ν²·m°d/n for m = m° at λ = 0 with noise; NaN otherwise. */
    static double varianceLoss(RunConfig c) {
        int neurons = c.teacher().neurons();
        if (c.teacher().noise() == 0 || c.student().m() != neurons || c.optimizer().regLambda() != 0) return Double.NaN;
        return c.teacher().noise() * c.teacher().noise() * neurons * c.data().d() / c.data().n();
    }

    /** Writes theory.csv from the end states of each sweep (sweep name → its runs' end states, in order). */
    static void write(PresetRuns runs, Map<String, List<As21Experiment.EndState>> sweeps, PrintStream out)
            throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, List<As21Experiment.EndState>> sweep : sweeps.entrySet()) {
            Map<String, List<As21Experiment.EndState>> groups = new LinkedHashMap<>();
            for (As21Experiment.EndState e : sweep.getValue()) {
                groups.computeIfAbsent(e.m() + "/" + e.lambda(), k -> new ArrayList<>()).add(e);
            }
            for (List<As21Experiment.EndState> g : groups.values()) csv.append(row(sweep.getKey(), g, out));
        }
        runs.write("theory.csv", csv);
    }

    private static String row(String sweep, List<As21Experiment.EndState> g, PrintStream out) throws IOException {
        As21Experiment.EndState first = g.get(0);
        RunConfig c = first.run().config();
        Prediction p = Prediction.of(first.run().matrix(WeightFile.TEACHER_LAYER1_WEIGHT),
                first.run().vector(WeightFile.TEACHER_OUTPUT_WEIGHT),
                first.lambda());
        int identified = 0;
        for (As21Experiment.EndState e : g) if (e.outcome().identified()) identified++;
        double loss = median(g, e -> e.populationLoss()), lo = median(g, e -> e.outcome().minRatio()),
                hi = median(g, e -> e.outcome().maxRatio()), angle = median(g, e -> e.outcome().finalAngle()),
                variance = varianceLoss(c);
        out.printf(Locale.ROOT, "reproduce as21: theory, %s, m = %d, λ = %s (ν = %s, ρ = %s), median of %d seeds "
                + "(%d identified): population loss %.3g (λ's bias %.3g%s), mass ratios %.3f to %.3f (predicted %.3f "
                + "to %.3f), largest angle %.3g° (predicted %.3g°), E to the population minimizer %.3g%s%n", sweep,
                first.m(),
                As21Experiment.text(first.lambda()), c.teacher().noise(), c.teacher().cosine(), g.size(), identified,
                loss, p.biasLoss(),
                Double.isNaN(variance) ? "" : String.format(Locale.ROOT, ", noise's variance ν²m°d/n %.3g", variance),
                lo, hi, p.minRatio(), p.maxRatio(), angle, p.maxAngle(), median(g, e -> e.toMinimizer().error()),
                Double.isNaN(p.certificate())
                        ? ""
                        : String.format(Locale.ROOT, "; population certificate max |J'|/λ = %.4f", p.certificate()));
        return String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%d,%d,%.6g,%.6g,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%.6g%n",
                sweep,
                first.m(), As21Experiment.text(first.lambda()), c.teacher().noise(), c.teacher().cosine(), g.size(),
                identified, loss, p.biasLoss(), Double.isNaN(variance)
                        ? ""
                        : String.format(Locale.ROOT, "%.6g",
                                variance),
                lo, p.minRatio(), hi, p.maxRatio(), angle, p.maxAngle(),
                Double.isNaN(p.certificate()) ? "" : String.format(Locale.ROOT, "%.6g", p.certificate()),
                median(g, e -> e.toMinimizer().error()));
    }

    /** The median of {@code f} over the end states. */
    static double median(List<As21Experiment.EndState> g,
            java.util.function.ToDoubleFunction<As21Experiment.EndState> f) {
        double[] v = g.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double[] values(List<As21Experiment.EndState> g,
            java.util.function.ToDoubleFunction<As21Experiment.EndState> f) {
        return g.stream().mapToDouble(f).toArray();
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
