package org.relulab.training.failure;

/**
 * What relulab's process exit code means: each code one kind of outcome, so a script (a sweep, a Slurm array) can
 * tell a typo from a divergence from a full disk. The numbers are part of the command line's contract.
 */
public enum ExitCode {
    /** The command did what it was asked. */
    OK(0, "success"),
    /** A bug in relulab: an unexpected exception (reported in one line; please file it). */
    INTERNAL(1, "internal error (a bug: please report it)"),
    /** A usage or input error: unknown option, value out of range, a bad or missing input file. */
    USAGE(2, "usage or input error: an option, a value or an input file is wrong"),
    /** The run diverged: its loss or weights stopped being finite. */
    DIVERGED(3, "the run diverged (loss or weights not finite)"),
    /** The environment failed: disk full, permission denied, out of memory, an I/O error. */
    ENVIRONMENT(4, "environment error: disk full, permission denied, out of memory, I/O error"),
    /** The run folder is in use by another relulab process (it holds the folder's lock). */
    BUSY(5, "the run folder is locked by another running relulab process");

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

    /** The help text's table of exit codes, one line each. */
    public static String table() {
        StringBuilder s = new StringBuilder();
        for (ExitCode c : values()) s.append(String.format("  %d  %s%n", c.code, c.meaning));
        return s.toString();
    }
}
