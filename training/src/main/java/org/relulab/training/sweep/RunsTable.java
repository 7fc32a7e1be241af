package org.relulab.training.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.failure.Failure;

/**
 * One row per point of a sweep folder, as runs.csv holds it (a tidy table: one run per row, one variable per column):
 * {@code run_id} (the point's folder name), {@code index}, each swept option but seed as its own column (named with
 * '_' for '-': {@code init_scale}) holding its value (a real option's always with a fraction or an exponent: 2.0),
 * a derived axis followed by its factor ({@code m_per_d}), then
 * {@code seed}, {@code status} and the run's numbers ({@link RunResult#COLUMNS}).
 */
final class RunsTable {
    /**
     * A swept column of the table.
     *
     * @param name   its name in the tables: the option's with '_' for '-', or {@code OPTION_per_TIMES} for a factor
     * @param option the swept option it shows
     * @param kind   what it holds: numbers, true or false, or names
     * @param factor whether it holds a derived axis's factor rather than the option's value
     */
    record Column(String name, String option, SpecOption.Kind kind, boolean factor) {}

    /**
     * One row.
     *
     * @param point  the point as points.csv lists it
     * @param cells  swept column name → its cell's text, unquoted ("" when a factor is not found)
     * @param seed   the run's seed
     * @param result what the run gave
     */
    record Run(CollectedSweep.Point point, Map<String, String> cells, String seed, RunResult result) {}

    private final List<Column> columns;
    private final List<Run> runs;

    private RunsTable(List<Column> columns, List<Run> runs) {
        this.columns = List.copyOf(columns);
        this.runs = List.copyOf(runs);
    }

    /** The swept columns, seed left out, in points.csv's order. */
    List<Column> columns() {
        return columns;
    }

    /** The rows, in points.csv's order. */
    List<Run> runs() {
        return runs;
    }

    /** A column name for option {@code option}: '_' for '-'. */
    static String columnName(String option) {
        return option.replace('-', '_');
    }

    /** Every point of {@code folder} and what its run gave; problems reading a run are reported on {@code warnings}. */
    static RunsTable collect(CollectedSweep folder, PrintStream warnings) {
        List<Column> columns = new ArrayList<>();
        for (String option : folder.options()) {
            if (option.equals("seed")) continue;
            columns.add(new Column(columnName(option), option, SpecOption.byName(option).kind(), false));
            if (axis(folder.spec(), option) instanceof DerivedAxis d) {
                columns.add(new Column(columnName(option) + "_per_" + columnName(d.times()), option,
                        SpecOption.Kind.REAL, true));
            }
        }
        List<Run> runs = new ArrayList<>();
        for (CollectedSweep.Point p : folder.points()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (Column c : columns) {
                cells.put(c.name(), c.factor() ? factor(folder.spec(), p, c.option()) : typed(folder, p, c.option()));
            }
            String seed = p.values().containsKey("seed") ? typed(folder, p, "seed") : fixedSeed(folder.spec());
            runs.add(new Run(p, cells, seed, RunResult.read(folder.runDir(p), warnings)));
        }
        return new RunsTable(columns, runs);
    }

    /** runs.csv: a header, then one line per point; no comment lines. */
    String csv() {
        List<String> header = new ArrayList<>(List.of("run_id", "index"));
        columns.forEach(c -> header.add(c.name()));
        header.addAll(List.of("seed", "status"));
        header.addAll(RunResult.COLUMNS);
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Run r : runs) {
            List<String> cells = new ArrayList<>(List.of(Csv.quote(r.point().name()), Integer.toString(r.point()
                    .index())));
            r.cells().values().forEach(v -> cells.add(Csv.quote(v)));
            cells.add(r.seed());
            cells.add(r.result().state().key());
            for (String c : RunResult.COLUMNS) cells.add(Csv.number(r.result().values().get(c)));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static Axis axis(SweepSpec spec, String option) {
        for (Axis a : spec.axes()) if (a.option().equals(option)) return a;
        return null;
    }

    /**
     * The value of {@code option} at {@code p} in its column's type: a number in its canonical form (20000, 1e-4; a
     * real one with a fraction: 2.0), true or false, or the text. A value of the wrong type is a failure naming
     * points.csv.
     */
    private static String typed(CollectedSweep folder, CollectedSweep.Point p, String option) {
        String v = p.values().get(option);
        try {
            return switch (SpecOption.byName(option).kind()) {
                case INTEGER -> Long.toString(Long.parseLong(v));
                case REAL -> real(v);
                case BOOLEAN -> {
                    if (!v.equals("true") && !v.equals("false")) throw new NumberFormatException();
                    yield v;
                }
                case CHOICE, TEXT -> v;
            };
        } catch (NumberFormatException e) {
            throw Failure.usage("sweep collect: " + folder.dir().resolve(SweepFolder.POINTS) + ": point "
                    + p.index() + " (" + p.name() + "): " + option + " = '" + v + "' is not a value of --" + option);
        }
    }

    /** The factor of derived axis {@code option} that gives {@code p}'s value, or "" when none does. */
    private static String factor(SweepSpec spec, CollectedSweep.Point p, String option) {
        DerivedAxis d = (DerivedAxis) axis(spec, option);
        Map<String, String> earlier = new LinkedHashMap<>(spec.base());
        earlier.putAll(p.values());
        for (int i = 0; i < d.size(); i++) {
            try {
                double value = Double.parseDouble(d.value(i, earlier));
                if (value == Double.parseDouble(p.values().get(option))) return real(d.factors().get(i));
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }

    /**
     * A real number's cell: its canonical form, with ".0" when it is whole (2.0, not 2), so that a real option's
     * column reads as real numbers (pandas: float64) whatever the values.
     */
    static String real(String text) {
        String s = Canonical.number(Double.parseDouble(text));
        return s.matches("-?[0-9]+") ? s + ".0" : s;
    }

    /**
     * The columns that hold what the spec sweeps, one per swept option but seed: a derived axis's factor
     * ({@code m_per_d}), any other option's value.
     */
    List<Column> gridColumns() {
        return columns.stream().filter(c -> c.factor() || columns.stream().noneMatch(f -> f.factor() && f.option()
                .equals(c.option()))).toList();
    }

    /** The seed of every run of a sweep that does not sweep it: the spec's, else train's default. */
    private static String fixedSeed(SweepSpec spec) {
        String seed = spec.base().get("seed");
        return seed != null ? seed : RunOption.SEED.text(RunConfig.defaults().out(Path.of("unused")).build());
    }
}
