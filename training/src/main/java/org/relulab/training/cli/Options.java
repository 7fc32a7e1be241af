package org.relulab.training.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.relulab.training.config.NumberGrammar;
import org.relulab.training.config.Range;

/**
 * The parsed {@code --name value} (or {@code --name=value}) options of one command. Every failure is a
 * {@link UsageException} naming the option, the value and what was expected. Numbers follow the one grammar of
 * {@link NumberGrammar}, as the run options of {@code train} do.
 */
final class Options {
    private final String command;
    private final Map<String, String> values;

    private Options(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /** Parses {@code args}; {@code names} are the command's option names without the leading dashes. */
    static Options parse(String command, String[] args, String[] names) {
        return parse(command, args, names, new String[0]);
    }

    /** As {@link #parse(String, String[], String[])}, with {@code flags}: options that take no value. */
    static Options parse(String command, String[] args, String[] names, String[] flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + a + "' (expected --option value)");
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (Arrays.asList(flags).contains(name)) {
                if (eq >= 0) throw new UsageException(command + ": --" + name + " takes no value (got '" + a + "')");
                if (values.put(name, "true") != null)
                    throw new UsageException(command + ": option --" + name + " given twice");
                continue;
            }
            if (!Arrays.asList(names).contains(name)) {
                String[] all = java.util.stream.Stream.concat(Arrays.stream(names), Arrays.stream(flags))
                        .toArray(String[]::new);
                throw new UsageException(command + ": unknown option '--" + name + "' (expected "
                        + (all.length == 0 ? "no options" : "one of: --" + String.join(", --", all)) + ")");
            }
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(command + ": option --" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": option --" + name + " given twice");
            }
        }
        return new Options(command, values);
    }

    /** An integer option in [min, max] ({@link NumberGrammar}), or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        return (int) longInteger(name, fallback, min, max);
    }

    /** A long option in [min, max] ({@link NumberGrammar}: 1e6-style powers of ten too), or {@code fallback}. */
    long longInteger(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) return fallback;
        try {
            return NumberGrammar.integer("--" + name, v, Range.of(min, max));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    /** A string option that must be one of {@code allowed}, or {@code fallback} when absent. */
    String choice(String name, String fallback, String... allowed) {
        String v = values.get(name);
        if (v == null) return fallback;
        for (String a : allowed) if (a.equals(v)) return v;
        throw new UsageException(
                command + ": --" + name + " '" + v + "' (expected one of: " + String.join(", ", allowed) + ")");
    }

    /** A free string option, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The names of the options given, in the order given. */
    Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether the option (or flag) was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
