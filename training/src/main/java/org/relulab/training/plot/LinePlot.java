package org.relulab.training.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart for run metrics: several named series over a shared x axis, a log-scale y axis (losses span
 * decades; or a linear one from 0 to 1 for fractions, {@link #unitY}) and a linear or log x axis. Points that are not
 * positive and finite are skipped on log axes. Series with the same name share a color and one legend entry (several
 * runs of one kind); an estimate drawn beside a measurement may take the measurement's color under a legend entry of
 * its own. A series is drawn as a solid line ({@link #add}), a dashed line ({@link #addDashed}: fits, reference lines)
 * or as unconnected points ({@link #addPoints}: measurements); a band ({@link #addBand}: a spread, such as min to max
 * over seeds) is a translucent area drawn behind every line, in the color of the series of its name. Plain SVG text,
 * no dependencies.
 */
public final class LinePlot {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
            "#17becf", "#7f7f7f", "#bcbd22", "#e377c2"};
    private static final int W = 720, H = 420, LEFT = 70, RIGHT = 30, TOP = 40, BOTTOM = 50;

    private enum Style { LINE, DASHED, POINTS, BAND }

    /**
     * A series; a band's lower edge is y and its upper edge hi (null for the other styles); colorOf is the name whose
     * color it takes (its own name, unless {@link #addDashed(String, String, double[], double[])} says otherwise).
     */
    private record Series(String name, double[] x, double[] y, double[] hi, Style style, String colorOf) {}

    private final String title, xLabel, yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();
    private boolean legendLeft, legendBelow, legendBottom, unitY;

    public LinePlot(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    /** Puts the legend in the top left corner (default: top right), clear of data that rise to the right. */
    public LinePlot legendLeft() {
        legendLeft = true;
        return this;
    }

    /** Puts the legend below the chart, one entry a line, the picture growing to hold it: for long names. */
    public LinePlot legendBelow() {
        legendBelow = true;
        return this;
    }

    /** A linear y axis from 0 to 1 (fractions, probabilities) instead of the log axis; 0 is then plotted. */
    public LinePlot unitY() {
        unitY = true;
        return this;
    }

    /** Puts the legend in the bottom left corner, clear of data that stay in the upper decades. */
    public LinePlot legendBottomLeft() {
        legendLeft = true;
        legendBottom = true;
        return this;
    }

    /** A series drawn as a solid line. */
    public LinePlot add(String name, double[] x, double[] y) {
        return add(name, x, y, Style.LINE);
    }

    /** A series drawn as a dashed line (a fit or a reference line). */
    public LinePlot addDashed(String name, double[] x, double[] y) {
        return add(name, x, y, Style.DASHED);
    }

    /**
     * A dashed series with its own legend entry, in the color of the series named {@code colorOf} (an estimate beside
     * the measurement it estimates).
     */
    public LinePlot addDashed(String name, String colorOf, double[] x, double[] y) {
        return add(name, x, y, Style.DASHED, colorOf);
    }

    /** Unconnected points with their own legend entry, in the color of the series named {@code colorOf}. */
    public LinePlot addPoints(String name, String colorOf, double[] x, double[] y) {
        return add(name, x, y, Style.POINTS, colorOf);
    }

    /** A series drawn as unconnected points (measurements). */
    public LinePlot addPoints(String name, double[] x, double[] y) {
        return add(name, x, y, Style.POINTS);
    }

    /**
     * A band from {@code lo} to {@code hi} at each x: a translucent area behind the lines, colored as the series named
     * {@code name} and sharing its legend entry (a band has none of its own). An x where either edge cannot be
     * plotted is left out of the band.
     */
    public LinePlot addBand(String name, double[] x, double[] lo, double[] hi) {
        if (x.length != lo.length || x.length != hi.length) {
            throw new IllegalArgumentException(
                    name + ": " + x.length + " x values, " + lo.length + " lower and " + hi.length + " upper values");
        }
        series.add(new Series(name, x, lo, hi, Style.BAND, name));
        return this;
    }

    private LinePlot add(String name, double[] x, double[] y, Style style) {
        return add(name, x, y, style, name);
    }

    private LinePlot add(String name, double[] x, double[] y, Style style, String colorOf) {
        if (x.length != y.length)
            throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y values");
        series.add(new Series(name, x, y, null, style, colorOf));
        return this;
    }

    public String svg() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!usable(s.x[i], logX) || !usable(s.y[i], !unitY)) continue;
                if (s.hi != null && !usable(s.hi[i], !unitY)) continue;
                x0 = Math.min(x0, s.x[i]);
                x1 = Math.max(x1, s.x[i]);
                y0 = Math.min(y0, s.y[i]);
                y1 = Math.max(y1, s.hi == null ? s.y[i] : Math.max(s.y[i], s.hi[i]));
            }
        }
        StringBuilder sb = new StringBuilder();
        int height = H + (legendBelow ? 16 * (int) series.stream().map(Series::name).distinct().count() + 8 : 0);
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                W, height, W, height));
        text(sb, W / 2.0, 22, "middle", (int) Math.max(8, Math.min(14, (W - 20) / (0.56 * title.length()))), title);
        text(sb, LEFT + (W - LEFT - RIGHT) / 2.0, H - 12, "middle", 12, xLabel);
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
                + "transform=\"rotate(-90 16 %.1f)\">%s</text>%n", TOP + (H - TOP - BOTTOM) / 2.0,
                TOP + (H - TOP - BOTTOM) / 2.0, escape(yLabel)));
        if (x0 > x1) { // nothing plottable
            text(sb, W / 2.0, H / 2.0, "middle", 12, "no finite positive values to plot");
            return sb.append("</svg>\n").toString();
        }
        double ly0 = unitY ? 0 : Math.floor(Math.log10(y0));
        double ly1 = unitY ? 1 : Math.max(Math.ceil(Math.log10(y1)), ly0 + 1);
        double lx0 = logX ? Math.log10(x0) : x0, lx1 = logX ? Math.log10(x1) : x1;
        if (lx1 <= lx0) lx1 = lx0 + 1;
        Frame frame = new Frame(lx0, lx1, ly0, ly1);
        axes(sb, frame);
        List<String> names = new ArrayList<>(); // series of one name share its legend entry
        List<String> colors = new ArrayList<>(); // ... and series of one colorOf their color
        for (Series s : series) {
            if (!names.contains(s.name)) names.add(s.name);
            if (!colors.contains(s.colorOf)) colors.add(s.colorOf);
        }
        for (Series s : series) { // bands first: behind every line
            if (s.style == Style.BAND) band(sb, s, COLORS[colors.indexOf(s.colorOf) % COLORS.length], frame);
        }
        List<String> listed = new ArrayList<>();
        for (Series s : series) {
            if (s.style == Style.BAND) continue;
            String color = COLORS[colors.indexOf(s.colorOf) % COLORS.length];
            line(sb, s, color, frame);
            if (!listed.contains(s.name)) {
                listed.add(s.name);
                legendEntry(sb, s, names.indexOf(s.name), names.size(), color);
            }
        }
        return sb.append("</svg>\n").toString();
    }

    /** The plotted ranges: x (log10 when logX) and y (log10 but with unitY). */
    private record Frame(double lx0, double lx1, double ly0, double ly1) {}

    /** Decades (or tenths, with unitY) on y, ticks on x, the frame. */
    private void axes(StringBuilder sb, Frame f) {
        double step = unitY ? 0.1 : 1;
        for (int k = 0; f.ly0() + k * step <= f.ly1() + 1e-9; k++) {
            double e = f.ly0() + k * step, y = py(e, f.ly0(), f.ly1());
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, W - RIGHT, y));
            text(sb, LEFT - 4, y + 4, "end", 10, unitY ? tick(Math.round(e * 10) / 10.0) : "1e" + (int) e);
        }
        for (double v : xTicks(f.lx0(), f.lx1())) {
            double x = LEFT + (W - LEFT - RIGHT) * (v - f.lx0()) / (f.lx1() - f.lx0());
            text(sb, x, H - BOTTOM + 16, "middle", 10, tick(logX ? Math.pow(10, v) : v));
        }
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
                LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
    }

    /** One series' points or polyline. */
    private void line(StringBuilder sb, Series s, String color, Frame f) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < s.x.length; i++) {
            if (!usable(s.x[i], logX) || !usable(s.y[i], !unitY)) continue;
            double vx = logX ? Math.log10(s.x[i]) : s.x[i];
            double x = LEFT + (W - LEFT - RIGHT) * (vx - f.lx0()) / (f.lx1() - f.lx0());
            double y = py(yValue(s.y[i]), f.ly0(), f.ly1());
            if (s.style == Style.POINTS) sb.append(marker(x, y, color));
            else pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        if (s.style != Style.POINTS) {
            sb.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s points=\"%s\"/>%n",
                    color, dash(s.style), pts.toString().trim()));
        }
    }

    /** A band's area: along its upper edge, then back along its lower edge. */
    private void band(StringBuilder sb, Series s, String color, Frame f) {
        StringBuilder upper = new StringBuilder(), lower = new StringBuilder();
        for (int i = 0; i < s.x.length; i++) {
            if (!usable(s.x[i], logX) || !usable(s.y[i], !unitY) || !usable(s.hi[i], !unitY)) continue;
            double vx = logX ? Math.log10(s.x[i]) : s.x[i];
            double x = LEFT + (W - LEFT - RIGHT) * (vx - f.lx0()) / (f.lx1() - f.lx0());
            upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, py(yValue(s.hi[i]), f.ly0(), f.ly1())));
            lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x, py(yValue(s.y[i]), f.ly0(), f.ly1())));
        }
        sb.append(String.format(Locale.ROOT,
                "<polygon fill=\"%s\" fill-opacity=\"0.2\" stroke=\"none\" points=\"%s\"/>%n",
                color, upper.append(lower).toString().trim()));
    }

    /** The k-th of the legend's {@code entries}: a marker or line sample and the series' name. */
    private void legendEntry(StringBuilder sb, Series s, int k, int entries, String color) {
        double ly = legendBelow
                ? H + 8 + 16 * k
                : legendBottom ? H - BOTTOM - 8 - 16 * (entries - 1 - k) : TOP + 14 + 16 * k;
        int lx = legendLeft || legendBelow ? LEFT + 10 : W - RIGHT - 150;
        if (s.style == Style.POINTS) sb.append(marker(lx + 10, ly - 4, color));
        else
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    lx, ly - 4, lx + 20, ly - 4, color, dash(s.style)));
        text(sb, lx + 24, ly, "start", 11, s.name);
    }

    /** Tick positions on the (log10, when logX) x axis: six even steps, or 1, 2, 5 × 10^k on a log axis. */
    private double[] xTicks(double lx0, double lx1) {
        if (logX) {
            List<Double> ticks = new ArrayList<>();
            for (double e = Math.floor(lx0); e <= Math.ceil(lx1); e++) {
                for (double f : new double[] {1, 2, 5}) {
                    double v = e + Math.log10(f);
                    if (v >= lx0 - 1e-9 && v <= lx1 + 1e-9) ticks.add(v);
                }
            }
            if (ticks.size() >= 2) return ticks.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] even = new double[6];
        for (int i = 0; i <= 5; i++) even[i] = lx0 + (lx1 - lx0) * i / 5;
        return even;
    }

    private static String marker(double x, double y, String color) {
        return String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, color);
    }

    private static String dash(Style style) {
        return style == Style.DASHED ? " stroke-dasharray=\"6 4\"" : "";
    }

    /** A y value on the plotted scale: log10, or itself with unitY. */
    private double yValue(double v) {
        return unitY ? v : Math.log10(v);
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double py(double logValue, double ly0, double ly1) {
        return TOP + (H - TOP - BOTTOM) * (ly1 - logValue) / (ly1 - ly0);
    }

    private static String tick(double v) {
        if (Math.abs(v - Math.rint(v)) <= 1e-9 * Math.abs(v) && Math.abs(v) < 1e7) return Long.toString(Math.round(v));
        return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-2 && v != 0)
                ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, int size, String s) {
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
