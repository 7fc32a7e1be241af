package org.relulab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.relulab.training.plot.PlotCsv;
import org.relulab.training.plot.Svg;

/**
 * Draws the GFLOP/s of a JMH GEMM run as an SVG bar chart: one panel per thread count, a group of bars per
 * shape, one bar per implementation (relulab, OpenBLAS, ...), and the FMA peak × threads as a dashed line
 * when it is given. Reads the records that have a {@code shape} parameter and a gflop metric. Beside OUT.svg it writes
 * the bars' data, OUT.plot.csv (series, shape, threads, gflops), which {@code scripts/plots/redraw.py} redraws.
 *
 * <pre>java -cp benchmarks.jar org.relulab.bench.JmhChart [--peak GFLOPS] [--title TEXT] RESULT.json OUT.svg</pre>
 */
public final class JmhChart {
    /** The colours of the implementations: relulab first, in the line plots' colours ({@code Look}). */
    private static final String[] COLORS = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
            "#000000", "#8c564b"};
    /** The CSV of the bars' data. */
    static final String CSV_HEADER = "series,shape,threads,gflops";
    /** A legend entry's width. */
    private static final int ENTRY_W = 190;
    private static final int PANEL_HEIGHT = 260, TOP = 50, LEFT = 60, BAR = 12, GAP = 22, RIGHT = 20, TICKS = 5;

    private JmhChart() {}

    public static void main(String[] args) {
        double peak = Double.NaN;
        String title = "GEMM, fp32", in = null, out = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--peak" -> peak = Double.parseDouble(value(args, ++i, "--peak"));
                    case "--title" -> title = value(args, ++i, "--title");
                    default -> {
                        if (in == null) in = args[i];
                        else if (out == null) out = args[i];
                        else throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                    }
                }
            }
            if (out == null) throw new IllegalArgumentException("expected RESULT.json OUT.svg");
            List<JmhResult> results = JmhResult.read(Path.of(in));
            Files.writeString(Path.of(out), render(results, peak, title));
            Files.writeString(PlotCsv.path(Path.of(out)), csv(results));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("JmhChart: " + (e instanceof IOException ? e.toString() : e.getMessage()));
            System.exit(2);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    /** The name shown for a benchmark: "relulab" for relulab's own, else the peer's library. */
    static String label(String benchmark) {
        String b = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        if (b.startsWith("GemmBenchmark.")) return "relulab";
        if (b.startsWith("OpenBlas")) return "OpenBLAS";
        if (b.startsWith("VectorBlas")) return "VectorBLAS (netlib)";
        if (b.startsWith("Ejml")) return "EJML";
        return b.replace("GemmBenchmark.gemm", "");
    }

    /** The GFLOP/s of each implementation ({@code series}) at each shape and thread count. */
    private record Bars(Set<String> shapes, Set<String> series, Set<Integer> threads, Map<String, Double> gflops) {
        static Bars of(List<JmhResult> results) {
            Bars b = new Bars(new LinkedHashSet<>(), new LinkedHashSet<>(), new TreeSet<>(), new LinkedHashMap<>());
            for (JmhResult r : results) {
                String shape = r.params().get("shape");
                if (shape == null || Double.isNaN(r.gflops())) continue;
                String s = label(r.benchmark());
                b.shapes.add(shape);
                b.series.add(s);
                b.threads.add(r.threads());
                b.gflops.put(key(s, shape, r.threads()), r.gflops());
            }
            if (b.gflops.isEmpty())
                throw new IllegalArgumentException("no record with a shape parameter and a gflop metric");
            return b;
        }

        static String key(String series, String shape, int threads) {
            return series + "|" + shape + "|" + threads;
        }

        /** The y axis' top: the largest bar or FMA peak × threads, rounded up to a nice number. */
        double top(double peak) {
            double top = 0;
            for (double g : gflops.values()) top = Math.max(top, g);
            if (!Double.isNaN(peak))
                top = Math.max(top, peak * threads.stream().mapToInt(Integer::intValue).max().orElse(1));
            return niceCeiling(top);
        }

        /** The width of one shape's group of bars, with room for a label like "sq2048". */
        int group() {
            return Math.max(series.size() * BAR + GAP, 54);
        }
    }

    static String render(List<JmhResult> results, double peak, String title) {
        Bars bars = Bars.of(results);
        double top = bars.top(peak);
        int width = Math.max(LEFT + bars.shapes().size() * bars.group() + RIGHT, 420);
        Svg.Title t = Svg.title(title, width - 20);
        int y0 = TOP + t.height() - Svg.TITLE_SIZE, columns = Math.max(1, (width - LEFT) / ENTRY_W);
        int height = y0 + bars.threads().size() * (PANEL_HEIGHT + 40) + 20
                + 18 * ((bars.series().size() + columns - 1) / columns);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("y-label", "GFLOP/s");
        if (!Double.isNaN(peak)) data.put("peak-gflops", Double.toString(peak));
        Svg svg = new Svg(width, height, data).title(width / 2.0, 20, t);
        int panel = 0;
        for (int th : bars.threads()) panel(svg, bars, th, y0 + panel++ * (PANEL_HEIGHT + 40), top, peak, width);
        legend(svg, bars.series(), y0 + bars.threads().size() * (PANEL_HEIGHT + 40), columns);
        return svg.end();
    }

    /** The bars' data: one row per implementation, shape and thread count. */
    static String csv(List<JmhResult> results) {
        Bars bars = Bars.of(results);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        bars.gflops().forEach((key, g) -> {
            String[] k = key.split("\\|", -1);
            csv.append(PlotCsv.cell(k[0])).append(',').append(PlotCsv.cell(k[1])).append(',').append(k[2]).append(',')
                    .append(g).append('\n');
        });
        return csv.toString();
    }

    /** One thread count's panel, its top at {@code y0}: grid, bars per shape, the peak line, the axis. */
    private static void panel(Svg svg, Bars bars, int t, double y0, double top, double peak, int width) {
        double yBase = y0 + PANEL_HEIGHT;
        svg.text(LEFT, y0 - 6, "start", 12, t + (t == 1 ? " thread" : " threads") + ", GFLOP/s");
        for (int i = 0; i <= TICKS; i++) { // grid and axis labels
            double v = top * i / TICKS, y = yBase - PANEL_HEIGHT * v / top;
            svg.raw(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, width - RIGHT, y));
            svg.text(LEFT - 4, y + 4, "end", 10, String.format(Locale.ROOT, "%.0f", v));
        }
        int g = 0, group = bars.group();
        for (String shape : bars.shapes()) {
            double x = LEFT + g++ * group + (group - bars.series().size() * BAR) / 2.0;
            int k = 0;
            for (String s : bars.series()) {
                Double v = bars.gflops().get(Bars.key(s, shape, t));
                if (v != null) {
                    double h = PANEL_HEIGHT * v / top;
                    svg.raw(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                                    + "fill=\"%s\"><title>%s %s %d: %.1f GFLOP/s</title></rect>%n",
                            x + k * BAR, yBase - h, BAR - 1, h, COLORS[k % COLORS.length], Svg.escape(s),
                            Svg.escape(shape), t, v));
                }
                k++;
            }
            svg.text(x + bars.series().size() * BAR / 2.0, yBase + 14, "middle", 10, shape);
        }
        if (!Double.isNaN(peak)) {
            double y = yBase - PANEL_HEIGHT * peak * t / top;
            svg.raw(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"4 3\"/>%n",
                    LEFT, y, width - RIGHT, y));
            svg.text(width - RIGHT, y - 3, "end", 10, String.format(Locale.ROOT, "FMA peak %.0f", peak * t));
        }
        svg.raw(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT, yBase, width - RIGHT, yBase));
    }

    /** The legend below the panels, {@code columns} entries a row. */
    private static void legend(Svg svg, Set<String> series, double ly, int columns) {
        int k = 0;
        for (String s : series) {
            double x = LEFT + (k % columns) * ENTRY_W, y = ly + (k / columns) * 18;
            svg.raw(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    x, y - 9, COLORS[k % COLORS.length]));
            svg.text(x + 14, y, "start", 11, s);
            k++;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }
}
