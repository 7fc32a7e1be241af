package org.relulab.training.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.TextFile;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.plot.PlotCsv;

/**
 * {@code relulab sweep collect DIR}: a sweep folder's runs as tables and a plot, written into DIR (replacing those of
 * an earlier collect, so it can be run again as runs finish):
 * <ul>
 * <li>runs.csv, one row per point ({@link RunsTable}: run_id, index, the swept options, seed, status, steps_done,
 * final and best losses, seconds);
 * <li>summary.csv and summary.md, the runs grouped over seeds ({@link SeedSummary});
 * <li>METRIC-vs-X.svg, a metric against a swept option, one line per value of another ({@link SweepPlot}).
 * </ul>
 * Errors (a folder that is not a sweep's, an unknown metric or option, no run finished yet) are one-line
 * {@link Failure}s with exit code 2.
 */
public final class Collect {
    static final String USAGE = "relulab sweep collect DIR [--metric NAME] [--x OPTION] [--by OPTION|none]";
    static final String HELP = """
            Usage: %s

            Collects the runs of the sweep folder DIR (the --out folder of relulab sweep) into DIR/runs.csv (one row
            per point), DIR/summary.csv and DIR/summary.md (grouped over seeds: counts, and mean, median, min and max
            over the done runs; diverged runs counted apart) and a plot DIR/METRIC-vs-X.svg.

              --metric NAME   the metric of summary.md and the plot (default final-test-loss); one of:
                              %s
              --x OPTION      the swept option on the plot's x axis, or a derived one's factor (m_per_d); default:
                              the first swept one but seed, a derived one by its factor
              --by OPTION     one line per value of this swept option (default: the next one but seed; none: one
                              line); other swept options but seed also split the lines
            """;

    private Collect() {}

    /** The parsed command line. */
    private record Args(Path dir, String metric, String x, String by) {}

    /**
     * Runs {@code relulab sweep collect} with {@code args} (what follows "collect"): writes the tables and the plot and
     * prints what it wrote on {@code out}, warnings on {@code err}. Failures are thrown as {@link Failure} for the
     * command line to report.
     */
    public static void run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(String.format(HELP, USAGE, String.join(", ", Metric.keys())));
            return;
        }
        Args a = parse(args);
        Metric metric = metric(a.metric());
        CollectedSweep folder = CollectedSweep.open(a.dir());
        RunsTable table = RunsTable.collect(folder, err);
        RunsTable.Column x = a.x() == null ? defaultAxis(table, null) : column(table, "--x", a.x());
        RunsTable.Column by = by(table, a.by(), x);
        Map<PointState, Integer> states = states(table);
        if (states.get(PointState.DONE) + states.get(PointState.DIVERGED) == 0) {
            throw Failure.usage("sweep collect: " + a.dir() + ": no run has finished yet (" + describe(states) + ")");
        }
        List<String> written = new ArrayList<>();
        write(folder, "runs.csv", table.csv(), written);
        SeedSummary summary = SeedSummary.of(table, summaryMetrics(folder.spec(), metric));
        write(folder, "summary.csv", summary.csv(), written);
        write(folder, "summary.md", summary.markdown(about(folder), metric), written);
        if (x != null) {
            LinePlot plot = SweepPlot.plot(table, metric, x, by, fixed(folder.spec()));
            write(folder, SweepPlot.fileName(metric, x), plot.svg(), written);
            write(folder, PlotCsv.path(Path.of(SweepPlot.fileName(metric, x))).toString(), plot.csv(), written);
        }
        out.println("sweep collect: " + table.runs().size() + " points: " + describe(states));
        out.println("sweep collect: wrote " + String.join(", ", written) + " in " + a.dir());
        if (x == null) out.println("sweep collect: no plot: the sweep sweeps nothing but the seed");
    }

    private static Args parse(String[] args) {
        Path dir = null;
        String metric = Metric.FINAL_TEST_LOSS.key(), x = null, by = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (dir != null) throw Failure.usage("sweep collect: one folder only, got " + dir + " and " + arg);
                dir = Path.of(arg);
                continue;
            }
            if (i + 1 >= args.length) throw Failure.usage("sweep collect: " + arg + " needs a value (" + USAGE + ")");
            String value = args[++i];
            switch (arg) {
                case "--metric" -> metric = value;
                case "--x" -> x = value;
                case "--by" -> by = value;
                default -> throw Failure.usage("sweep collect: unknown option '" + arg + "' (expected --metric, --x or "
                        + "--by)" + Suggest.didYouMean(arg, List.of("--metric", "--x", "--by")));
            }
        }
        if (dir == null) throw Failure.usage("sweep collect: no sweep folder given (" + USAGE + ")");
        return new Args(dir, metric, x, by);
    }

    /** The metric named {@code name} (its key, or its runs.csv column: final_test_loss). */
    private static Metric metric(String name) {
        Metric m = Metric.byKey(name.replace('_', '-'));
        if (m == null && name.equals("steps_done")) m = Metric.STEPS;
        if (m == null) {
            throw Failure.usage("sweep collect: --metric '" + name + "' is not a metric (expected one of: "
                    + String.join(", ", Metric.keys()) + ")" + Suggest.didYouMean(name, Metric.keys()));
        }
        if (m == Metric.DIVERGED) {
            throw Failure.usage("sweep collect: --metric diverged is not a number to summarize (summary.csv counts "
                    + "the diverged runs of each group; expected another metric)");
        }
        return m;
    }

    /** The swept column {@code name} names (an option, with '-' or '_', or a derived axis's factor column). */
    private static RunsTable.Column column(RunsTable table, String flag, String name) {
        String wanted = RunsTable.columnName(name);
        List<String> names = new ArrayList<>();
        for (RunsTable.Column c : table.columns()) {
            if (c.name().equals(wanted)) {
                if (!c.kind().numeric()) {
                    throw Failure.usage("sweep collect: " + flag + " " + name + ": its values are not numbers "
                            + "(expected a swept option that takes numbers)");
                }
                return c;
            }
            names.add(c.name());
        }
        String why = wanted.equals("seed")
                ? "the statistics run over the seeds"
                : "not a swept option of this sweep";
        throw Failure.usage("sweep collect: " + flag + " '" + name + "': " + why + " (expected one of: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")" + Suggest.didYouMean(name, names));
    }

    /** {@code --by}: the named column, none, or by default the first swept option's column after x's but seed. */
    private static RunsTable.Column by(RunsTable table, String name, RunsTable.Column x) {
        if (x == null || "none".equals(name)) return null;
        if (name == null) return defaultAxis(table, x);
        RunsTable.Column by = table.columns().stream().filter(c -> c.name().equals(RunsTable.columnName(name)))
                .findFirst().orElse(null);
        if (by == null) return column(table, "--by", name); // throws, naming the swept options
        if (by.option().equals(x.option())) {
            throw Failure.usage("sweep collect: --by " + name + " is the option on the x axis (expected another "
                    + "swept option, or none)");
        }
        return by;
    }

    /**
     * The first swept option's column (not seed, not {@code other}'s option; for x one of numbers), or null: a derived
     * axis's factor column (m_per_d: what the spec sweeps), any other option's value column.
     */
    private static RunsTable.Column defaultAxis(RunsTable table, RunsTable.Column other) {
        for (RunsTable.Column c : table.gridColumns()) {
            if (other != null && c.option().equals(other.option())) continue;
            if (other != null || c.kind().numeric()) return c;
        }
        return null;
    }

    /** The metrics of summary.csv: the spec's, but diverged (a count there), and {@code chosen} if it lacks it. */
    private static List<String> summaryMetrics(SweepSpec spec, Metric chosen) {
        List<String> columns = new ArrayList<>();
        for (Metric m : spec.metrics()) if (m != Metric.DIVERGED) columns.add(RunResult.column(m));
        if (!columns.contains(RunResult.column(chosen))) columns.add(RunResult.column(chosen));
        return columns;
    }

    private static Map<PointState, Integer> states(RunsTable table) {
        Map<PointState, Integer> n = new EnumMap<>(PointState.class);
        for (PointState s : PointState.values()) n.put(s, 0);
        for (RunsTable.Run r : table.runs()) n.merge(r.result().state(), 1, Integer::sum);
        return n;
    }

    /** "4 done, 1 diverged, 2 pending": the states that occur, finished ones first. */
    private static String describe(Map<PointState, Integer> states) {
        StringJoiner j = new StringJoiner(", ");
        for (PointState s : List.of(PointState.DONE, PointState.DIVERGED, PointState.FAILED, PointState.RUNNING,
                PointState.PENDING)) {
            if (states.get(s) > 0) j.add(states.get(s) + " " + s.key());
        }
        return j.length() == 0 ? "no points" : j.toString();
    }

    /** summary.md's lines under its heading: the spec's description, file and fixed options. */
    private static String about(CollectedSweep folder) {
        String description = folder.spec().description();
        String fixed = fixed(folder.spec());
        return (description.isEmpty() ? "" : description + "\n\n") + "Sweep folder `" + folder.dir().getFileName()
                + "`, spec " + SweepFolder.SPEC + "; fixed options: " + (fixed.isEmpty() ? "none" : fixed) + ".";
    }

    /** The spec's base options, "d=16, steps=20000". */
    private static String fixed(SweepSpec spec) {
        StringJoiner j = new StringJoiner(", ");
        spec.base().forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    private static void write(CollectedSweep folder, String name, String text, List<String> written) {
        Path file = folder.dir().resolve(name);
        try {
            TextFile.write(file, text);
        } catch (IOException e) {
            throw FileProblem.of("writing", file, e);
        }
        written.add(name);
    }
}
