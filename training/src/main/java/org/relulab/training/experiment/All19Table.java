package org.relulab.training.experiment;

import java.util.List;
import java.util.Locale;

/**
 * The results of {@code reproduce all19} as Markdown tables: for each learner (rows) and training-set size N
 * (columns), the test MSE over the seeds (median, and min–max when there are several), and the (η, λ) the held-out
 * error chose. Pure: built from numbers, no files.
 */
final class All19Table {
    /**
     * The test errors of one learner at one N over the seeds: median, min and max (constant-step SGD ends some runs in
     * a loss spike, which the median does not follow); runs that failed to train (NaN errors) are counted apart.
     */
    record Cell(double median, double min, double max, int runs, int failed) {
        static Cell of(double[] testErrors) {
            double[] finite = java.util.Arrays.stream(testErrors).filter(Double::isFinite).sorted().toArray();
            int k = finite.length;
            if (k == 0) return new Cell(Double.NaN, Double.NaN, Double.NaN, 0, testErrors.length);
            double median = k % 2 == 1 ? finite[k / 2] : (finite[k / 2 - 1] + finite[k / 2]) / 2;
            return new Cell(median, finite[0], finite[k - 1], k, testErrors.length - k);
        }

        /** "2.34", "2.34 (2.10–2.61)", with " (1 failed)" when some runs failed to train; "—" when there were none. */
        String text() {
            if (runs == 0) return failed == 0 ? "—" : "failed";
            String s = runs == 1 ? value(median) : value(median) + " (" + value(min) + "–" + value(max) + ")";
            return failed == 0 ? s : s + " (" + failed + " failed)";
        }
    }

    private All19Table() {}

    /** Test MSE: one row per learner, one column per N. {@code cells[l][j]} belongs to learner l and ns[j]. */
    static String errors(List<All19Learner> learners, int[] ns, Cell[][] cells) {
        StringBuilder sb = header("learner", ns);
        for (int l = 0; l < learners.size(); l++) {
            sb.append("| ").append(learners.get(l).label);
            for (Cell c : cells[l]) sb.append(" | ").append(c.text());
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** The chosen (η, λ) of each learner and N; "none finite" where every grid point failed to train. */
    static String choices(List<All19Learner> learners, int[] ns,
            java.util.Map<All19Tuning.Group, All19Tuning.Point> chosen) {
        StringBuilder sb = header("learner: η, λ", ns);
        for (All19Learner l : learners) {
            sb.append("| ").append(l.label);
            for (int n : ns) {
                All19Tuning.Point p = chosen.get(new All19Tuning.Group(l, n));
                sb.append(" | ").append(p == null ? "none finite" : p.toString());
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static StringBuilder header(String first, int[] ns) {
        StringBuilder sb = new StringBuilder("| ").append(first);
        for (int n : ns) sb.append(" | N = ").append(String.format(Locale.ROOT, "%,d", n).replace(',', ' '));
        sb.append(" |\n|---");
        for (int i = 0; i < ns.length; i++) sb.append("|---:");
        return sb.append("|\n");
    }

    /** Three significant digits: 28.5, 2.81, 0.274, 0.0312. */
    static String value(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
