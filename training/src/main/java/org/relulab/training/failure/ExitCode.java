package org.relulab.training.failure;

/**
 * What relulab's process exit code means: each code one kind of outcome, so a script (a sweep, a Slurm array) can
 * tell a typo from a divergence from a full disk. The numbers are part of the command line's contract.
 */
public enum ExitCode {
    /** The command did what it was asked. */
    OK(0, "success"),
    /** A bug in relulab: an unexpected exception (reported in one line; please file it). */
    INTERNAL(1, "internal error: a bug in relulab (one line; -Drelulab.debug=true adds the stack trace)"),
    /** A usage or input error: unknown option, value out of range, a bad or missing input file. */
    USAGE(2, "usage or input error: an option, a value or an input file is wrong, or the run does not fit this "
            + "machine's memory"),
    /** The run diverged: its loss or weights stopped being finite. */
    DIVERGED(3, "the run diverged: its loss or weights stopped being finite"),
    /** The environment failed: disk full, permission denied, out of memory, an I/O error. */
    ENVIRONMENT(4, "environment error: disk full, permission denied, read-only file system, out of memory, an I/O "
            + "error"),
    /** The run folder is in use by another relulab process (it holds the folder's lock). */
    BUSY(5, "the run folder is locked by another running relulab process"),
    /** A sweep ended with points unfinished: some failed, or run in another process still. */
    SWEEP_INCOMPLETE(6, "a sweep ended with points unfinished (failed, or still running in another process); "
            + "rerun the same command to retry them"),
    /** {@code relulab bench compare} found a regression: a benchmark slower than its base beyond both limits. */
    REGRESSION(7, "a benchmark regressed: bench compare found one slower than its base beyond the threshold and the "
            + "error bars, or the CI gate (BenchGate) one below its floor");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** One line for the help text and the README. */
    public String meaning() {
        return meaning;
    }

    /** The Markdown table of the exit codes, as docs/limits-and-security.md shows it (a test compares them). */
    public static String markdownTable() {
        StringBuilder s = new StringBuilder("| code | meaning |\n|---:|---|\n");
        for (ExitCode c : values()) s.append("| ").append(c.code).append(" | ").append(c.meaning).append(" |\n");
        return s.toString();
    }
}
