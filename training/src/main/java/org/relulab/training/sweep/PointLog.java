package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.relulab.training.failure.ExitCode;

/**
 * A point's log, {@code DIR/logs/NAME.log}: the stdout and stderr of every attempt at the point, appended, each
 * attempt framed by two lines of the runner's own:
 *
 * <pre>
 * # relulab sweep: attempt 2 (resume) at 2025-01-01T12:00:00Z: train --resume DIR/runs/NAME
 * ... what train printed ...
 * # relulab sweep: ended: exit code 143 (killed by signal 15) after 4.2 s
 * </pre>
 *
 * Only the last attempt counts: its last line that starts with "relulab:" (train's one-line failure) is why the
 * point failed, and an attempt that ended with a non-zero code without such a line failed for that code.
 */
public final class PointLog {
    /** The first line of an attempt. */
    static final String ATTEMPT = "# relulab sweep: attempt ";
    /** The last line of an attempt, when the runner saw its process end. */
    static final String ENDED = "# relulab sweep: ended: exit code ";

    private PointLog() {}

    /**
     * What the last attempt in a log shows.
     *
     * @param number   the attempt's number, from 1 (0: the log holds no attempt, or does not exist)
     * @param ended    whether the runner wrote its end line
     * @param exitCode its exit code when it ended, else -1
     * @param failure  its last "relulab: ..." line, or null
     */
    public record Attempt(int number, boolean ended, int exitCode, String failure) {
        static final Attempt NONE = new Attempt(0, false, -1, null);

        /** Whether the attempt says it failed: a "relulab:" line, or an end with a code other than 0 and 3. */
        public boolean failed() {
            return failure != null || ended && exitCode != ExitCode.OK.code()
                    && exitCode != ExitCode.DIVERGED.code();
        }

        /** Why it failed, in one line: its "relulab:" line, else its exit code; null when it did not fail. */
        public String reason() {
            if (failure != null) return failure;
            return failed() ? "exit code " + exitCode + " (" + describe(exitCode) + ")" : null;
        }
    }

    /** The last attempt in {@code log} ({@link Attempt#NONE} when the file does not exist or cannot be read). */
    public static Attempt last(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Attempt.NONE;
        }
        int number = 0, ended = -1;
        String failure = null;
        for (String line : lines) {
            if (line.startsWith(ATTEMPT)) {
                number++;
                ended = -1;
                failure = null;
            } else if (line.startsWith(ENDED)) {
                ended = parseCode(line.substring(ENDED.length()));
            } else if (line.startsWith("relulab:")) {
                failure = line.strip();
            }
        }
        return number == 0 ? Attempt.NONE : new Attempt(number, ended != -1, ended, failure);
    }

    /** Appends the first line of attempt {@code number}: {@code what} (fresh, resume) and its train arguments. */
    static void begin(Path log, int number, String what, List<String> trainArgs) throws IOException {
        append(log, ATTEMPT + number + " (" + what + ") at " + java.time.Instant.now() + ": train "
                + String.join(" ", trainArgs));
    }

    /** Appends the last line of an attempt whose process ended with {@code exitCode} after {@code seconds}. */
    static void end(Path log, int exitCode, double seconds) throws IOException {
        append(log, String.format(Locale.ROOT, "%s%d (%s) after %.1f s", ENDED, exitCode, describe(exitCode), seconds));
    }

    /** Appends a note of the runner's to the log (a line starting with "# relulab sweep: "). */
    static void note(Path log, String note) throws IOException {
        append(log, "# relulab sweep: " + note);
    }

    private static void append(Path log, String line) throws IOException {
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** What a process exit code means: relulab's {@link ExitCode}, or the signal that killed the process. */
    static String describe(int code) {
        for (ExitCode c : ExitCode.values()) {
            if (c.code() == code) return c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return code > 128 && code < 160 ? "killed by signal " + (code - 128) : "unknown";
    }

    private static int parseCode(String text) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
        try {
            return Integer.parseInt(text.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
