package org.relulab.training.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed {@code --name value} (or {@code --name=value}) options of one command. Every failure is a
 * {@link UsageException} naming the option, the value and what was expected.
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
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + a + "' (expected --option value)");
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (!Arrays.asList(names).contains(name)) {
                throw new UsageException(command + ": unknown option '--" + name + "' (expected "
                        + (names.length == 0 ? "no options" : "one of: --" + String.join(", --", names)) + ")");
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

    /** An integer option in [min, max], or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) return fallback;
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " '" + v + "' is not an integer (expected "
                    + min + " to " + max + ")");
        }
        if (x < min || x > max) {
            throw new UsageException(command + ": --" + name + " " + x + " is out of range (expected " + min
                    + " to " + max + ")");
        }
        return x;
    }
}
