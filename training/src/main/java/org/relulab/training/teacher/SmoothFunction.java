package org.relulab.training.teacher;

import java.util.Arrays;
import java.util.Locale;

/** The smooth activations φ of ALL19's concept classes: sin, exp and low-degree polynomials. */
public enum SmoothFunction {
    SIN("sin z"), EXP("exp z"), SQUARE("z^2"), CUBE("z^3");

    private final String formula;

    SmoothFunction(String formula) { this.formula = formula; }

    public double apply(double z) {
        return switch (this) {
            case SIN -> Math.sin(z);
            case EXP -> Math.exp(z);
            case SQUARE -> z * z;
            case CUBE -> z * z * z;
        };
    }

    public String formula() { return formula; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static SmoothFunction of(String key) {
        for (SmoothFunction f : values()) if (f.key().equals(key)) return f;
        throw new IllegalArgumentException("smooth function '" + key + "': expected one of "
                + Arrays.stream(values()).map(SmoothFunction::key).toList());
    }
}
