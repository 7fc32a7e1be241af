package org.relulab.training.cli;

import java.io.PrintStream;

/** A command of the command line: picocli has parsed its options into it; {@link #run} does the work. */
interface CliCommand {
    /** Runs the command; a user mistake throws {@link UsageException}, other failures their own {@code Failure}. */
    void run(PrintStream out, PrintStream err);
}
