package org.relulab.training.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.relulab.training.io.TextFile;

/**
 * An SVG line chart for run metrics: named series over a shared x axis, a log y axis (losses span decades; or a linear
 * one from 0 to 1 for fractions, {@link #unitY}, or from 0 over the data, {@link #linearY}) and a linear or log x
 * axis ({@link Axis}: round ticks, minor ticks, a margin, "(log scale)" said in the label). Points that are not
 * positive and finite are skipped on log axes.
 *
 * <p>A series is a solid line ({@link #add}; with a marker at each point when it has at most {@link #MARKED_POINTS}),
 * a dashed line ({@link #addDashed}: fits), unconnected points ({@link #addPoints}: measurements), a band
 * ({@link #addBand}: a spread, a translucent area behind every line), several seeds summarized as their median with a
 * min–max band ({@link #addSeed}, once per seed; the title then says how many seeds), or a labelled horizontal
 * reference line ({@link #addReference}).
 * Series with the same name share a look and one legend entry; an estimate may take the colour of the series it
 * estimates under a legend entry of its own. Looks are colour × dash pattern ({@link Look}). The legend sits outside
 * the plot area, to its right or below it, the picture growing to hold it, so it never covers data.
 *
 * <p>{@link #write} writes the SVG and, next to it, the figure's data as a tidy CSV ({@link PlotCsv}) that
 * {@code scripts/plots/redraw.py} redraws with matplotlib. Plain SVG text, no dependencies.
 */
public final class LinePlot {
    /** Lines with at most this many plottable points get a marker at each. */
    public static final int MARKED_POINTS = 20;
    /** The plot area's size in pixels. */
    private static final int PLOT_W = 560, PLOT_H = 330;
    /** Room left of the plot area (tick labels, the y label), below it (tick labels, the x label), right of it. */
    private static final int LEFT = 84, BOTTOM = 54, PAD = 16;
    /** A legend entry's height, its sample's width, and the widest legend that stays right of the plot. */
    private static final int ENTRY_H = 17, SAMPLE_W = 26, MAX_RIGHT_LEGEND = 280;
    private static final int LABEL_SIZE = 12, TICK_SIZE = 11, LEGEND_SIZE = 11;

    /** What a series is drawn as. */
    enum Style {
        LINE,
        DASHED,
        POINTS,
        BAND,
        REFERENCE,
        /** One seed of a series: drawn, with the other seeds of its name, as their median and min–max band. */
        SEED;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A series: y its values (null for a band), lo and hi a band's edges (null for the other styles); colorOf the name
     * whose look it takes (its own name, unless {@link #addDashed(String, String, double[], double[])} says
     * otherwise).
     */
    record Series(String name, Style style, String colorOf, double[] x, double[] y, double[] lo, double[] hi) {}

    private final String title, xLabel, yLabel;
    private final boolean logX;
    /** The series as added; {@link #drawn} turns seeds into lines and bands. */
    private final List<Series> added = new ArrayList<>();
    private boolean legendBelow;
    private YScale yScale = YScale.LOG;

    /** The y axis: logarithmic (the default), 0 to 1 for fractions, or linear from 0 over the data. */
    private enum YScale {
        LOG("log"), UNIT("unit"), LINEAR("linear");

        /** The name in the SVG's data attributes, which scripts/plots/redraw.py reads. */
        final String attribute;

        YScale(String attribute) {
            this.attribute = attribute;
        }
    }

    /** A plot with a log x axis when {@code logX} ({@code xLabel} and {@code yLabel} with their units). */
    public LinePlot(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    /** Kept for callers written when the legend sat inside the chart: it now always sits outside. */
    public LinePlot legendLeft() {
        return this;
    }

    /** Kept for callers written when the legend sat inside the chart: it now always sits outside. */
    public LinePlot legendBottomLeft() {
        return this;
    }

    /** Puts the legend below the chart (default: right of it, unless its names are too long or too many). */
    public LinePlot legendBelow() {
        legendBelow = true;
        return this;
    }

    /** A linear y axis from 0 to 1 (fractions, probabilities) instead of the log axis; 0 is then plotted. */
    public LinePlot unitY() {
        yScale = YScale.UNIT;
        return this;
    }

    /** A linear y axis from 0 to the data's largest value (speed-ups, GFLOP/s) instead of the log axis. */
    public LinePlot linearY() {
        yScale = YScale.LINEAR;
        return this;
    }

    /** A series drawn as a solid line, with markers when it has few points. */
    public LinePlot add(String name, double[] x, double[] y) {
        return add(name, Style.LINE, name, x, y);
    }

    /** A series drawn as a dashed line (a fit). */
    public LinePlot addDashed(String name, double[] x, double[] y) {
        return add(name, Style.DASHED, name, x, y);
    }

    /**
     * A dashed series with its own legend entry, in the colour of the series named {@code colorOf} (an estimate beside
     * the measurement it estimates).
     */
    public LinePlot addDashed(String name, String colorOf, double[] x, double[] y) {
        return add(name, Style.DASHED, colorOf, x, y);
    }

    /** Unconnected points with their own legend entry, in the colour of the series named {@code colorOf}. */
    public LinePlot addPoints(String name, String colorOf, double[] x, double[] y) {
        return add(name, Style.POINTS, colorOf, x, y);
    }

    /** A series drawn as unconnected points (measurements). */
    public LinePlot addPoints(String name, double[] x, double[] y) {
        return add(name, Style.POINTS, name, x, y);
    }

    /**
     * A band from {@code lo} to {@code hi} at each x: a translucent area behind the lines, coloured as the series named
     * {@code name} and sharing its legend entry. An x where either edge cannot be plotted is left out of the band.
     */
    public LinePlot addBand(String name, double[] x, double[] lo, double[] hi) {
        if (x.length != lo.length || x.length != hi.length) {
            throw new IllegalArgumentException(
                    name + ": " + x.length + " x values, " + lo.length + " lower and " + hi.length + " upper values");
        }
        added.add(new Series(name, Style.BAND, name, x, null, lo, hi));
        return this;
    }

    /**
     * One seed's points of a series: all seeds of one name are drawn as their median at each x (a solid line) and a
     * band from their minimum to their maximum; an x that only some seeds have takes the median of those. A name with
     * one seed at each x is a plain line.
     */
    public LinePlot addSeed(String name, double[] x, double[] y) {
        return add(name, Style.SEED, name, x, y);
    }

    /** A labelled horizontal line at {@code y} across the plot (a limit, a floor, a prediction), grey and dashed. */
    public LinePlot addReference(String name, double y) {
        added.add(new Series(name, Style.REFERENCE, name, new double[0], new double[] {y}, null, null));
        return this;
    }

    private LinePlot add(String name, Style style, String colorOf, double[] x, double[] y) {
        if (x.length != y.length)
            throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y values");
        added.add(new Series(name, style, colorOf, x, y, null, null));
        return this;
    }

    /** The series to draw: each name's seeds summarized, where its first seed was added, as a median and a band. */
    private List<Series> drawn() {
        List<Series> out = new ArrayList<>();
        for (Series s : added) {
            if (s.style != Style.SEED) {
                out.add(s);
                continue;
            }
            if (out.stream().anyMatch(o -> o.name.equals(s.name) && o.style == Style.LINE)) continue;
            List<Series> seeds = added.stream().filter(o -> o.style == Style.SEED && o.name.equals(s.name)).toList();
            TreeMap<Double, List<Double>> at = new TreeMap<>();
            for (Series seed : seeds) {
                for (int i = 0; i < seed.x.length; i++) {
                    if (Double.isFinite(seed.y[i]))
                        at.computeIfAbsent(seed.x[i], k -> new ArrayList<>()).add(seed.y[i]);
                }
            }
            double[] xs = new double[at.size()], median = new double[xs.length], lo = new double[xs.length],
                    hi = new double[xs.length];
            int i = 0;
            for (Map.Entry<Double, List<Double>> e : at.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                xs[i] = e.getKey();
                median[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                lo[i] = v[0];
                hi[i++] = v[v.length - 1];
            }
            out.add(new Series(s.name, Style.LINE, s.colorOf, xs, median, null, null));
            if (at.values().stream().anyMatch(v -> v.size() > 1))
                out.add(new Series(s.name, Style.BAND, s.colorOf, xs, null, lo, hi));
        }
        return out;
    }

    /**
     * The title as drawn: the given one and, where seeds were added ({@link #addSeed}), how many each point summarizes,
     * so that a one-seed figure never claims a median: "(one seed)", "(median of 5 seeds, min–max band)" or, where
     * points differ, "(median of 3–5 seeds, min–max band)".
     */
    String title() {
        int fewest = Integer.MAX_VALUE, most = 0;
        Map<String, Map<Double, Integer>> counts = new LinkedHashMap<>();
        for (Series s : added) {
            if (s.style != Style.SEED) continue;
            Map<Double, Integer> at = counts.computeIfAbsent(s.name, k -> new TreeMap<>());
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i])) at.merge(s.x[i], 1, Integer::sum);
            }
        }
        for (Map<Double, Integer> at : counts.values()) {
            for (int n : at.values()) {
                fewest = Math.min(fewest, n);
                most = Math.max(most, n);
            }
        }
        if (most == 0) return title;
        if (most == 1) return title + " (one seed)";
        return title + " (median of " + (fewest == most ? most + "" : fewest + "–" + most) + " seeds, min–max band)";
    }

    /** Writes the SVG to {@code svg} and the figure's data next to it ({@link PlotCsv#path}). */
    public void write(Path svg) throws IOException {
        TextFile.write(svg, svg());
        TextFile.write(PlotCsv.path(svg), csv());
    }

    /** The figure's data as a tidy CSV: one row per point of each series ({@link PlotCsv}). */
    public String csv() {
        return PlotCsv.of(drawn());
    }

    /** The figure as an SVG document. */
    public String svg() {
        List<Series> series = drawn();
        Axis xAxis = xAxis(series), yAxis = yAxis(series);
        Legend legend = new Legend(entries(series));
        boolean right = !legendBelow && legend.width() <= MAX_RIGHT_LEGEND && legend.height(1) <= PLOT_H + BOTTOM;
        int width = right // below, the picture widens for a legend name longer than the plot is wide
                ? LEFT + PLOT_W + PAD + legend.width() + PAD
                : Math.max(LEFT + PLOT_W + PAD, LEFT + legend.width() + PAD);
        Svg.Title t = Svg.title(title(), width - 2 * PAD);
        int top = PAD + t.height() + 8;
        int columns = Math.max(1, (width - LEFT) / Math.max(1, legend.width() + PAD));
        int height = top + PLOT_H + BOTTOM + (right || legend.entries.isEmpty() ? 0 : legend.height(columns) + 4);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("title", title());
        data.put("x-label", xLabel);
        data.put("y-label", yLabel);
        data.put("x-scale", logX ? "log" : "linear");
        data.put("y-scale", yScale.attribute);
        Svg svg = new Svg(width, height, data).title(width / 2.0, PAD + Svg.TITLE_SIZE - 2, t);
        if (xAxis == null || yAxis == null) {
            return svg.text(width / 2.0, top + PLOT_H / 2.0, "middle", LABEL_SIZE, "no finite positive values to plot")
                    .end();
        }
        Frame f = new Frame(LEFT, top, xAxis, yAxis);
        f.axes(svg, xLabel, yLabel);
        Map<String, Look> looks = looks(series);
        for (Series s : series) if (s.style == Style.BAND) band(svg, s, looks.get(s.colorOf), f);
        for (Series s : series) if (s.style == Style.REFERENCE) reference(svg, s, looks.get(s.colorOf), f);
        for (Series s : series) if (s.style != Style.BAND && s.style != Style.REFERENCE) line(svg, s, looks, f);
        f.frame(svg);
        if (right) legend.draw(svg, looks, LEFT + PLOT_W + PAD, top + 4, 1);
        else legend.draw(svg, looks, LEFT, top + PLOT_H + BOTTOM + 4, columns);
        return svg.end();
    }

    private Axis xAxis(List<Series> series) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.x) {
                if (!Double.isFinite(v) || (logX && v <= 0)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return null;
        return logX ? Axis.log(lo, hi) : Axis.linear(lo, hi);
    }

    private Axis yAxis(List<Series> series) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] values : new double[][] {s.y, s.lo, s.hi}) {
                if (values == null) continue;
                for (double v : values) {
                    if (!Double.isFinite(v) || (yScale == YScale.LOG && v <= 0)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) return null;
        return switch (yScale) {
            case LOG -> Axis.log(lo, hi);
            case UNIT -> Axis.unit();
            case LINEAR -> Axis.linear(Math.min(0, lo), hi);
        };
    }

    /** The looks: one per colour group in the order they first appear, reference lines each their own grey. */
    private static Map<String, Look> looks(List<Series> series) {
        Map<String, Look> looks = new LinkedHashMap<>();
        int groups = 0, references = 0;
        for (Series s : series) {
            if (looks.containsKey(s.colorOf)) continue;
            looks.put(s.colorOf, s.style == Style.REFERENCE ? Look.reference(references++) : Look.of(groups++));
        }
        return looks;
    }

    /** One legend entry per name, drawn as its first series that is not a band, with a band swatch when it has one. */
    private List<Entry> entries(List<Series> series) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Series s : series) {
            Entry e = entries.get(s.name);
            if (e == null) entries.put(s.name, new Entry(s.name, s.colorOf, s.style, s.style == Style.BAND, marked(s)));
            else
                if (e.style == Style.BAND && s.style != Style.BAND)
                    entries.put(s.name, new Entry(s.name, s.colorOf, s.style, true, marked(s)));
                else
                    if (s.style == Style.BAND)
                        entries.put(s.name, new Entry(e.name, e.colorOf, e.style, true, e.marked));
        }
        return List.copyOf(entries.values());
    }

    /**
     * Whether a series gets markers: points always, a solid line when it has few plottable points, a dashed one when it
     * has a single point (no line to draw).
     */
    private boolean marked(Series s) {
        if (s.style == Style.POINTS) return true;
        if (s.style != Style.LINE && s.style != Style.DASHED) return false;
        int n = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (Double.isFinite(s.x[i]) && (!logX || s.x[i] > 0) && Double.isFinite(s.y[i])
                    && (yScale != YScale.LOG || s.y[i] > 0))
                n++;
        }
        return s.style == Style.LINE ? n <= MARKED_POINTS : n == 1;
    }

    /** One series' polyline or points, and its markers when it has few points. */
    private void line(Svg svg, Series s, Map<String, Look> looks, Frame f) {
        Look look = s.style == Style.DASHED ? looks.get(s.colorOf).dashed() : looks.get(s.colorOf);
        StringBuilder pts = new StringBuilder(), markers = new StringBuilder();
        boolean marked = marked(s);
        for (int i = 0; i < s.x.length; i++) {
            if (!f.x.plottable(s.x[i]) || !f.y.plottable(s.y[i])) continue;
            double x = f.px(s.x[i]), y = f.py(s.y[i]);
            if (marked) markers.append(look.marker(x, y));
            if (s.style != Style.POINTS) pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        if (s.style != Style.POINTS && !pts.isEmpty()) {
            svg.raw(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" "
                    + "stroke-linejoin=\"round\"%s points=\"%s\"/>%n", look.color(), look.dashAttribute(),
                    pts.toString().trim()));
        }
        svg.raw(markers.toString());
    }

    /** A band's area: along its upper edge, then back along its lower edge. */
    private static void band(Svg svg, Series s, Look look, Frame f) {
        StringBuilder upper = new StringBuilder(), lower = new StringBuilder();
        for (int i = 0; i < s.x.length; i++) {
            if (!f.x.plottable(s.x[i]) || !f.y.plottable(s.lo[i]) || !f.y.plottable(s.hi[i])) continue;
            double x = f.px(s.x[i]);
            upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, f.py(s.hi[i])));
            lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x, f.py(s.lo[i])));
        }
        if (upper.isEmpty()) return;
        svg.raw(String.format(Locale.ROOT,
                "<polygon fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" points=\"%s\"/>%n",
                look.color(), upper.append(lower).toString().trim()));
    }

    /** A reference line across the plot area, its name just above its right end (below, by the frame's top). */
    private static void reference(Svg svg, Series s, Look look, Frame f) {
        if (!f.y.plottable(s.y[0])) return;
        double y = f.py(s.y[0]);
        svg.raw(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"1.3\"%s/>%n", f.left, y, f.left + PLOT_W, y, look.color(), look.dashAttribute()));
        double below = y - 3 < f.top + 12 ? 14 : 0; // by the frame's top edge: the name goes under the line
        svg.text(f.left + PLOT_W - 4, y - 3 + below, "end", 10, s.name,
                "fill=\"" + look.color() + "\" stroke=\"white\" "
                        + "stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }

    /** The plot area at (left, top) and its axes. */
    private record Frame(int left, int top, Axis x, Axis y) {
        double px(double v) {
            return left + PLOT_W * x.fraction(v);
        }

        double py(double v) {
            return top + PLOT_H * (1 - y.fraction(v));
        }

        /** Grid lines at the major ticks, tick marks (major long, minor short), tick labels, the axis labels. */
        void axes(Svg svg, String xLabel, String yLabel) {
            int bottom = top + PLOT_H;
            for (Axis.Tick t : x.ticks()) {
                double px = px(t.value());
                if (px < left - 0.5 || px > left + PLOT_W + 0.5) continue;
                if (t.major())
                    svg.raw(gridLine(px, top, px, bottom)).text(px, bottom + 17, "middle", TICK_SIZE,
                            t.label());
                svg.raw(tickMark(px, bottom, px, bottom - (t.major() ? 6 : 3)));
            }
            for (Axis.Tick t : y.ticks()) {
                double py = py(t.value());
                if (py < top - 0.5 || py > bottom + 0.5) continue;
                if (t.major())
                    svg.raw(gridLine(left, py, left + PLOT_W, py)).text(left - 7, py + 4, "end",
                            TICK_SIZE, t.label());
                svg.raw(tickMark(left, py, left + (t.major() ? 6 : 3), py));
            }
            svg.text(left + PLOT_W / 2.0, bottom + 42, "middle", LABEL_SIZE, x.label(xLabel));
            double cy = top + PLOT_H / 2.0;
            svg.text(18, cy, "middle", LABEL_SIZE, y.label(yLabel),
                    String.format(Locale.ROOT, "transform=\"rotate(-90 18 %.1f)\"", cy));
        }

        void frame(Svg svg) {
            svg.raw(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"black\"/>%n", left, top, PLOT_W, PLOT_H));
        }

        private static String gridLine(double x1, double y1, double x2, double y2) {
            return String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>"
                            + "%n",
                    x1, y1, x2, y2);
        }

        private static String tickMark(double x1, double y1, double x2, double y2) {
            return String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>%n",
                    x1, y1, x2, y2);
        }
    }

    /** A legend entry: the name, the look of colorOf, drawn as style, with a band swatch and markers or not. */
    private record Entry(String name, String colorOf, Style style, boolean band, boolean marked) {}

    /** The legend's entries, in one column (right of the plot) or several (below it). */
    private record Legend(List<Entry> entries) {
        int width() {
            return SAMPLE_W + 6 + (int) Math.ceil(entries.stream().mapToDouble(e -> Svg.width(e.name, LEGEND_SIZE))
                    .max().orElse(0));
        }

        int height(int columns) {
            return ENTRY_H * ((entries.size() + columns - 1) / columns);
        }

        void draw(Svg svg, Map<String, Look> looks, int x0, int y0, int columns) {
            int rows = (entries.size() + columns - 1) / columns;
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                Look look = looks.get(e.colorOf);
                if (e.style == Style.DASHED) look = look.dashed();
                double x = x0 + (k / rows) * (width() + PAD), y = y0 + (k % rows) * ENTRY_H + ENTRY_H / 2.0;
                if (e.band) {
                    svg.raw(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"10\" "
                            + "fill=\"%s\" fill-opacity=\"0.18\"/>%n", x, y - 5, SAMPLE_W, look.color()));
                }
                if (e.style != Style.POINTS && e.style != Style.BAND) {
                    svg.raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"%s\" stroke-width=\"2\"%s/>%n", x, y, x + SAMPLE_W, y, look.color(),
                            look.dashAttribute()));
                }
                if (e.marked) svg.raw(look.marker(x + SAMPLE_W / 2.0, y));
                svg.text(x + SAMPLE_W + 6, y + 4, "start", LEGEND_SIZE, e.name);
            }
        }
    }
}
