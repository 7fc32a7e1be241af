package org.relulab.training.failure;

/**
 * A failure the user is told about in one line (never a stack trace) and that ends the process with its
 * {@link ExitCode}. Thrown anywhere in training/; the command line catches it at its top. The message is kept to one
 * line whatever it quotes: a control character in a value the user typed (a newline, a tab) is shown as \\uXXXX.
 */
public class Failure extends RuntimeException {
    private final ExitCode exitCode;

    public Failure(ExitCode exitCode, String message) {
        super(oneLine(message), null, false, false);
        if (exitCode == ExitCode.OK) throw new IllegalArgumentException("a failure cannot exit with OK");
        this.exitCode = exitCode;
    }

    /** A bad option, value or input file: exit code 2. */
    public static Failure usage(String message) {
        return new Failure(ExitCode.USAGE, message);
    }

    /** The machine or its file system failed (disk full, permission, memory): exit code 4. */
    public static Failure environment(String message) {
        return new Failure(ExitCode.ENVIRONMENT, message);
    }

    /** The run folder is locked by another process: exit code 5. */
    public static Failure busy(String message) {
        return new Failure(ExitCode.BUSY, message);
    }

    /** The run diverged: exit code 3. */
    public static Failure diverged(String message) {
        return new Failure(ExitCode.DIVERGED, message);
    }

    /** A sweep ended with points unfinished: exit code 6. */
    public static Failure sweepIncomplete(String message) {
        return new Failure(ExitCode.SWEEP_INCOMPLETE, message);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** {@code message} with each control character and line separator written as \\uXXXX. */
    static String oneLine(String message) {
        if (message == null) return null;
        StringBuilder sb = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
