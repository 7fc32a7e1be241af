package org.relulab.training.experiment;

import java.nio.file.Path;

/**
 * What every experiment is told: its output folder, whether to run the short {@code --quick} plan, how many threads
 * (GEMM threads, or runs at once where an experiment runs one-thread runs in parallel), and its own options.
 */
public record ExperimentSettings(Path out, boolean quick, int threads, ExperimentOptions options) {
    public ExperimentSettings {
        if (out == null) throw new IllegalArgumentException("--out: no output folder");
        if (threads < 1)
            throw new IllegalArgumentException("--threads " + threads + " is out of range (expected at least 1)");
    }
}
