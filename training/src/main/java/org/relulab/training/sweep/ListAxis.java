package org.relulab.training.sweep;

import java.util.List;
import java.util.Map;

/**
 * An axis of values listed one by one: {@code lr = [0.5, 1, 2]}, {@code teacher = ["abs", "relu"]}.
 *
 * @param option    the swept option's command-line name
 * @param values    the values as the command line takes them, canonical (no two equal unless the axis is zipped),
 *                  in the spec's order
 * @param positions where each value is written
 * @param at        where the spec defines the axis
 */
public record ListAxis(String option, List<String> values, List<SpecPosition> positions, SpecPosition at)
        implements
            Axis {
    public ListAxis {
        values = List.copyOf(values);
        positions = List.copyOf(positions);
        if (positions.size() != values.size()) throw new IllegalArgumentException("one position per value");
    }

    @Override
    public SpecPosition at(int i) {
        return positions.get(i);
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
