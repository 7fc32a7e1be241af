package org.relulab.training.student;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which parameter blocks of a {@link ReluNetworkStudent} gradient steps move; the others keep their random
 * initial values.
 * <ul>
 *   <li>{@link #ALL}: every layer, biases included (ALL19's "3-layer" and "2-layer" learners of Fig. 1);
 *   <li>{@link #HIDDEN}: the hidden layers (W, b1 and V, b2), the output weights a fixed at their small random
 *       start (the learners ALL19 analyse: "a fixed, W (and V) trained");
 *   <li>{@link #LAST}: only the output weights a, on fixed random ReLU features (ALL19's "last-layer-only"
 *       learners).
 * </ul>
 */
public enum TrainedLayers {
    ALL, HIDDEN, LAST;

    /** Whether the hidden layers' weights and biases are trained. */
    public boolean hidden() { return this != LAST; }

    /** Whether the output weights a are trained. */
    public boolean output() { return this != HIDDEN; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static TrainedLayers of(String key) {
        for (TrainedLayers t : values()) if (t.key().equals(key)) return t;
        throw new IllegalArgumentException("trained layers '" + key + "': expected one of "
                + Arrays.stream(values()).map(TrainedLayers::key).toList());
    }
}
