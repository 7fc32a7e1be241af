package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relulab bench scaling}: bad input is one line and exit code 2, before any benchmark runs. */
class ScalingCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownArgumentsAreOneLineAndExitTwo() {
        String[] r = run("scaling", "--fast");
        assertEquals("2", r[0]);
        assertEquals("relulab bench scaling: unknown option '--fast' (see relulab bench scaling --help)\n", r[2]);
        assertEquals("", r[1]);
        assertEquals("relulab bench scaling: option --out needs a value\n", run("scaling", "--out")[2]);
        assertEquals("relulab bench scaling: unexpected argument 'x' (see relulab bench scaling --help)\n",
                run("scaling", "x")[2]);
    }

    @Test
    void runsGoSeedBySeedWithTheDShuffledAndEverySizeOnce() {
        List<String> labels = ScalingCommand.timeToEpsilon(ScalingCommand.QUICK).stream()
                .map(ScalingCommand.JmhRun::label).toList();
        assertEquals(12, labels.size(), "6 d x 2 seeds, one fork each");
        for (int i = 0; i < 12; i++) assertTrue(labels.get(i).endsWith(", seed " + (i / 6 + 1)), labels.toString());
        Set<String> firstPass = new HashSet<>(labels.subList(0, 6));
        assertEquals(6, firstPass.size(), "every d once per seed");
        assertNotEquals(
                List.of("d = 6, seed 1", "d = 8, seed 1", "d = 10, seed 1", "d = 12, seed 1", "d = 16, seed 1",
                        "d = 20, seed 1"),
                labels.subList(0, 6), "shuffled");
        List<String> sizes = ScalingCommand.stepTime(ScalingCommand.FULL).stream().map(ScalingCommand.JmhRun::label)
                .toList();
        assertEquals(Set.of(StepSize.sweep(3)),
                sizes.stream().map(l -> l.substring("size ".length())).collect(java.util.stream.Collectors.toSet()));
        assertEquals(21, sizes.size());
    }

    @Test
    void aFolderWithFilesIsRefused() throws Exception {
        Files.writeString(tmp.resolve("old.json"), "[]");
        String[] r = run("scaling", "--quick", "--out", tmp.toString());
        assertEquals("2", r[0]);
        assertEquals("relulab bench scaling: --out " + tmp + " already holds files (expected a new or empty folder)\n",
                r[2]);
        Path file = tmp.resolve("old.json");
        assertEquals("relulab bench scaling: --out " + file + " is a file (expected a new or empty folder)\n",
                run("scaling", "--out", file.toString())[2]);
    }
}
