package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a sweep spec (TOML, the format is in this package's documentation) and checks all of it before anything runs:
 * TOML syntax, unknown keys and options (with the closest known name), value types, every value through the option's
 * own parser and range, empty and duplicate axes, zip groups, metrics. The first problem is a one-line
 * {@link Failure} with exit code 2: {@code sweep: FILE:LINE:COLUMN: [axes] lr = 0: --lr 0 is out of range (...)}.
 * The grid as a whole (its size, each run's configuration) is checked by {@link SweepSpec#points(boolean)}.
 */
public final class SpecParser {
    /** The keys a spec may have at its top. */
    private static final List<String> TOP_KEYS = List.of("description", "metrics", "zip", "base", "axes");
    /** Other names of an axis: {@code seeds = "1..20"} sweeps seed. */
    private static final Map<String, String> AXIS_ALIASES = Map.of("seeds", "seed");

    private final String file;

    private SpecParser(String file) {
        this.file = file;
    }

    /** The spec in {@code file}, read and checked; errors name the file as given. */
    public static SweepSpec parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw SpecPosition.of(file.toString()).error("not UTF-8 text (a spec is a TOML file)");
        } catch (IOException e) {
            throw FileProblem.of("reading", file, e);
        }
        return parse(text, file.toString());
    }

    /** The spec in {@code text}, read and checked; errors name it {@code source}. */
    public static SweepSpec parse(String text, String source) {
        return new SpecParser(source).read(Toml.parse(text));
    }

    private SweepSpec read(TomlParseResult toml) {
        if (toml.hasErrors()) {
            TomlParseError e = toml.errors().get(0);
            String message = e.getMessage().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
            throw position(e.position()).error("not valid TOML: " + message);
        }
        topKeys(toml);
        Map<String, String> base = new LinkedHashMap<>();
        Map<String, SpecPosition> baseAt = new HashMap<>();
        readBase(toml, base, baseAt);
        List<Axis> axes = readAxes(toml, base, baseAt);
        return new SweepSpec(file, description(toml), base, baseAt, axes, readZip(toml, axes), readMetrics(toml),
                keyAt(toml, "axes"));
    }

    private void topKeys(TomlTable toml) {
        for (String key : toml.keySet()) {
            if (TOP_KEYS.contains(key)) continue;
            SpecPosition p = keyAt(toml, key);
            if (SpecOption.byName(key) != null || AXIS_ALIASES.containsKey(key)) {
                throw p.error(key + ": a train option goes in a table: under [base] (one value for every run) or "
                        + "[axes] (swept)");
            }
            throw p.error("unknown key '" + key + "' (expected description, metrics, zip, [base] or [axes])"
                    + Suggest.didYouMean(key, TOP_KEYS));
        }
        for (String table : List.of("base", "axes")) {
            if (toml.contains(List.of(table)) && !toml.isTable(List.of(table))) {
                throw keyAt(toml, table).error(table + ": expected a table [" + table + "], got "
                        + SpecOption.describe(toml.get(List.of(table))));
            }
        }
    }

    private String description(TomlTable toml) {
        Object v = toml.get(List.of("description"));
        if (v == null) return "";
        if (v instanceof String s) return s;
        throw keyAt(toml, "description").error("description: expected a quoted text, got " + SpecOption.describe(v));
    }

    private void readBase(TomlTable toml, Map<String, String> base, Map<String, SpecPosition> baseAt) {
        TomlTable t = toml.getTable(List.of("base"));
        if (t == null) return;
        for (String key : t.keySet()) {
            SpecPosition p = keyAt(t, key);
            SpecOption o = option(key, p, "[base]");
            Object v = t.get(List.of(key));
            if (v instanceof TomlArray || v instanceof TomlTable) {
                throw p.error("[base] " + key + ": one value for every run goes in [base]; a list or a range of "
                        + "values is an axis (move it under [axes])");
            }
            String text;
            try {
                text = o.text(v);
            } catch (IllegalArgumentException e) {
                throw p.error("[base] " + key + ": " + e.getMessage());
            }
            try {
                o.check(text);
            } catch (IllegalArgumentException e) {
                throw p.error("[base] " + key + " = " + text + ": " + e.getMessage());
            }
            base.put(key, text);
            baseAt.put(key, p);
        }
    }

    /** The option {@code key} names in {@code table}, or the error for a key that is none a spec may set. */
    private SpecOption option(String key, SpecPosition p, String table) {
        if (SpecOption.RUNNER_OWNED.contains(key)) {
            throw p.error(table + " " + key + ": set by the sweep runner, not by a spec (each run's folder is "
                    + "--out DIR/NAME of relulab sweep SPEC --out DIR)");
        }
        if (TOP_KEYS.contains(key)) {
            throw p.error(table + " " + key + ": " + key + " goes at the top of the spec, above the first [table] "
                    + "(TOML puts every key below " + table + " in that table)");
        }
        SpecOption o = SpecOption.byName(key);
        if (o == null) {
            String hint = Suggest.didYouMean(key, SpecOption.names());
            throw p.error(table + ": unknown option '" + key + "'" + (hint.isEmpty()
                    ? " (expected a train option: " + String.join(", ", SpecOption.names()) + ")"
                    : hint));
        }
        return o;
    }

    private List<Axis> readAxes(TomlTable toml, Map<String, String> base, Map<String, SpecPosition> baseAt) {
        TomlTable t = toml.getTable(List.of("axes"));
        if (t == null || t.isEmpty()) {
            SpecPosition p = t == null ? SpecPosition.of(file) : keyAt(toml, "axes");
            throw p.error("no axes: a sweep needs at least one axis under [axes] (one run is relulab train)");
        }
        List<Axis> axes = new ArrayList<>();
        Set<String> known = new HashSet<>(base.keySet());
        for (String key : t.keySet()) {
            SpecPosition p = keyAt(t, key);
            String name = AXIS_ALIASES.getOrDefault(key, key);
            SpecOption o = option(name, p, "[axes]");
            if (baseAt.containsKey(name)) {
                throw p.error("[axes] " + key + ": " + name + " is also set in [base] (line " + baseAt.get(name).line()
                        + "): set it in one place");
            }
            for (Axis a : axes) {
                if (a.option().equals(name)) {
                    throw p.error("[axes] " + key + ": " + name + " is already an axis (line " + a.at().line() + ")");
                }
            }
            axes.add(AxisReader.read(file, o, t.get(List.of(key)), p, known, zippedNames(toml).contains(name)));
            known.add(name);
        }
        return axes;
    }

    /**
     * The axes the spec's {@code zip} names, as far as it names any (read loosely: {@link #readZip} checks it): a
     * zipped list may repeat a value, since a zip group's values are checked as tuples.
     */
    private static Set<String> zippedNames(TomlTable toml) {
        Set<String> names = new HashSet<>();
        if (!(toml.get(List.of("zip")) instanceof TomlArray zip)) return names;
        for (int g = 0; g < zip.size(); g++) {
            if (!(zip.get(g) instanceof TomlArray group)) continue;
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i) instanceof String s) names.add(AXIS_ALIASES.getOrDefault(s, s));
            }
        }
        return names;
    }

    private List<List<String>> readZip(TomlTable toml, List<Axis> axes) {
        if (!toml.contains(List.of("zip"))) return List.of();
        if (!(toml.get(List.of("zip")) instanceof TomlArray zip)) {
            throw keyAt(toml, "zip").error("zip: expected a list of groups of axes, [[\"lr\", \"steps\"]], got "
                    + SpecOption.describe(toml.get(List.of("zip"))));
        }
        Map<String, Axis> byOption = new LinkedHashMap<>();
        for (Axis a : axes) byOption.put(a.option(), a);
        List<List<String>> groups = new ArrayList<>();
        Set<String> zipped = new HashSet<>();
        for (int g = 0; g < zip.size(); g++) {
            SpecPosition p = position(zip.inputPositionOf(g));
            if (!(zip.get(g) instanceof TomlArray group) || group.size() < 2) {
                throw p.error("zip: each group is a list of two or more axes, [\"lr\", \"steps\"]; got "
                        + SpecOption.describe(zip.get(g)) + (zip.get(g) instanceof TomlArray ? " of one" : ""));
            }
            groups.add(zipGroup(group, byOption, zipped));
        }
        return groups;
    }

    /** A zip group's axes, each an axis in no other group, all of one length, pairing no values twice. */
    private List<String> zipGroup(TomlArray group, Map<String, Axis> byOption, Set<String> zipped) {
        List<String> names = new ArrayList<>();
        Axis first = null;
        for (int i = 0; i < group.size(); i++) {
            SpecPosition p = position(group.inputPositionOf(i));
            Object v = group.get(i);
            Axis a = v instanceof String s ? byOption.get(AXIS_ALIASES.getOrDefault(s, s)) : null;
            if (a == null) {
                String hint = v instanceof String s ? Suggest.didYouMean(s, byOption.keySet()) : "";
                throw p.error("zip: " + SpecOption.quoted(v) + " is not an axis (axes: "
                        + String.join(", ", byOption.keySet()) + ")" + hint);
            }
            if (!zipped.add(a.option())) throw p.error("zip: " + a.option() + " is zipped twice");
            if (first == null) {
                first = a;
            } else if (a.size() != first.size()) {
                throw p.error("zip: " + first.option() + " has " + first.size() + " values and " + a.option() + " has "
                        + a.size() + " (zipped axes pair their values one to one)");
            }
            names.add(a.option());
        }
        requireDistinctTuples(names.stream().map(byOption::get).toList());
        return names;
    }

    /** Zipped axes may repeat a value ({@code network = ["a", "a"]}), not a combination of values. */
    private static void requireDistinctTuples(List<Axis> group) {
        Map<List<String>, Integer> seen = new HashMap<>();
        Axis first = group.get(0);
        for (int i = 0; i < first.size(); i++) {
            final int at = i;
            List<String> tuple = group.stream().map(a -> a.label(at)).toList();
            Integer before = seen.putIfAbsent(tuple, i);
            if (before != null) {
                throw first.at(i).error("zip: values " + (before + 1) + " and " + (i + 1) + " of "
                        + group.stream().map(Axis::option).toList() + " are both " + tuple
                        + " (zipped axes pair their values one to one: each combination once)");
            }
        }
    }

    private List<Metric> readMetrics(TomlTable toml) {
        if (!toml.contains(List.of("metrics"))) return List.of(Metric.values());
        SpecPosition at = keyAt(toml, "metrics");
        if (!(toml.get(List.of("metrics")) instanceof TomlArray a) || a.isEmpty()) {
            throw at.error("metrics: expected a list of one or more of: " + String.join(", ", Metric.keys())
                    + "; got " + SpecOption.describe(toml.get(List.of("metrics"))));
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            SpecPosition p = position(a.inputPositionOf(i));
            Metric m = a.get(i) instanceof String s ? Metric.byKey(s) : null;
            if (m == null) {
                String hint = a.get(i) instanceof String s ? Suggest.didYouMean(s, Metric.keys()) : "";
                throw p.error("metrics: unknown metric " + SpecOption.quoted(a.get(i)) + " (expected one of: "
                        + String.join(", ", Metric.keys()) + ")" + hint);
            }
            if (metrics.contains(m)) throw p.error("metrics: " + m.key() + " is listed twice");
            metrics.add(m);
        }
        return metrics;
    }

    private SpecPosition keyAt(TomlTable t, String key) {
        return position(t.inputPositionOf(List.of(key)));
    }

    private SpecPosition position(TomlPosition p) {
        return p == null ? SpecPosition.of(file) : new SpecPosition(file, p.line(), p.column());
    }
}
