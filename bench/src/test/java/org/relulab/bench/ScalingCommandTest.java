package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relulab bench scaling}: bad input is one line and exit code 2, before any benchmark runs. */
class ScalingCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownArgumentsAreOneLineAndExitTwo() {
        String[] r = run("scaling", "--fast");
        assertEquals("2", r[0]);
        assertEquals("relulab bench scaling: unexpected argument '--fast' (expected --quick and --out DIR)\n", r[2]);
        assertEquals("", r[1]);
        assertEquals("relulab bench scaling: unexpected argument '--out' (expected --quick and --out DIR)\n", run("scaling", "--out")[2]);
    }

    @Test
    void aFolderWithFilesIsRefused() throws Exception {
        Files.writeString(tmp.resolve("old.json"), "[]");
        String[] r = run("scaling", "--quick", "--out", tmp.toString());
        assertEquals("2", r[0]);
        assertEquals("relulab bench scaling: --out " + tmp + " already holds files (expected a new or empty folder)\n", r[2]);
        Path file = tmp.resolve("old.json");
        assertEquals("relulab bench scaling: --out " + file + " is a file (expected a new or empty folder)\n",
                run("scaling", "--out", file.toString())[2]);
    }
}
