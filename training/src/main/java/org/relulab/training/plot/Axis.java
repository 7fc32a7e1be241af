package org.relulab.training.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a plot: its scale (logarithmic or linear), the range it shows (the data's, widened by a margin of
 * {@link #MARGIN} of the span on both ends, so that a curve on a limit stays visible) and its ticks: on a log axis a
 * major tick at each power of ten labelled 10ⁿ and minor ticks at 2..9 × 10ⁿ (see {@link #log}); on a linear axis
 * major ticks at 1, 2 or 5 × 10ⁿ steps and minor ticks between them.
 */
final class Axis {
    /** The margin added on both ends, a fraction of the shown span. */
    static final double MARGIN = 0.03;
    /** About this many labelled ticks on a linear axis. */
    private static final int LINEAR_TICKS = 6;
    /** The most labelled decades; wider log axes label every second (third, ...) one. */
    private static final int MAX_DECADE_LABELS = 8;
    /** The least distance between two labels of a narrow log axis, a fraction of its span (0.009 crowds 0.01). */
    private static final double MIN_LABEL_GAP = 0.08;

    /** A tick: its value (not its log) and its label, empty for a minor tick. */
    record Tick(double value, String label) {
        boolean major() {
            return !label.isEmpty();
        }
    }

    private final boolean log;
    /** The shown range, in plotted units: log10 of the values on a log axis. */
    private final double lo, hi;
    private final List<Tick> ticks;

    private Axis(boolean log, double lo, double hi, List<Tick> ticks) {
        this.log = log;
        this.lo = lo;
        this.hi = hi;
        this.ticks = ticks;
    }

    /**
     * A log axis over the positive values {@code min..max} and its margin: major ticks at the powers of ten, labelled
     * 10ⁿ (every second or third when there are many); an axis with fewer than three powers of ten inside also labels 2
     * and 5 × 10ⁿ (and, still short of three labels, every digit × 10ⁿ) in plain numbers.
     */
    static Axis log(double min, double max) {
        double lo = Math.log10(min), hi = Math.log10(max);
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        double pad = MARGIN * (hi - lo), from = lo - pad, to = hi + pad;
        int e0 = (int) Math.floor(from), e1 = (int) Math.ceil(to);
        int decades = 0;
        for (int e = e0; e <= e1; e++) if (e >= from - 1e-9 && e <= to + 1e-9) decades++;
        boolean narrow = decades < 3, minor = to - from <= 6;
        int every = Math.max(1, (int) Math.ceil(decades / (double) MAX_DECADE_LABELS));
        List<double[]> inside = new ArrayList<>(); // (digit, exponent) of each tick inside the range
        for (int e = e0; e <= e1; e++) {
            for (int f = 1; f <= 9; f++) {
                double l = e + Math.log10(f);
                if (l >= from - 1e-9 && l <= to + 1e-9 && (f == 1 || minor)) inside.add(new double[] {f, e});
            }
        }
        List<Double> at = new ArrayList<>(); // log10 of the labelled 1, 2, 5 × 10ⁿ, that other labels keep apart from
        for (double[] t : inside) if (narrow && (t[0] == 1 || t[0] == 2 || t[0] == 5)) at.add(t[1] + Math.log10(t[0]));
        boolean all = narrow && at.size() < 3;
        List<Tick> ticks = new ArrayList<>();
        for (double[] t : inside) {
            int f = (int) t[0], e = (int) t[1];
            double v = e >= 0 ? f * Math.pow(10, e) : f / Math.pow(10, -e); // 3e-4, not 3.0000000000000003e-4
            double l = e + Math.log10(f);
            String label = "";
            if (!narrow && f == 1 && Math.floorMod(e, every) == 0) label = power(e);
            else if (narrow && (f == 1 || f == 2 || f == 5)) label = plain(v);
            else if (all && at.stream().allMatch(a -> Math.abs(a - l) >= MIN_LABEL_GAP * (to - from))) {
                label = plain(v);
                at.add(l);
            }
            ticks.add(new Tick(v, label));
        }
        return new Axis(true, from, to, ticks);
    }

    /** A linear axis over {@code min..max} (the same value twice: a unit range around it). */
    static Axis linear(double min, double max) {
        if (max <= min) {
            double half = Math.max(Math.abs(min) * 0.1, 0.5);
            min -= half;
            max += half;
        }
        double step = niceStep((max - min) / (LINEAR_TICKS - 1));
        double minor = step / (Math.abs(step / Math.pow(10, Math.floor(Math.log10(step))) - 2) < 1e-9 ? 4 : 5);
        double pad = MARGIN * (max - min);
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil((min - pad) / minor - 1e-9); k * minor <= max + pad + 1e-9 * step; k++) {
            double v = k * minor, r = v / step;
            boolean major = Math.abs(r - Math.rint(r)) < 1e-6;
            if (major) v = Math.rint(r) * step; // 0.30000000000000004 -> 0.3
            ticks.add(new Tick(Math.abs(v) < 1e-12 * step ? 0 : v, major ? plain(Math.rint(r) * step) : ""));
        }
        return new Axis(false, min - pad, max + pad, ticks);
    }

    /** A linear axis from 0 to 1 with its margin (fractions, probabilities). */
    static Axis unit() {
        return linear(0, 1);
    }

    boolean isLog() {
        return log;
    }

    List<Tick> ticks() {
        return ticks;
    }

    /** Whether the value can be drawn on this axis: finite, and positive on a log axis. */
    boolean plottable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Where the value lies along the axis: 0 at the start of the shown range, 1 at its end. */
    double fraction(double v) {
        return ((log ? Math.log10(v) : v) - lo) / (hi - lo);
    }

    /** The label with the scale said when it is logarithmic: "step", "test loss (log scale)". */
    String label(String label) {
        return log && !label.contains("log scale") ? label + " (log scale)" : label;
    }

    /** 1, 2 or 5 × 10ⁿ, the smallest at least {@code v}. */
    static double niceStep(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * p >= v * (1 - 1e-9)) return m * p;
        }
        return 10 * p;
    }

    /** 10 to the power e, the exponent in superscript digits: 10⁻³. */
    static String power(int e) {
        String digits = Integer.toString(e), sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder("10");
        for (char c : digits.toCharArray()) b.append(c == '-' ? '⁻' : sup.charAt(c - '0'));
        return b.toString();
    }

    /** A number without trailing zeros: 0.5, 20, 0.003, 1.5e+06. */
    static String plain(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
        if (Math.abs(v - Math.rint(v)) <= 1e-9 * a) return Long.toString(Math.round(v));
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
