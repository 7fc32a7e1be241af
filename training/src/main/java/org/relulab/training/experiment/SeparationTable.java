package org.relulab.training.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relulab.training.baseline.LearningCurve;
import org.relulab.training.metrics.PowerLawFit;

/**
 * The measurements of {@code reproduce beyond-ntk}: one test loss per method, input dimension d and seed, each
 * kernel method's learning-curve estimate per d, and what is built from them: results.csv (every measurement),
 * summary.csv (mean, standard deviation, min and max of test loss × d over the seeds, the estimates beside the
 * kernels'), estimate.csv (the estimates in full), the console table, and a power law loss × d ~ d^slope per method.
 * Pure: no files, no training.
 */
final class SeparationTable {
    /** The learners compared, in the order of every table. */
    enum Method {
        NETWORK("network", "LMZ20 network"),
        NTK("ntk", "NTK (abs net)"),
        KAPPA1("kappa1", "κ₁ kernel"),
        RF("rf", "random features");

        final String key, label;

        Method(String key, String label) {
            this.key = key;
            this.label = label;
        }

        boolean kernel() { return this != NETWORK; }
    }

    /**
     * One learner's result at one d and seed. Kernels: the chosen {@code lambda}, {@code steps} 0. The network:
     * {@code lambda} NaN, its GD {@code steps}, and the first logged step whose test loss was below the best kernel's
     * of the same d and seed ({@code stepsToBeatKernels}, −1 when it never was).
     */
    record Measurement(String runId, Method method, int d, int n, long seed, double testLoss, double trainLoss,
            double lambda,
            long steps,
            long stepsToBeatKernels, double seconds) {
        Measurement {
            if (method == null) throw new IllegalArgumentException("measurement without a method");
            if (d < 1 || n < 1)
                throw new IllegalArgumentException(method.key + ": d = " + d + ", n = " + n + " (expected at least 1)");
        }

        double lossTimesD() { return testLoss * d; }
    }

    /**
     * A kernel method's test loss at one d and n estimated from its spectrum ({@link LearningCurve}): the same for
     * every seed. {@code curve.samples()} is the n it was given (min(n, M) for M random features).
     */
    record Estimate(Method method, int d, int n, LearningCurve.Estimate curve) {
        Estimate {
            if (!method.kernel())
                throw new IllegalArgumentException("an estimate for " + method.key
                        + " (expected a kernel method)");
        }

        double staircaseTimesD() { return curve.staircase().loss() * d; }

        double eigenlearningTimesD() { return curve.eigenlearning().loss() * d; }
    }

    /** Test loss × d of one method at one d over its seeds: sample standard deviation (0 for one seed), range. */
    record Summary(Method method, int d, int n, int count, double mean, double sd, double min, double max) {}

    static final String RESULTS_HEADER = "run_id,method,d,n,seed,test_loss,test_loss_x_d,train_loss,lambda,steps,"
            + "steps_to_beat_kernels,seconds";
    static final String SUMMARY_HEADER = "method,d,n,seeds,mean_test_loss_x_d,sd,min,max,staircase_x_d,"
            + "eigenlearning_x_d";
    static final String ESTIMATE_HEADER = "method,d,n,samples,staircase_x_d,staircase_degrees,staircase_dimensions,"
            + "eigenlearning_x_d,eigenlearning_lambda,measured_mean_x_d";
    static final String SPECTRUM_HEADER = "method,d,degree,tail,multiplicity,eigenvalue,eigenvalue_mass,"
            + "target_power_x_d,eigenlearning_learned_fraction";

    private final List<Measurement> rows = new ArrayList<>();
    private final List<Estimate> estimates = new ArrayList<>();

    void add(Measurement m) { rows.add(m); }

    List<Measurement> rows() { return List.copyOf(rows); }

    /** Adds a kernel method's estimate at d; one per method and d. */
    void add(Estimate e) {
        if (estimate(e.method(), e.d()) != null) {
            throw new IllegalArgumentException("a second estimate for " + e.method().key + " at d = " + e.d());
        }
        estimates.add(e);
    }

    List<Estimate> estimates() { return List.copyOf(estimates); }

    /** The estimate of {@code method} at d, or null. */
    Estimate estimate(Method method, int d) {
        return estimates.stream().filter(e -> e.method() == method && e.d() == d).findFirst().orElse(null);
    }

    /** The dimensions measured, increasing. */
    int[] dims() {
        return rows.stream().mapToInt(Measurement::d).distinct().sorted().toArray();
    }

    /** The smallest test loss of the kernel methods at (d, seed), or NaN when none was measured. */
    double bestKernelLoss(int d, long seed) {
        double best = Double.NaN;
        for (Measurement m : rows) {
            if (m.method.kernel() && m.d == d && m.seed == seed && !(m.testLoss >= best)) best = m.testLoss;
        }
        return best;
    }

    /** The summary of each method at each d it was measured at, methods in {@link Method} order, d increasing. */
    List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (Method method : Method.values()) {
            for (int d : dims()) {
                List<Measurement> at = rows.stream().filter(m -> m.method == method && m.d == d).toList();
                if (at.isEmpty()) continue;
                double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                for (Measurement m : at) {
                    sum += m.lossTimesD();
                    min = Math.min(min, m.lossTimesD());
                    max = Math.max(max, m.lossTimesD());
                }
                double mean = sum / at.size(), ss = 0;
                for (Measurement m : at) ss += (m.lossTimesD() - mean) * (m.lossTimesD() - mean);
                double sd = at.size() > 1 ? Math.sqrt(ss / (at.size() - 1)) : 0;
                out.add(new Summary(method, d, at.get(0).n, at.size(), mean, sd, min, max));
            }
        }
        return out;
    }

    /** loss × d ≈ C·d^slope over every seed's point, or null with fewer than 3 points or a single d. */
    PowerLawFit fit(Method method) {
        List<Measurement> of = rows.stream().filter(m -> m.method == method).toList();
        if (of.size() < 3 || of.stream().mapToInt(Measurement::d).distinct().count() < 2) return null;
        double[] x = of.stream().mapToDouble(Measurement::d).toArray(),
                y = of.stream().mapToDouble(Measurement::lossTimesD).toArray();
        try {
            return PowerLawFit.of(x, y);
        } catch (IllegalArgumentException e) {
            return null; // too few positive finite values
        }
    }

    /** results.csv: every measurement; cells that do not apply to a method are empty. */
    String resultsCsv() {
        StringBuilder sb = new StringBuilder(RESULTS_HEADER).append('\n');
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.6g,%.6g,%.6g,%s,%s,%s,%.1f%n", m.runId, m.method.key,
                    m.d, m.n, m.seed, m.testLoss,
                    m.lossTimesD(), m.trainLoss, m.method.kernel() ? lambda(m.lambda) : "",
                    m.method.kernel() ? "" : Long.toString(m.steps),
                    m.method.kernel() ? "" : m.stepsToBeatKernels < 0 ? "" : Long.toString(m.stepsToBeatKernels),
                    m.seconds));
        }
        return sb.toString();
    }

    /**
     * estimate.csv: one row per kernel method and d: the samples the estimate was given, the staircase's loss × d,
     * the degrees it learns (in the order bought, "+"-separated) and their dimensions, eigenlearning's loss × d and
     * the ridge λ (KernelRidge's) that minimizes it, and the measured mean loss × d over the seeds beside them.
     */
    String estimateCsv() {
        StringBuilder sb = new StringBuilder(ESTIMATE_HEADER).append('\n');
        List<Summary> all = summaries();
        for (Estimate e : estimates) {
            LearningCurve.Staircase st = e.curve().staircase();
            Summary measured = all.stream().filter(x -> x.method == e.method() && x.d == e.d()).findFirst()
                    .orElse(null);
            StringBuilder degrees = new StringBuilder();
            for (int l : st.learnedDegrees()) degrees.append(degrees.isEmpty() ? "\"[" : ", ").append(l);
            degrees.append(degrees.isEmpty() ? "\"[" : "").append("]\"");
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.0f,%s,%s,%.0f,%s,%s,%s%n", e.method().key, e.d(), e.n(),
                    e.curve().samples(), g6(e.staircaseTimesD()), degrees, st.dimensions(),
                    g6(e.eigenlearningTimesD()), lambda(e.curve().eigenlearning().lambda()),
                    measured == null ? "" : g6(measured.mean)));
        }
        return sb.toString();
    }

    /**
     * spectrum.csv: for each kernel method and d, each degree ℓ of its spectrum: the multiplicity N(d, ℓ), the
     * eigenvalue μ_ℓ, N(d, ℓ)·μ_ℓ, the target's power there × d, and the fraction L_ℓ of it that eigenlearning learns;
     * then a row "&gt;L" for the degrees above the last, with their eigenvalue mass and target power, learned 0.
     */
    String spectrumCsv() {
        StringBuilder sb = new StringBuilder(SPECTRUM_HEADER).append('\n');
        for (Estimate e : estimates) {
            LearningCurve.Estimate c = e.curve();
            for (int l = 0; l <= c.spectrum().maxDegree(); l++) {
                double n = c.spectrum().multiplicity(l), mu = c.spectrum().eigenvalue(l);
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,false,%.0f,%.6g,%.6g,%.6g,%.6g%n", e.method().key, e.d(),
                        l,
                        n, mu, n * mu, c.target().power(l) * e.d(), c.learnedFraction(l)));
            }
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,true,,,%.6g,%.6g,0%n", e.method().key, e.d(),
                    c.spectrum().maxDegree() + 1, c.spectrum().tailTrace(), c.target().tailPower() * e.d()));
        }
        return sb.toString();
    }

    private static String g6(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** summary.csv: one row per method and d (the power-law fits are {@link #fitCsv}'s). */
    String summaryCsv() {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Summary s : summaries()) {
            Estimate e = estimate(s.method, s.d);
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.3g,%.6g,%.6g,%s,%s%n", s.method.key, s.d, s.n,
                    s.count, s.mean, s.sd, s.min, s.max, e == null ? "" : g6(e.staircaseTimesD()),
                    e == null ? "" : g6(e.eigenlearningTimesD())));
        }
        return sb.toString();
    }

    /** fit.csv: per method that has one, the power-law fit of its test loss × d against d ({@link FitCsv}). */
    String fitCsv() {
        FitCsv csv = new FitCsv();
        for (Method method : Method.values()) {
            PowerLawFit f = fit(method);
            if (f != null) csv.add("test_loss_x_d", method.key, "d", f, Double.NaN);
        }
        return csv.csv();
    }

    /** One line per method that has a fit: "network: loss x d ~ d^(-1.23 ± 0.45) (95 % CI), R² = 0.9, 21 points". */
    List<String> fitLines() {
        List<String> lines = new ArrayList<>();
        for (Method method : Method.values()) {
            PowerLawFit f = fit(method);
            if (f == null) continue;
            lines.add(String.format(Locale.ROOT, "%s: test loss x d ~ d^(%.2f ± %.2f) (95 %% CI), R² = %.2f, %d points",
                    method.key,
                    f.slope(), f.slopeCi95(), f.r2(), f.points()));
        }
        return lines;
    }

    /**
     * The console table (Markdown): one row per d, one column per method, "mean ± sd" of test loss × d over the seeds,
     * and after each kernel method with estimates an "estimate" column: eigenlearning's loss × d (the staircase's).
     */
    String markdown() {
        List<Summary> all = summaries();
        StringBuilder sb = new StringBuilder("| d | n |");
        StringBuilder rule = new StringBuilder("|---:|---:|");
        for (Method method : Method.values()) {
            if (all.stream().noneMatch(s -> s.method == method)) continue;
            sb.append(' ').append(method.label).append(" |");
            rule.append("---:|");
            if (hasEstimates(method)) {
                sb.append(" estimate |");
                rule.append("---:|");
            }
        }
        sb.append('\n').append(rule).append('\n');
        for (int d : dims()) {
            int n = all.stream().filter(s -> s.d == d).findFirst().orElseThrow().n;
            sb.append(String.format(Locale.ROOT, "| %d | %d |", d, n));
            for (Method method : Method.values()) {
                if (all.stream().noneMatch(s -> s.method == method)) continue;
                Summary s = all.stream().filter(x -> x.method == method && x.d == d).findFirst().orElse(null);
                sb.append(s == null
                        ? " |"
                        : s.count > 1
                                ? String.format(Locale.ROOT, " %.3g ± %.2g |", s.mean, s.sd)
                                : String.format(Locale.ROOT, " %.3g |", s.mean));
                if (hasEstimates(method)) {
                    Estimate e = estimate(method, d);
                    sb.append(e == null
                            ? " |"
                            : String.format(Locale.ROOT, " %.3g (%.3g) |", e.eigenlearningTimesD(),
                                    e.staircaseTimesD()));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private boolean hasEstimates(Method method) {
        return estimates.stream().anyMatch(e -> e.method() == method);
    }

    private static String lambda(double lambda) {
        return lambda == 0 ? "0" : String.format(Locale.ROOT, "%.3g", lambda);
    }
}
