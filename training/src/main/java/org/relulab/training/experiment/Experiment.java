package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * A paper's experiment as relulab reruns it ({@code relulab reproduce NAME}): a preset grid of runs, each in its own
 * folder under {@link ExperimentSettings#out()}, and the tables and plots that summarize them. An experiment checks
 * its output folder and its own options before it computes anything; a bad value is an
 * {@link IllegalArgumentException} whose message names it.
 */
public interface Experiment {
    /** The command-line name: {@code lmz20}, {@code zywg19}, {@code as21}, {@code beyond-ntk}, {@code all19}. */
    String name();

    /** The usage lines of {@code relulab --help} for this experiment. */
    String help();

    /** Options beyond {@code --out}, {@code --quick} and {@code --threads}, without the leading dashes. */
    default List<String> options() {
        return List.of();
    }

    /** Runs the experiment; progress and summaries go to {@code out}, runs' progress lines to {@code err}. */
    void run(ExperimentSettings settings, PrintStream out, PrintStream err) throws IOException;
}
