package org.relulab.training.optim;

/**
 * How the learning rate of {@link GradientDescent} changes over a run of T steps: η_t = η · factor(t, T).
 * A pure function of the step, so a resumed run follows the same rates as one that never stopped.
 */
public enum LearningRateSchedule {
    /** η_t = η. */
    CONSTANT,
    /** η_t = η · (1 + cos(πt/T)) / 2: from η down to 0 at the last step, flat at both ends. */
    COSINE,
    /** η_t = η · (1 − t/T). */
    LINEAR;

    /** The factor at step t (0-based) of a run of {@code steps} steps, in [0, 1]. */
    public double factor(long t, long steps) {
        return switch (this) {
            case CONSTANT -> 1;
            case COSINE -> (1 + Math.cos(Math.PI * t / steps)) / 2;
            case LINEAR -> 1 - (double) t / steps;
        };
    }

    /** The command-line name: "constant", "cosine" or "linear". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LearningRateSchedule of(String key) {
        for (LearningRateSchedule s : values()) {
            if (s.key().equals(key)) return s;
        }
        throw new IllegalArgumentException("--lr-schedule '" + key + "': expected constant, cosine or linear");
    }
}
