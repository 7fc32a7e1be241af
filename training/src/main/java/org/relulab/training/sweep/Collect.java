package org.relulab.training.sweep;

import java.io.PrintStream;
import org.relulab.training.failure.Failure;

/**
 * {@code relulab sweep collect DIR}: a placeholder on the branch that runs sweeps, so that the command line compiles;
 * the branch that builds collect replaces this file.
 */
public final class Collect {
    private Collect() {}

    /** Refuses: collect is not built on this branch. */
    public static void run(String[] args, PrintStream out, PrintStream err) {
        throw Failure.usage("sweep collect: not built yet");
    }
}
