package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/**
 * Output folders {@code train} cannot use: a file, a link to nothing, a path under a file, a name longer than the
 * file system allows. Each is one line naming the path, exit code 2, no stack trace, and nothing created (a run
 * refused after it locked a new folder removes it again: {@link BadDataCorpusTest}).
 */
class BadOutputCorpusTest {
    @TempDir
    Path tmp;

    private static final List<String> TINY = List.of("--d", "5", "--n", "64", "--test-n", "64", "--m", "8", "--steps",
            "2");

    @Test
    void unusableOutputPathsAreOneLineWithExitCode2() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nothing-here"));
        Path underFile = file.resolve("run");
        Path deepUnderFile = file.resolve("a/b/run");
        Path tooLong = tmp.resolve("x".repeat(300));
        assertRefused(file, "is a file");
        assertRefused(dangling, "is a link to nothing");
        assertRefused(underFile, "which is not a folder");
        assertRefused(deepUnderFile, "which is not a folder");
        assertRefused(tooLong, "file name too long");
        assertFalse(Files.exists(tmp.resolve("nothing-here")), "the dangling link's target was created");
        assertTrue(Files.isRegularFile(file), "the file was changed");
    }

    private void assertRefused(Path out, String says) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--out", out.toString()),
                TINY.stream()).toArray(String[]::new);
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.USAGE.code(), code, out + ": " + err);
        assertEquals(1, err.lines().count(), out + ": one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), out + ": no stack trace: " + err);
        assertTrue(err.contains(says), out + ": says '" + says + "': " + err);
        String name = out.getFileName().toString();
        assertTrue(err.contains(name.substring(0, Math.min(5, name.length()))), out + ": names the path: " + err);
    }
}
