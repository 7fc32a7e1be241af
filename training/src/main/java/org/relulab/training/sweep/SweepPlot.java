package org.relulab.training.sweep;

import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.relulab.training.plot.LinePlot;

/**
 * A metric of a sweep's done runs against one swept option, one line per value of another ({@code --by}) and of any
 * further swept option but seed: at each x the median over seeds (a point on the line, marked where the line has few),
 * with a band from the minimum to the maximum. The y axis is logarithmic; the x axis too when its values are positive
 * and span a factor of 20 or more. A 0/1 metric ({@link Metric#indicator()}) is drawn as the fraction of ones over
 * seeds on a linear axis from 0 to 1, its band the 95 % Wilson interval.
 */
final class SweepPlot {
    private SweepPlot() {}

    /** The plot's file name in the sweep folder: {@code final-test-loss-vs-lr.svg}. */
    static String fileName(Metric metric, RunsTable.Column x) {
        return metric.key() + "-vs-" + x.name() + ".svg";
    }

    /**
     * The plot of {@code metric} against column {@code x}, one line per value of {@code by} (null: none) and of each
     * other swept option but seed; {@code fixed} (the spec's base options, "d=16, steps=20000") ends the title.
     */
    static LinePlot plot(RunsTable table, Metric metric, RunsTable.Column x, RunsTable.Column by, String fixed) {
        String column = RunResult.column(metric);
        Map<String, TreeMap<Double, List<Double>>> lines = new LinkedHashMap<>();
        for (RunsTable.Run r : table.runs()) {
            Double value = r.result().values().get(column);
            String xCell = r.cells().get(x.name());
            if (r.result().state() != PointState.DONE || value == null || xCell.isEmpty()) continue;
            lines.computeIfAbsent(label(table, r, x, by), k -> new TreeMap<>())
                    .computeIfAbsent(Double.parseDouble(xCell), k -> new ArrayList<>()).add(value);
        }
        LinePlot plot = new LinePlot(title(metric, x, fixed, lines), x.name(), metric.description(), logX(lines));
        if (metric.indicator()) plot.unitY();
        lines.forEach((name, points) -> {
            double[] xs = new double[points.size()], median = new double[xs.length], lo = new double[xs.length],
                    hi = new double[xs.length];
            int i = 0;
            for (Map.Entry<Double, List<Double>> e : points.entrySet()) {
                double[] values = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                xs[i] = e.getKey();
                if (metric.indicator()) { // the fraction and its 95 % interval
                    double[] s = SeedSummary.fractionStats(values);
                    median[i] = s[0];
                    lo[i] = s[1];
                    hi[i++] = s[2];
                    continue;
                }
                double[] s = SeedSummary.stats(values);
                median[i] = s[1];
                lo[i] = s[2];
                hi[i++] = s[3];
            }
            plot.add(name, xs, median).addBand(name, xs, lo, hi);
        });
        return plot;
    }

    /**
     * A line's name: "lr=0.5", with {@code by} first and then the other swept options but x's and seed (a derived
     * axis by its factor: "m_per_d=2.0").
     */
    private static String label(RunsTable table, RunsTable.Run r, RunsTable.Column x, RunsTable.Column by) {
        StringJoiner j = new StringJoiner(", ");
        if (by != null) j.add(by.name() + "=" + r.cells().get(by.name()));
        for (RunsTable.Column c : table.gridColumns()) {
            if (c.option().equals(x.option()) || (by != null && c.option().equals(by.option()))) continue;
            j.add(c.name() + "=" + r.cells().get(c.name()));
        }
        return j.length() == 0 ? "median" : j.toString();
    }

    private static String title(Metric metric, RunsTable.Column x, String fixed,
            Map<String, TreeMap<Double, List<Double>>> lines) {
        IntSummaryStatistics seeds = lines.values().stream().flatMap(points -> points.values().stream())
                .mapToInt(List::size).summaryStatistics();
        String count = seeds.getMin() == seeds.getMax() ? seeds.getMax() + "" : seeds.getMin() + "–" + seeds.getMax();
        String title = metric.key() + " against " + x.name() + (seeds.getMax() <= 1
                ? ": one seed"
                : metric.indicator()
                        ? ": fraction of " + count + " seeds, 95 % Wilson band"
                        : ": median of " + count + " seeds, min–max band");
        if (fixed.isEmpty()) return title;
        return title + "; " + fixed; // LinePlot wraps a long title
    }

    /** A log x axis for positive values that span a factor of 20 or more. */
    private static boolean logX(Map<String, TreeMap<Double, List<Double>>> lines) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (TreeMap<Double, List<Double>> points : lines.values()) {
            lo = Math.min(lo, points.firstKey());
            hi = Math.max(hi, points.lastKey());
        }
        return lo > 0 && hi / lo >= 20;
    }
}
