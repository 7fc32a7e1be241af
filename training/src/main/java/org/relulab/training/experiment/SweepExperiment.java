package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.relulab.training.config.RunConfig;

/**
 * A reproduction made of sweeps: each of {@link #sweeps()} is a spec file shipped in {@code sweeps/presets/NAME/}
 * ({@code NAME-quick/} for {@code --quick}), run by the sweep runner into {@code --out DIR/SWEEP/} exactly as
 * {@code relulab sweep} runs it (resumable: a rerun skips finished points), and then {@link #report} writes the
 * paper's tables and plots from the finished runs. {@link PresetRunner} does the running.
 */
public interface SweepExperiment extends Experiment {
    /** The sweeps, in the order they run: the spec files' names without {@code .toml}. */
    List<String> sweeps();

    /**
     * Refuses a run the report cannot describe (an edited spec's teacher the report's baselines do not model, say):
     * an {@link IllegalArgumentException} naming the option and what the report expects. Every run passes by default.
     */
    default void requireReportable(RunConfig run) {}

    /** The paper's tables and plots from the finished sweeps, written to {@code runs.dir()}; summaries to out. */
    void report(PresetRuns runs, PrintStream out) throws IOException;

    @Override
    default void run(ExperimentSettings settings, PrintStream out, PrintStream err) throws IOException {
        PresetRunner.run(this, settings, out, err);
    }
}
