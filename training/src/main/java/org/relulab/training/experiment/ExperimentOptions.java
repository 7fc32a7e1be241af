package org.relulab.training.experiment;

/**
 * An experiment's own command-line options ({@link Experiment#options()}), parsed by the command line: each getter
 * checks the value and throws {@link IllegalArgumentException} naming the option, the value and the range.
 */
public interface ExperimentOptions {
    /** No options given. */
    ExperimentOptions NONE = new ExperimentOptions() {
        @Override
        public boolean has(String name) {
            return false;
        }

        @Override
        public String string(String name, String fallback) {
            return fallback;
        }

        @Override
        public int integer(String name, int fallback, int min, int max) {
            return fallback;
        }
    };

    /** Whether the option was given. */
    boolean has(String name);

    /** The option's text, or {@code fallback} when absent. */
    String string(String name, String fallback);

    /** An integer option in [min, max], or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max);
}
