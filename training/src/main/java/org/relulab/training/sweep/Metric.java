package org.relulab.training.sweep;

import java.util.Arrays;
import java.util.List;
import org.relulab.training.config.Keyed;

/**
 * What a sweep collects from each of its runs, one column each in its summary; a spec lists them by key under
 * {@code metrics}. Losses are mean squared errors, as {@code metrics.csv} logs them; "final" is the last logged row's,
 * "best" the lowest of all logged rows.
 */
public enum Metric implements Keyed {
    /** The training loss at the end of the run. */
    FINAL_TRAIN_LOSS("final-train-loss", "training loss at the end of the run"),
    /** The test (population) loss at the end of the run. */
    FINAL_TEST_LOSS("final-test-loss", "test loss at the end of the run"),
    /** d times the final test loss: LMZ20's normalization, O(1) at the start for the abs teacher. */
    FINAL_TEST_LOSS_X_D("final-test-loss-x-d", "d times the final test loss"),
    /** The lowest training loss of the logged rows. */
    BEST_TRAIN_LOSS("best-train-loss", "lowest logged training loss"),
    /** The lowest test loss of the logged rows. */
    BEST_TEST_LOSS("best-test-loss", "lowest logged test loss"),
    /** The steps run: {@code --steps}, or fewer when the run diverged. */
    STEPS("steps", "steps run"),
    /** The wall-clock seconds of the training loop. */
    SECONDS("seconds", "wall-clock seconds"),
    /** Whether the run diverged (its loss or weights stopped being finite). */
    DIVERGED("diverged", "whether the run diverged"),
    /**
     * LMZ20: the first logged step at which the exact population loss is at or below the target's degree-4 floor
     * ({@link org.relulab.training.metrics.PlateauEscape}); infinite when the run did not get there within its steps.
     */
    ESCAPE_STEP("escape-step", "first step below the target's degree-4 floor"),
    /** LMZ20: 1 when the run left the plateau ({@link #ESCAPE_STEP} is finite), 0 when it did not. */
    LEFT_PLATEAU("left-plateau", "left the plateau (below the target's degree-4 floor)", true);

    private final String key;
    private final String description;
    private final boolean indicator;

    Metric(String key, String description) {
        this(key, description, false);
    }

    Metric(String key, String description, boolean indicator) {
        this.key = key;
        this.description = description;
        this.indicator = indicator;
    }

    /** Whether each run's value is 0 or 1, summarized over seeds as a fraction with its 95 % interval. */
    public boolean indicator() {
        return indicator;
    }

    @Override
    public String key() {
        return key;
    }

    /** A few words for a summary's legend. */
    public String description() {
        return description;
    }

    /** The metric whose key is {@code key}, or null. */
    public static Metric byKey(String key) {
        for (Metric m : values()) if (m.key.equals(key)) return m;
        return null;
    }

    /** Every key, in this enum's order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }
}
