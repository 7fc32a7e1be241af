package org.relulab.training.student;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a two-layer student weighs its hidden units: f(x) = Σ_i c_i σ(w_iᵀx) with c_i =
 * <ul>
 *   <li>{@link #TIED}: ‖w_i‖/m, tied to the neuron's norm, only W trained (LMZ20);
 *   <li>{@link #ONES}: 1, fixed (ZYWG19);
 *   <li>{@link #MEAN}: a_i/m, a trained (mean-field scaling);
 *   <li>{@link #SQRT}: a_i/√m, a trained (NTK scaling).
 * </ul>
 */
public enum OutputLayer {
    TIED, ONES, MEAN, SQRT;

    /** Whether the output weights a are parameters. */
    public boolean trainable() {
        return this == MEAN || this == SQRT;
    }

    /** The factor of a_i (MEAN, SQRT) or of ‖w_i‖ (TIED) in c_i; 1 for ONES. */
    public double scale(int m) {
        return switch (this) {
            case TIED, MEAN -> 1.0 / m;
            case SQRT -> 1.0 / Math.sqrt(m);
            case ONES -> 1.0;
        };
    }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static OutputLayer of(String key) {
        for (OutputLayer o : values()) if (o.key().equals(key)) return o;
        throw new IllegalArgumentException("output layer '" + key + "': expected one of "
                + Arrays.stream(values()).map(OutputLayer::key).toList());
    }
}
