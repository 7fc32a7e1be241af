package org.relulab.training.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relulab.training.metrics.PowerLawFit;

/**
 * The measurements of {@code reproduce beyond-ntk}: one test loss per method, input dimension d and seed, and
 * what is built from them: results.csv (every measurement), summary.csv (mean, standard deviation, min and max of
 * test loss × d over the seeds), the console table, and a power law loss × d ~ d^slope per method. Pure: no files,
 * no training.
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
    record Measurement(Method method, int d, int n, long seed, double testLoss, double trainLoss, double lambda,
            long steps,
            long stepsToBeatKernels, double seconds) {
        Measurement {
            if (method == null) throw new IllegalArgumentException("measurement without a method");
            if (d < 1 || n < 1)
                throw new IllegalArgumentException(method.key + ": d = " + d + ", n = " + n + " (expected at least 1)");
        }

        double lossTimesD() { return testLoss * d; }
    }

    /** Test loss × d of one method at one d over its seeds: sample standard deviation (0 for one seed), range. */
    record Summary(Method method, int d, int n, int count, double mean, double sd, double min, double max) {}

    static final String RESULTS_HEADER = "method,d,n,seed,test_loss,test_loss_x_d,train_loss,lambda,steps,"
            + "steps_to_beat_kernels,seconds";
    static final String SUMMARY_HEADER = "method,d,n,seeds,mean_test_loss_x_d,sd,min,max";

    private final List<Measurement> rows = new ArrayList<>();

    void add(Measurement m) { rows.add(m); }

    List<Measurement> rows() { return List.copyOf(rows); }

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
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.6g,%.6g,%s,%s,%s,%.1f%n", m.method.key, m.d, m.n,
                    m.seed, m.testLoss,
                    m.lossTimesD(), m.trainLoss, m.method.kernel() ? lambda(m.lambda) : "",
                    m.method.kernel() ? "" : Long.toString(m.steps),
                    m.method.kernel() ? "" : m.stepsToBeatKernels < 0 ? "never" : Long.toString(m.stepsToBeatKernels),
                    m.seconds));
        }
        return sb.toString();
    }

    /** summary.csv: one row per method and d, then one comment line per method with its power-law fit. */
    String summaryCsv() {
        StringBuilder sb = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Summary s : summaries()) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6g,%.3g,%.6g,%.6g%n", s.method.key, s.d, s.n, s.count,
                    s.mean, s.sd, s.min, s.max));
        }
        for (String line : fitLines()) sb.append("# ").append(line).append('\n');
        return sb.toString();
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
     * The console table (Markdown): one row per d, one column per method, "mean ± sd" of test loss × d over the seeds.
     */
    String markdown() {
        List<Summary> all = summaries();
        StringBuilder sb = new StringBuilder("| d | n |");
        StringBuilder rule = new StringBuilder("|---:|---:|");
        for (Method method : Method.values()) {
            if (all.stream().noneMatch(s -> s.method == method)) continue;
            sb.append(' ').append(method.label).append(" |");
            rule.append("---:|");
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
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String lambda(double lambda) {
        return lambda == 0 ? "0" : String.format(Locale.ROOT, "%.3g", lambda);
    }
}
