package org.relulab.training.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads one entry of a spec's {@code [axes]} table into an {@link Axis}, checking every value by the option's own
 * parser: a list {@code [0.5, 1, 2]}, a range {@code { from, to, step | count [, log] }}, an integer range
 * {@code "1..20"}, or a derived axis {@code { times = "d", values = [1, 1.5, 2] }}.
 */
final class AxisReader {
    private static final List<String> RANGE_KEYS = List.of("from", "to", "step", "count", "log");
    private static final List<String> DERIVED_KEYS = List.of("times", "values");
    private static final Pattern INTEGER_RANGE = Pattern.compile("\\s*(-?[0-9]+)\\s*\\.\\.\\s*(-?[0-9]+)\\s*");
    private static final String FORMS = "an axis is a list [a, b, ...], a range { from, to, step or count }, "
            + "\"A..B\" (integers) or { times = \"option\", values = [...] }";

    private final String file;
    private final SpecOption option;
    private final SpecPosition at;
    /** Whether the axis is in a zip group: its list may repeat a value. */
    private final boolean zipped;
    /** "[axes] lr", to start messages. */
    private final String where;

    private AxisReader(String file, SpecOption option, SpecPosition at, boolean zipped) {
        this.file = file;
        this.zipped = zipped;
        this.option = option;
        this.at = at;
        this.where = "[axes] " + option.name();
    }

    /**
     * The axis over {@code option} that the TOML {@code value} describes, written at {@code at}; {@code known} holds
     * the options a derived axis may multiply (those in {@code [base]} and the axes written above it); a
     * {@code zipped} list may repeat a value (its zip group's combinations are checked instead).
     */
    static Axis read(String file, SpecOption option, Object value, SpecPosition at, Set<String> known,
            boolean zipped) {
        AxisReader r = new AxisReader(file, option, at, zipped);
        if (value instanceof TomlArray a) return r.list(a);
        if (value instanceof TomlTable t) return t.contains(List.of("times")) ? r.derived(t, known) : r.range(t);
        if (value instanceof String s && INTEGER_RANGE.matcher(s).matches()) return r.integerRange(s);
        throw at.error(r.where + ": " + FORMS + "; got " + SpecOption.describe(value)
                + " (a single value goes under [base])");
    }

    private Axis list(TomlArray a) {
        if (a.isEmpty()) throw at.error(where + ": empty axis (list at least one value)");
        List<String> values = new ArrayList<>();
        List<SpecPosition> positions = new ArrayList<>();
        Map<String, SpecPosition> seen = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            SpecPosition p = position(a.inputPositionOf(i));
            String text;
            try {
                text = option.text(a.get(i));
            } catch (IllegalArgumentException e) {
                throw p.error(where + ": " + e.getMessage());
            }
            check(text, p);
            SpecPosition first = seen.putIfAbsent(text, p);
            if (first != null && !zipped) {
                throw p.error(where + ": " + text + " is listed twice (first at line " + first.line() + ")");
            }
            values.add(text);
            positions.add(p);
        }
        return new ListAxis(option.name(), values, positions, at);
    }

    private Axis integerRange(String s) {
        if (option.kind() != SpecOption.Kind.INTEGER) {
            throw at.error(where + ": \"" + s + "\" is a range of integers, and " + option.name() + " takes "
                    + (option.kind() == SpecOption.Kind.REAL
                            ? "real numbers (use { from, to, step or count })"
                            : "no numbers"));
        }
        Matcher m = INTEGER_RANGE.matcher(s);
        m.matches();
        double from, to;
        try {
            from = Long.parseLong(m.group(1));
            to = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw at.error(where + ": \"" + s + "\": a bound is not a 64-bit integer");
        }
        if (from > to) throw at.error(where + ": \"" + s + "\" is empty (expected A..B with A at most B)");
        if (to - from >= SweepSpec.HUGE) {
            throw at.error(where + ": \"" + s + "\" has more than " + SweepSpec.HUGE + " values");
        }
        return axis(from, to, 1, false, linear(from, to, 1));
    }

    private Axis range(TomlTable t) {
        requireKeys(t, RANGE_KEYS, "a range");
        if (!option.kind().numeric()) {
            throw at.error(where + ": a range needs an option that takes numbers; " + option.name()
                    + " takes a name or a flag (list its values: [\"a\", \"b\"])");
        }
        double from = number(t, "from"), to = number(t, "to");
        boolean log = t.contains(List.of("log")) && flag(t, "log");
        boolean hasStep = t.contains(List.of("step")), hasCount = t.contains(List.of("count"));
        if (hasStep && hasCount) throw keyAt(t, "count").error(where + ": give step or count, not both");
        if (log && hasStep) throw keyAt(t, "step").error(where + ": a log range takes count, not step");
        if (hasCount) {
            int count = count(t);
            if (count == 1 && from != to) {
                throw keyAt(t, "count").error(where + ": count 1 with from " + Canonical.number(from) + " and to "
                        + Canonical.number(to) + " (give count 2 or more, or from = to)");
            }
            if (log && (from <= 0 || to <= 0)) {
                throw at.error(where + ": a log range needs from and to above 0");
            }
            double ratio = log && count > 1 ? Math.pow(to / from, 1.0 / (count - 1)) : Double.NaN;
            double step = log ? ratio : count > 1 ? (to - from) / (count - 1) : 0;
            return axis(from, to, step, log, spaced(from, to, count, log));
        }
        if (!hasStep && option.kind() != SpecOption.Kind.INTEGER) {
            throw at.error(where + ": a range of real numbers needs step or count");
        }
        double step = hasStep ? number(t, "step") : 1;
        if (step <= 0) throw keyAt(t, "step").error(where + ": step must be above 0, got " + Canonical.number(step));
        if (from > to) throw keyAt(t, "to").error(where + ": from must be at most to (a range with step counts up)");
        if ((to - from) / step >= SweepSpec.HUGE) {
            throw at.error(where + ": the range has more than " + SweepSpec.HUGE + " values");
        }
        return axis(from, to, step, false, linear(from, to, step));
    }

    /** The range axis of {@code raw} values, each rounded for the option, checked, and none twice. */
    private Axis axis(double from, double to, double step, boolean log, double[] raw) {
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (double v : raw) {
            String text = option.kind() == SpecOption.Kind.INTEGER
                    ? Long.toString(Math.round(v))
                    : Canonical.number(Canonical.round(v));
            check(text, at);
            if (!seen.add(text)) {
                throw at.error(where + ": the range gives " + text + " twice (an integer option's values are "
                        + "rounded; use fewer values)");
            }
            values.add(text);
        }
        return new RangeAxis(option.name(), from, to, step, log, values, at);
    }

    /** from, from + step, ... up to to, included when a step lands on it (to within rounding). */
    static double[] linear(double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step * (1 + 1e-12) + 1e-9) + 1;
        double[] v = new double[n];
        double scale = Math.max(Math.abs(from), Math.max(Math.abs(to), step));
        for (int i = 0; i < n; i++) {
            v[i] = from + i * step;
            if (Math.abs(v[i]) < 1e-12 * scale) v[i] = 0; // -1 + 10 × 0.1 is 0, not 1.1e-16
        }
        return v;
    }

    /** {@code count} values from {@code from} to {@code to}, evenly spaced, or evenly on a log scale. */
    static double[] spaced(double from, double to, int count, boolean log) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            double f = count == 1 ? 0 : (double) i / (count - 1);
            v[i] = log ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from);
        }
        v[0] = from;
        v[count - 1] = to;
        return v;
    }

    private Axis derived(TomlTable t, Set<String> known) {
        requireKeys(t, DERIVED_KEYS, "a derived axis");
        if (!option.kind().numeric()) {
            throw at.error(where + ": a derived axis (times) needs an option that takes numbers");
        }
        Object times = t.get(List.of("times"));
        SpecPosition timesAt = keyAt(t, "times");
        if (!(times instanceof String of)) {
            throw timesAt.error(where + ": times: expected a quoted option name, got " + SpecOption.describe(times));
        }
        SpecOption other = SpecOption.byName(of);
        if (other == null) {
            throw timesAt.error(where + ": times: unknown option '" + of + "'"
                    + Suggest.didYouMean(of, SpecOption.names()));
        }
        if (!other.kind().numeric() || of.equals(option.name()) || !known.contains(of)) {
            throw timesAt.error(where + ": times = \"" + of + "\": expected a numeric option set in [base] or by an "
                    + "axis above " + option.name());
        }
        if (!(t.get(List.of("values")) instanceof TomlArray a)) {
            throw keyAt(t, "values").error(where + ": values: expected a list of factors [1, 1.5, 2]");
        }
        return new DerivedAxis(option.name(), of, factors(a), option.kind() == SpecOption.Kind.INTEGER, at);
    }

    private List<String> factors(TomlArray a) {
        if (a.isEmpty()) throw at.error(where + ": empty axis (list at least one factor)");
        List<String> factors = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            SpecPosition p = position(a.inputPositionOf(i));
            Object v = a.get(i);
            double x = v instanceof Long l ? l : v instanceof Double d ? d : Double.NaN;
            if (!Double.isFinite(x)) {
                throw p.error(where + ": values: expected a number, got " + SpecOption.describe(v));
            }
            String text = Canonical.number(x);
            if (factors.contains(text)) throw p.error(where + ": factor " + text + " is listed twice");
            factors.add(text);
        }
        return factors;
    }

    private void requireKeys(TomlTable t, List<String> allowed, String what) {
        for (String key : t.keySet()) {
            if (!allowed.contains(key)) {
                throw keyAt(t, key).error(where + ": unknown key '" + key + "' in " + what + " (expected "
                        + String.join(", ", allowed) + ")" + Suggest.didYouMean(key, allowed));
            }
        }
        for (String key : List.of("from", "to", "values")) {
            if (allowed.contains(key) && !t.contains(List.of(key)))
                throw at.error(where + ": " + what + " needs " + key);
        }
    }

    private double number(TomlTable t, String key) {
        Object v = t.get(List.of(key));
        if (v instanceof Long l) return l;
        if (v instanceof Double d && Double.isFinite(d)) return d;
        throw keyAt(t, key).error(where + ": " + key + ": expected a number, got " + SpecOption.describe(v));
    }

    private int count(TomlTable t) {
        Object v = t.get(List.of("count"));
        if (v instanceof Long l && l >= 1 && l <= SweepSpec.HUGE) return l.intValue();
        throw keyAt(t, "count").error(where + ": count: expected an integer from 1 to " + SweepSpec.HUGE + ", got "
                + SpecOption.describe(v));
    }

    private boolean flag(TomlTable t, String key) {
        if (t.get(List.of(key)) instanceof Boolean b) return b;
        throw keyAt(t, key).error(where + ": " + key + ": expected true or false, got "
                + SpecOption.describe(t.get(List.of(key))));
    }

    /**
     * Checks {@code text} by the option's parser (its type, its choices); its message follows "[axes] lr = x: ". The
     * range is checked with the whole run's configuration, by {@link SweepSpec#points(boolean)}.
     */
    private void check(String text, SpecPosition p) {
        try {
            option.check(text);
        } catch (IllegalArgumentException e) {
            throw p.error(where + " = " + text + ": " + e.getMessage());
        }
    }

    private SpecPosition keyAt(TomlTable t, String key) {
        return position(t.inputPositionOf(List.of(key)));
    }

    private SpecPosition position(TomlPosition p) {
        return p == null ? at : new SpecPosition(file, p.line(), p.column());
    }
}
