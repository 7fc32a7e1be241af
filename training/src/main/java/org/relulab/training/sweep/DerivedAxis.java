package org.relulab.training.sweep;

import java.util.List;
import java.util.Map;

/**
 * An axis whose values are multiples of another option's value in the same point: {@code m = { times = "d", values =
 * [1, 1.5, 2] }} sweeps m/d (m = 16, 24, 32 at d = 16), {@code lr = { times = "m", values = [0.25, 0.5, 1] }} sweeps
 * lr/m. The other option is set in {@code [base]} or by an axis written above this one. For an integer option the
 * product is rounded to the nearest integer (halves up). Points are named by the factor: {@code m=1.5d}.
 *
 * @param option  the swept option's command-line name
 * @param times   the option whose value is multiplied
 * @param factors the factors, canonical numbers (no two equal), in the spec's order
 * @param integer whether the swept option takes integers (the product is rounded)
 * @param at      where the spec defines it
 */
public record DerivedAxis(String option, String times, List<String> factors, boolean integer, SpecPosition at)
        implements
            Axis {
    public DerivedAxis {
        factors = List.copyOf(factors);
    }

    @Override
    public int size() {
        return factors.size();
    }

    @Override
    public String label(int i) {
        return factors.get(i) + times;
    }

    @Override
    public String value(int i, Map<String, String> earlier) {
        String base = earlier.get(times);
        if (base == null) throw new IllegalStateException(option + " = " + times + " * x before " + times + " is set");
        double x = Double.parseDouble(base) * Double.parseDouble(factors.get(i));
        return integer ? Long.toString(Math.round(x)) : Canonical.number(Canonical.round(x));
    }
}
