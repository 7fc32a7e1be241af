package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A paper's experiment as relulab reruns it ({@code relulab reproduce NAME}): sweeps of preset specs, each in its own
 * folder under {@link ExperimentSettings#out()} ({@link SweepExperiment}, or all19's two stages), and the tables and
 * plots that summarize them. An experiment checks its specs and folders before it computes anything; a bad value is
 * one line with exit code 2 naming it.
 */
public interface Experiment {
    /** The command-line name: {@code lmz20}, {@code zywg19}, {@code as21}, {@code beyond-ntk}, {@code all19}. */
    String name();

    /** The usage lines of {@code relulab --help} for this experiment. */
    String help();

    /** Runs the experiment; progress and summaries go to {@code out}, runs' progress lines to {@code err}. */
    void run(ExperimentSettings settings, PrintStream out, PrintStream err) throws IOException;
}
