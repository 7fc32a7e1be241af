package org.relulab.training.sweep;

import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.config.Range;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * An option a spec may set: every {@code train} option of {@link RunOption} but {@code out}, and train's source
 * options {@code data}, {@code checkpoint-every} and {@code save-data}. Each has a kind, read from the value
 * {@link RunConfig}'s defaults give it (an integer, a real, a boolean, a choice's name), which says what TOML value it
 * takes and how that value becomes the text the command line takes; the range is always checked by RunOption's own
 * parser.
 *
 * @param name    the command-line name, without dashes
 * @param kind    what values it takes
 * @param run     the train option, or null for a source option
 * @param example its default as text, quoted in a wrong-type message
 */
record SpecOption(String name, Kind kind, RunOption run, String example) {
    /** What values an option takes. */
    enum Kind {
        INTEGER, REAL, BOOLEAN, CHOICE, TEXT;

        boolean numeric() {
            return this == INTEGER || this == REAL;
        }
    }

    /** Options the sweep runner sets itself: a spec may not. */
    static final List<String> RUNNER_OWNED = List.of("out", "resume");

    private static final Map<String, SpecOption> ALL = all();

    private static Map<String, SpecOption> all() {
        Map<String, SpecOption> m = new LinkedHashMap<>();
        RunConfig defaults = RunConfig.defaults().out(Path.of("unused")).build();
        for (RunOption o : RunOption.values()) {
            if (o == RunOption.OUT) continue;
            String text = o.text(defaults);
            m.put(o.cli(), new SpecOption(o.cli(), kindOf(o, text), o, text));
        }
        m.put("data", new SpecOption("data", Kind.TEXT, null, "data/folder"));
        m.put("checkpoint-every", new SpecOption("checkpoint-every", Kind.INTEGER, null, "0"));
        m.put("save-data", new SpecOption("save-data", Kind.BOOLEAN, null, "false"));
        return Collections.unmodifiableMap(m);
    }

    /** An option's kind, from its default's text: 30 is an integer, 1.0 a real, abs a choice. */
    private static Kind kindOf(RunOption o, String defaultText) {
        if (o.flag()) return Kind.BOOLEAN;
        if (defaultText.matches("-?[0-9]+")) return Kind.INTEGER;
        try {
            Double.parseDouble(defaultText);
            return Kind.REAL;
        } catch (NumberFormatException e) {
            return Kind.CHOICE;
        }
    }

    /** The option named {@code name}, or null. */
    static SpecOption byName(String name) {
        return ALL.get(name);
    }

    /** Every option's name, in RunOption's order, then the source options. */
    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * The text the command line takes for the TOML value {@code v}: an integer for an integer option (a TOML float
     * only when it is whole: 2e4 gives 20000), a number in {@link Canonical#number} form for a real one, true or
     * false, or the string itself. Throws {@link IllegalArgumentException} "expected ..., got ..." for a value of
     * another type.
     */
    String text(Object v) {
        return switch (kind) {
            case INTEGER -> integer(v);
            case REAL -> {
                if (v instanceof Long l) yield Canonical.number(l.doubleValue());
                if (v instanceof Double d) yield Canonical.number(d);
                throw wrongType("a number", v);
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) yield b.toString();
                throw wrongType("true or false", v);
            }
            case CHOICE -> {
                if (v instanceof String s) yield s;
                throw wrongType("a quoted name such as \"" + example + "\"", v);
            }
            case TEXT -> {
                if (v instanceof String s && !s.isBlank()) yield s;
                throw wrongType("a quoted path", v);
            }
        };
    }

    private String integer(Object v) {
        if (v instanceof Long l) return l.toString();
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= 0x1p53) return Long.toString(d.longValue());
        throw wrongType("an integer", v);
    }

    private static IllegalArgumentException wrongType(String expected, Object v) {
        return new IllegalArgumentException("expected " + expected + ", got " + describe(v));
    }

    /** A TOML value in a few words: the integer 3, the number 1.5, the string "x", a list, a table. */
    static String describe(Object v) {
        if (v instanceof Long l) return "the integer " + l;
        if (v instanceof Double d) return "the number " + Canonical.number(d);
        if (v instanceof String s) return "the string \"" + s + "\"";
        if (v instanceof Boolean b) return b.toString();
        if (v instanceof Temporal) return "the date or time " + v;
        if (v instanceof TomlTable) return "a table";
        if (v instanceof TomlArray a) return a.isEmpty() ? "an empty list" : "a list";
        return String.valueOf(v);
    }

    /** A name the spec gave, quoted ('stepz'), or any other value {@link #describe}d. */
    static String quoted(Object v) {
        return v instanceof String s ? "'" + s + "'" : describe(v);
    }

    /**
     * Checks {@code text} as this option's value by RunOption's own parser: its type and its choices ("--teacher 'cat'
     * (expected one of: ...)"), as {@link IllegalArgumentException}. A train option's range is checked where its
     * configuration is built ({@link SweepSpec#points(boolean)}); checkpoint-every's (0 or more) here.
     */
    void check(String text) {
        if (run != null) {
            run.set(RunConfig.defaults(), text);
        } else if (kind == Kind.INTEGER) {
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " '" + text + "' is not a whole number");
            }
            Range.of(0, Long.MAX_VALUE).check("--" + name, v, v);
        }
    }
}
