package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM runs point after point with train's exit codes and each point's output in its own log, and a worker
 * that dies fails the point it had (with its exit code) instead of hanging the runner.
 */
class PointWorkerTest {
    @TempDir
    Path tmp;

    private static final List<String> TINY = List.of("--d", "5", "--m", "8", "--n", "64", "--test-n", "64", "--steps",
            "20", "--log-every", "5", "--threads", "1");

    private List<String> tiny(String out) {
        List<String> args = new java.util.ArrayList<>(TINY);
        args.addAll(List.of("--out", tmp.resolve(out).toString()));
        return args;
    }

    @Test
    void runsPointAfterPointEachIntoItsLog() throws Exception {
        try (PointWorker w = PointWorker.start()) {
            Path a = tmp.resolve("a.log"), b = tmp.resolve("b.log"), c = tmp.resolve("c.log");
            assertEquals(0, w.run(a, tiny("a"), 5));
            assertEquals(2, w.run(b, List.of("--m", "0", "--out", tmp.resolve("b").toString()), 5));
            assertEquals(0, w.run(c, tiny("c"), 5));
            assertTrue(Files.readString(a).contains("results in " + tmp.resolve("a")), Files.readString(a));
            String bad = Files.readString(b);
            assertTrue(bad.contains("relulab: train: --m 0 is out of range") && !bad.contains("results in"), bad);
            assertTrue(Files.isRegularFile(tmp.resolve("c/manifest.json")));
            assertTrue(w.alive(), "a worker outlives its points");
        }
    }

    @Test
    void aWorkerThatDiesFailsItsPointAndStopsTakingPoints() throws Exception {
        try (PointWorker w = PointWorker.start()) {
            w.process().destroyForcibly().waitFor();
            int code = w.run(tmp.resolve("a.log"), tiny("a"), 5);
            assertNotEquals(0, code);
            assertFalse(w.alive());
        }
    }

    @Test
    void requestFieldsSurviveSpacesAndLineBreaks() {
        String line = PointWorker.encode("a b.log") + " " + PointWorker.encode("x\ny") + " " + PointWorker.encode("");
        assertEquals(List.of("a b.log", "x\ny", ""), PointWorker.fields(line));
    }
}
