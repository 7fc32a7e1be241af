package org.relulab.training.experiment;

import java.nio.file.Path;

/**
 * What every experiment is told: its output folder, whether to run the short {@code --quick} plan, the GEMM threads
 * of a run and how many runs at once (0 for the sweep runner's defaults on this machine), where its spec files are
 * (null: the presets shipped in sweeps/presets/).
 */
public record ExperimentSettings(Path out, boolean quick, int threads, int jobs, Path specs) {
    public ExperimentSettings {
        if (out == null) throw new IllegalArgumentException("--out: no output folder");
        if (threads < 0)
            throw new IllegalArgumentException("--threads " + threads + " is out of range (expected at least 1)");
        if (jobs < 0) throw new IllegalArgumentException("--jobs " + jobs + " is out of range (expected at least 1)");
    }

    /** The threads asked for, or {@code fallback} when none were. */
    public int threadsOr(int fallback) {
        return threads > 0 ? threads : fallback;
    }
}
