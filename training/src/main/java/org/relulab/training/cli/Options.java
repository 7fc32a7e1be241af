package org.relulab.training.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.relulab.training.config.NumberGrammar;
import org.relulab.training.config.Range;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options one command was given, as text by name (without the dashes), in the order given: picocli has checked
 * the names and that each has its value; the values are read here, numbers by the one grammar of
 * {@link NumberGrammar}. Every failure is a {@link UsageException} naming the command, the option, the value and
 * what was expected.
 */
final class Options {
    private final String command;
    private final Map<String, String> values;

    Options(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /** The options picocli matched for one command; a flag's value is "true". */
    static Options of(String command, ParseResult parsed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            Object value = o.getValue(); // not String.valueOf(o.getValue()): that would infer char[]
            values.put(o.longestName().substring(2), o.arity().max() == 0 ? "true" : String.valueOf(value));
        }
        return new Options(command, values);
    }

    /** A long option in [min, max] ({@link NumberGrammar}: 1e6-style powers of ten too), or {@code fallback}. */
    long longInteger(String name, long fallback, long min, long max) {
        return longInteger(command, "--" + name, values.get(name), fallback, min, max);
    }

    /** The integer {@code text} of {@code option} in [min, max], or {@code fallback} when {@code text} is null. */
    static int integer(String command, String option, String text, int fallback, int min, int max) {
        return (int) longInteger(command, option, text, fallback, min, max);
    }

    /** As {@link #integer(String, String, String, int, int, int)}, for a long. */
    static long longInteger(String command, String option, String text, long fallback, long min, long max) {
        if (text == null) return fallback;
        try {
            return NumberGrammar.integer(option, text, Range.of(min, max));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    /** A free string option, or {@code fallback} when absent. */
    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The names of the options given, in the order given. */
    Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether the option (or flag) was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** These options under {@code base}: a name given here wins over the same name there; the order is base's first. */
    Options over(Map<String, String> base) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(values);
        return new Options(command, merged);
    }

    /** The options as text by name, in order. */
    Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }
}
