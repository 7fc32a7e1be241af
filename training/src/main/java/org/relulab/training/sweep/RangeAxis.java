package org.relulab.training.sweep;

import java.util.List;
import java.util.Map;

/**
 * An axis of evenly spaced values from {@code from} to {@code to}, both included: {@code { from = 1, to = 4, step =
 * 0.5 }}, {@code { from = 0.1, to = 1, count = 10 }}, on a log scale {@code { from = 1e-3, to = 1, count = 4, log =
 * true }} (1e-3, 1e-2, 0.1, 1), or integers {@code "1..20"}, which is {@code { from = 1, to = 20 }}. Values are
 * rounded to 12 significant digits, and to integers for an integer option.
 *
 * @param option the swept option's command-line name
 * @param from   the first value
 * @param to     the last value
 * @param step   the difference of two neighbouring values; for a log range, their ratio
 * @param log    whether the values are evenly spaced on a log scale
 * @param values the values as the command line takes them, canonical (no two equal)
 * @param at     where the spec defines it
 */
public record RangeAxis(String option, double from, double to, double step, boolean log, List<String> values,
        SpecPosition at) implements Axis {
    public RangeAxis {
        values = List.copyOf(values);
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public String label(int i) {
        return values.get(i);
    }

    @Override
    public String value(int i, Map<String, String> earlier) {
        return values.get(i);
    }
}
