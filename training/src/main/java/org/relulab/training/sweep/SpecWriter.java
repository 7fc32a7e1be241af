package org.relulab.training.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a spec that lists its points one by one: the shared options under {@code [base]}, and every option that
 * differs between points as an axis, all of them in one zip group, so that point i of the spec is exactly the i-th
 * map given. A program that chooses runs from other runs' results (reproduce all19 picks each run's learning rate
 * from its tuning sweep) writes such a spec and runs it as any other, so the choice is a file a person can read and
 * rerun. The text is checked by {@link SpecParser} like a hand-written one.
 */
public final class SpecWriter {
    private SpecWriter() {}

    /**
     * The spec of {@code points} (each: option → value as the command line takes it, the same options in every map),
     * with {@code comment} (lines, each written after "# ") and {@code description} at its top and {@code base}
     * under [base]. An option with one value for every point goes to [base] too. At least one point, and two options
     * that differ between points unless there is one point; a value as its option's parser reads it.
     */
    public static String explicit(List<String> comment, String description, Map<String, String> base,
            List<Map<String, String>> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a spec of no points");
        Set<String> options = new LinkedHashSet<>(points.get(0).keySet());
        for (Map<String, String> p : points) {
            if (!p.keySet().equals(options)) {
                throw new IllegalArgumentException("points set different options: " + options + ", " + p.keySet());
            }
        }
        List<String> swept = new ArrayList<>(), fixed = new ArrayList<>();
        for (String o : options) {
            boolean varies = points.stream().map(p -> p.get(o)).distinct().count() > 1;
            (varies ? swept : fixed).add(o);
        }
        // a spec needs an axis and a zip group two: with fewer varying options, the first fixed ones become axes
        while (swept.size() < Math.min(2, options.size()) && !fixed.isEmpty()) swept.add(fixed.remove(0));
        StringBuilder s = new StringBuilder();
        for (String line : comment) s.append("# ").append(line).append('\n');
        s.append("description = ").append(string(description)).append('\n');
        if (swept.size() > 1) {
            s.append("zip = [[").append(String.join(", ", swept.stream().map(SpecWriter::string).toList()))
                    .append("]]\n");
        }
        s.append("\n[base]\n");
        base.forEach((o, v) -> s.append(o).append(" = ").append(value(o, v)).append('\n'));
        for (String o : fixed) s.append(o).append(" = ").append(value(o, points.get(0).get(o))).append('\n');
        s.append("\n[axes]\n");
        for (String o : swept) {
            s.append(o).append(" = [");
            for (int i = 0; i < points.size(); i++) s.append(i == 0 ? "" : ", ").append(value(o, points.get(i).get(o)));
            s.append("]\n");
        }
        return s.toString();
    }

    /** A number as a spec and a folder name write it: 0.5, 1e-4, 2 ({@link Canonical#number}). */
    public static String number(double x) {
        return Canonical.number(x);
    }

    /** {@code text}, the command line's value of {@code option}, as TOML: a number or boolean bare, else quoted. */
    static String value(String option, String text) {
        SpecOption o = SpecOption.byName(option);
        if (o == null) throw new IllegalArgumentException("unknown option '" + option + "'");
        return o.kind().numeric() || o.kind() == SpecOption.Kind.BOOLEAN ? text : string(text);
    }

    /** A TOML basic string. */
    static String string(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }
}
