package org.relulab.training.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's runs grouped over seeds: one group per combination of the other swept options, in the sweep's order, with
 * how many of its runs are done, diverged, failed and not yet finished, and for each metric the mean, median, minimum
 * and maximum over its done runs (for a 0/1 metric, the fraction of ones and its 95 % interval). Diverged runs are
 * counted and left out of the statistics (a diverged loss is not a loss to average), as are failed and unfinished
 * runs.
 */
final class SeedSummary {
    /** The statistics of each metric, in the order of summary.csv's columns ({@code final_test_loss_mean}, ...). */
    static final List<String> STATS = List.of("mean", "median", "min", "max");
    /**
     * The statistics of a 0/1 metric ({@link Metric#indicator()}): the fraction of ones and its 95 % Wilson interval
     * ({@link Proportion}).
     */
    static final List<String> FRACTION_STATS = List.of("fraction", "low95", "high95");
    /** The count columns after the swept ones. */
    static final List<String> COUNTS = List.of("runs", "count", "diverged", "failed", "unfinished");

    /**
     * One group: the runs that differ only in their seed.
     *
     * @param cells the swept columns' cells the runs share
     * @param runs  its runs, in the sweep's order
     */
    record Group(Map<String, String> cells, List<RunsTable.Run> runs) {
        /** The counts of {@link #COUNTS}: points, done, diverged, failed, pending or running. */
        int[] counts() {
            int[] n = new int[COUNTS.size()];
            n[0] = runs.size();
            for (RunsTable.Run r : runs) {
                switch (r.result().state()) {
                    case DONE -> n[1]++;
                    case DIVERGED -> n[2]++;
                    case FAILED -> n[3]++;
                    case PENDING, RUNNING -> n[4]++;
                }
            }
            return n;
        }

        /** The values of runs.csv's column {@code column} over the done runs that have one. */
        double[] values(String column) {
            return runs.stream().filter(r -> r.result().state() == PointState.DONE)
                    .map(r -> r.result().values().get(column)).filter(v -> v != null)
                    .mapToDouble(Double::doubleValue).toArray();
        }
    }

    private final List<RunsTable.Column> columns;
    private final List<Group> groups;
    private final List<String> metrics;

    private SeedSummary(List<RunsTable.Column> columns, List<Group> groups, List<String> metrics) {
        this.columns = columns;
        this.groups = List.copyOf(groups);
        this.metrics = List.copyOf(metrics);
    }

    /** {@code table}'s runs grouped over seeds, with statistics of runs.csv's columns {@code metrics}. */
    static SeedSummary of(RunsTable table, List<String> metrics) {
        Map<Map<String, String>, List<RunsTable.Run>> groups = new LinkedHashMap<>();
        for (RunsTable.Run r : table.runs()) groups.computeIfAbsent(r.cells(), k -> new ArrayList<>()).add(r);
        List<Group> list = new ArrayList<>();
        groups.forEach((cells, runs) -> list.add(new Group(cells, List.copyOf(runs))));
        return new SeedSummary(table.columns(), list, metrics);
    }

    List<Group> groups() {
        return groups;
    }

    /**
     * mean, median, min and max of {@code values}; null when there are none. The median of an even count is the mean
     * of the two middle values.
     */
    static double[] stats(double[] values) {
        if (values.length == 0) return null;
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) sum += x;
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new double[] {sum / n, median, v[0], v[n - 1]};
    }

    /** A 0/1 metric's fraction and 95 % interval ({@link #FRACTION_STATS}); null when there are no values. */
    static double[] fractionStats(double[] values) {
        Proportion p = Proportion.of(values);
        return p == null ? null : new double[] {p.fraction(), p.low(), p.high()};
    }

    /** Whether runs.csv's column {@code column} holds a 0/1 metric. */
    static boolean indicator(String column) {
        for (Metric m : Metric.values()) if (m.indicator() && column.equals(RunResult.column(m))) return true;
        return false;
    }

    /** The statistics of runs.csv's column {@code column}: {@link #FRACTION_STATS} or {@link #STATS}. */
    static List<String> statNames(String column) {
        return indicator(column) ? FRACTION_STATS : STATS;
    }

    /** {@link #statNames}'s statistics of {@code values} of runs.csv's column {@code column}; null without values. */
    static double[] statsOf(String column, double[] values) {
        return indicator(column) ? fractionStats(values) : stats(values);
    }

    /**
     * summary.csv: the swept columns but seed, {@link #COUNTS}, then {@code METRIC_STAT} for each metric and
     * statistic ({@code final_test_loss_mean, final_test_loss_median, ...}; {@code left_plateau_fraction,
     * left_plateau_low95, left_plateau_high95} for a 0/1 metric); empty statistics where a group has no done run.
     */
    String csv() {
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(c.name()));
        header.addAll(COUNTS);
        for (String m : metrics) for (String s : statNames(m)) header.add(m + "_" + s);
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Group g : groups) {
            List<String> cells = new ArrayList<>();
            g.cells().values().forEach(v -> cells.add(Csv.quote(v)));
            for (int n : g.counts()) cells.add(Integer.toString(n));
            for (String m : metrics) {
                double[] s = statsOf(m, g.values(m));
                for (int i = 0; i < statNames(m).size(); i++) cells.add(s == null ? "" : Csv.number(s[i]));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /**
     * summary.md: a heading, what the table shows and leaves out, and a Markdown table of the swept columns, the counts
     * and {@code metric}'s statistics to 4 significant digits. {@code about} is put under the heading (the spec's
     * description and fixed options).
     */
    String markdown(String about, Metric metric) {
        String column = RunResult.column(metric);
        StringBuilder sb = new StringBuilder("# Sweep summary\n\n").append(about).append("\n\n");
        sb.append("`").append(metric.key()).append("` (").append(metric.description()).append(") over seeds, for ")
                .append("each combination of the other swept options: ")
                .append(metric.indicator()
                        ? "the fraction of the runs that finished (`count` of the `runs`) where it is 1, and its 95 % "
                                + "Wilson score interval (`low95` to `high95`)"
                        : "mean, median, min and max over the runs that finished (`count` of the `runs`)")
                .append(". Diverged runs are counted in `diverged` and left out of ")
                .append("the statistics, as are failed runs and unfinished ones (pending or running). summary.csv has ")
                .append("these statistics for every metric of the spec; runs.csv has each run.\n\n");
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (RunsTable.Column c : columns) {
            header.add(c.name());
            rule.add(c.kind().numeric() ? "---:" : "---");
        }
        header.addAll(COUNTS);
        List<String> stats = statNames(column);
        header.addAll(stats);
        while (rule.size() < header.size()) rule.add("---:");
        sb.append(row(header)).append(row(rule));
        for (Group g : groups) {
            List<String> cells = new ArrayList<>(g.cells().values());
            for (int n : g.counts()) cells.add(Integer.toString(n));
            double[] s = statsOf(column, g.values(column));
            for (int i = 0; i < stats.size(); i++) cells.add(s == null ? "–" : fourDigits(s[i]));
            sb.append(row(cells));
        }
        return sb.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    /** {@code x} to 4 significant digits, in its shortest form: 0.01234, 1.5e-5, 20. */
    static String fourDigits(double x) {
        if (!Double.isFinite(x) || x == 0) return Csv.number(x);
        return Canonical.number(new BigDecimal(x).round(new MathContext(4)).doubleValue());
    }
}
