package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process while it writes checkpoints ({@link CheckpointWriterChild}, 16 MB each), at random moments and at
 * the moment a write has opened its temporary file, until three kills have cut a write short (at most 20): each
 * time {@code checkpoint.bin} is a complete checkpoint, of the last step the child finished or the one after it
 * (killed between the rename and its print), never a torn one; the partial temporary files are removed by
 * {@link CheckpointFile#deleteTornWrites}.
 */
class CheckpointKillTest {
    @TempDir
    Path dir;

    @Test
    void aKillDuringAWriteLeavesTheLastCompleteCheckpoint() throws Exception {
        Random random = new Random(7);
        int tornSeen = 0;
        for (int kill = 0; kill < 20 && tornSeen < 3; kill++) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules",
                    "jdk.incubator.vector", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterChild.class.getName(),
                    dir.toString());
            Path printed = dir.resolveSibling(dir.getFileName() + "-printed.txt");
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(printed.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // two whole writes
            while (steps(printed).size() < 2 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
            assertTrue(p.isAlive(), "the child stopped: " + steps(printed));
            if (kill % 2 == 0) Thread.sleep(random.nextInt(60)); // at a random moment
            // the moment a write has opened its file
            else while (!hasTemporaryFile() && p.isAlive()) Thread.onSpinWait();
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            List<Long> done = steps(printed);
            long lastPrinted = done.get(done.size() - 1);
            CheckpointFile c = CheckpointFile.read(dir.resolve("checkpoint.bin")); // throws on a torn file
            assertTrue(c.step() == lastPrinted || c.step() == lastPrinted + 1,
                    "step " + c.step() + " after " + lastPrinted + " printed");
            float[] w = c.blocks().get(0);
            assertEquals(c.step(), (long) w[0]);
            assertEquals(c.step(), (long) w[w.length - 1]);
            tornSeen += CheckpointFile.deleteTornWrites(dir.resolve("checkpoint.bin"));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(dir.resolve("checkpoint.bin")), files.toList(), "only the checkpoint is left");
            }
        }
        assertTrue(tornSeen > 0, "no kill landed inside a write: the test did not test the rename");
    }

    private boolean hasTemporaryFile() throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    /** The steps the child printed, whole lines only. */
    private static List<Long> steps(Path printed) throws java.io.IOException {
        if (!Files.exists(printed)) return List.of();
        String text = Files.readString(printed);
        List<Long> out = new java.util.ArrayList<>();
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) out.add(Long.parseLong(line.strip()));
        }
        return out;
    }
}
