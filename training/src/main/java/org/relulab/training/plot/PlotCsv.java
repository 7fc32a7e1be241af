package org.relulab.training.plot;

import java.nio.file.Path;
import java.util.List;

/**
 * A figure's data as a tidy CSV next to its SVG, for people who restyle plots: {@code loss.svg}'s in
 * {@code loss.plot.csv} (a name of its own, as run folders already hold tables named like their plots, and so that
 * {@code scripts/plots/redraw.py} finds every figure's data by it). Columns: {@code series} (the legend name),
 * {@code style} (line, dashed, points, band, reference), {@code color_of} (the series whose colour it takes),
 * {@code x}, {@code y}, {@code lo}, {@code hi}; a band's rows have lo and hi and no y, a reference line's one row a y
 * and no x, every other row x and y. A value that is not finite is an empty cell, so that {@code pandas.read_csv}
 * reads every numeric column as numbers.
 */
public final class PlotCsv {
    /** The header line. */
    public static final String HEADER = "series,style,color_of,x,y,lo,hi";
    /** The suffix that replaces an SVG's {@code .svg}. */
    public static final String SUFFIX = ".plot.csv";

    private PlotCsv() {}

    /** The data file of the figure {@code svg}: {@code loss.svg} -> {@code loss.plot.csv} beside it. */
    public static Path path(Path svg) {
        String name = svg.getFileName().toString();
        if (!name.endsWith(".svg")) throw new IllegalArgumentException(svg + ": expected a file name ending in .svg");
        return svg.resolveSibling(name.substring(0, name.length() - ".svg".length()) + SUFFIX);
    }

    static String of(List<LinePlot.Series> series) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (LinePlot.Series s : series) {
            String head = cell(s.name()) + "," + s.style().key() + "," + cell(s.colorOf()) + ",";
            if (s.style() == LinePlot.Style.REFERENCE) {
                csv.append(head).append(',').append(number(s.y()[0])).append(",,\n");
                continue;
            }
            for (int i = 0; i < s.x().length; i++) {
                csv.append(head).append(number(s.x()[i])).append(',');
                if (s.y() != null) csv.append(number(s.y()[i])).append(",,\n");
                else csv.append(',').append(number(s.lo()[i])).append(',').append(number(s.hi()[i])).append('\n');
            }
        }
        return csv.toString();
    }

    /** A number as Java writes it (it reads back to the same double), or an empty cell when it is not finite. */
    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** A text cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    public static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
