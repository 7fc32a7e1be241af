package org.relulab.training.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Metrics beyond the losses that a run logs as extra columns of metrics.csv at every logged step, and the plot they
 * make. Teachers offer theirs for the students they can judge ({@code Teacher.metricsFor}), optimizers theirs.
 */
public interface LoggedMetric {
    /** The column names, in order. */
    List<String> columns();

    /**
     * The values at logged step {@code t} into {@code into[offset …]}, one per column, right after the evaluation
     * pass. Logging steps only, so allocating is fine.
     */
    void values(long t, double[] into, int offset);

    /** Writes this metric's plot into {@code dir}, given the logged steps and each logged column by name. */
    default void plot(Path dir, String title, double[] steps, Function<String, double[]> column) throws IOException {
        // most metrics have no plot of their own
    }
}
