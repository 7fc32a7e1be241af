package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/**
 * A run killed (another JVM, {@code destroyForcibly}) while it writes checkpoints every few steps, then
 * resumed with {@code train --resume}, ends with metrics and weights bit-identical to a run never stopped.
 */
class CheckpointResumeTest {
    @TempDir
    Path tmp;

    private static final List<String> ARGS = List.of("train", "--d", "8", "--m", "16", "--n", "1000", "--test-n", "300",
            "--optimizer", "sgd", "--batch", "50", "--steps", "4000", "--log-every", "200", "--threads", "1", "--seed",
            "3",
            "--checkpoint-every", "7", "--lr-schedule", "cosine");

    @Test
    void killedRunResumesBitIdentically() throws Exception {
        Path whole = tmp.resolve("whole"), killed = tmp.resolve("killed");
        assertEquals(0, main(with(ARGS, "--out", whole.toString())));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(with(ARGS, "--out", killed.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Kill it once it has written a few checkpoints and is writing more (every 7 steps, atomically).
        while (!(Files.exists(killed.resolve("checkpoint.bin")) && rows(killed) >= 3) && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(new java.util.Random().nextInt(20));
        assertTrue(p.isAlive(),
                "the child run ended before it could be killed:\n" + Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(killed.resolve("checkpoint.bin")), "a checkpoint survives the kill");

        // what a kill inside a write leaves (CheckpointKillTest)
        Path torn = killed.resolve(".checkpoint.bin.0badc0de.tmp");
        Files.write(torn, new byte[100]);
        assertEquals(0, main(List.of("train", "--resume", killed.toString())));
        assertTrue(!Files.exists(torn), "the resumed run removes the torn write");
        assertArrayEquals(Files.readAllBytes(whole.resolve("student_layer1_weight.npy")),
                Files.readAllBytes(killed.resolve("student_layer1_weight.npy")));
        assertEquals(withoutSeconds(whole), withoutSeconds(killed));
        assertTrue(!Files.exists(killed.resolve("checkpoint.bin")), "a finished run deletes its checkpoint");
        String manifest = Files.readString(killed.resolve("manifest.json"));
        assertTrue(manifest.contains("\"resumed_at_step\""), manifest);
        assertTrue(manifest.contains("\"lr-schedule\": \"cosine\""), manifest);
    }

    @Test
    void aManifestWrittenBeforeLearningRateSchedulesResumesAtAConstantRate() throws Exception {
        Path dir = tmp.resolve("old");
        assertEquals(0,
                main(List.of("train", "--d", "8", "--m", "16", "--n", "1000", "--test-n", "300", "--steps", "40",
                        "--log-every", "20", "--threads", "1", "--out", dir.toString())));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> options = new java.util.HashMap<>(
                (java.util.Map<String, Object>) ((java.util.Map<?, ?>) org.relulab.training.io.Json
                        .parse(Files.readString(dir.resolve("manifest.json")))).get("options"));
        assertEquals("constant", options.remove("lr-schedule"));
        org.relulab.training.config.RunConfig cfg = org.relulab.training.config.RunConfig.fromOptions(options, dir);
        assertEquals(org.relulab.training.optim.LearningRateSchedule.CONSTANT, cfg.optimizer().schedule());
        assertEquals(40, cfg.steps());
    }

    /** as21's grid runs were written before --teacher-cosine: they read back as the orthonormal teacher they had. */
    @Test
    void aManifestWrittenBeforeTeacherCosinesReadsBackWithOrthonormalDirections() throws Exception {
        Path run = Path.of("..", "results", "reproduce", "as21", "grid", "runs", "m=5_reg-lambda=0_seed=1");
        java.util.Map<?, ?> options = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) org.relulab.training.io.Json
                .parse(Files.readString(run.resolve("manifest.json")))).get("options");
        assertTrue(!options.containsKey("teacherCosine"), options.toString());
        org.relulab.training.config.RunConfig cfg = org.relulab.training.config.RunConfig.fromOptions(options, run);
        assertEquals(0.0, cfg.teacher().cosine());
        assertEquals(org.relulab.training.config.TeacherKind.SIGNED_RELU, cfg.teacher().kind());
    }

    @Test
    void divergedRunKeepsItsLastFiniteCheckpointAndSaysWhetherItHasOne() throws Exception {
        List<String> diverging = List.of("train", "--d", "8", "--m", "16", "--n", "500", "--test-n", "100", "--lr",
                "1e5",
                "--steps", "40", "--log-every", "1", "--threads", "1");
        for (String every : new String[] {"1", "30"}) {
            Path dir = tmp.resolve("diverged-" + every);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
            int code = Main.run(
                    with(diverging, "--checkpoint-every", every, "--out", dir.toString()).toArray(String[]::new), ps,
                    ps);
            String log = sink.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCode.DIVERGED.code(), code, log);
            assertTrue(log.contains("the run diverged; try a smaller --lr"), log);
            Path checkpoint = dir.resolve("checkpoint.bin");
            if (every.equals("1")) {
                assertTrue(log.contains("the last good checkpoint is kept in " + checkpoint), log);
                org.relulab.training.io.CheckpointFile kept = org.relulab.training.io.CheckpointFile.read(checkpoint);
                assertTrue(kept.step() >= 1, "step " + kept.step());
                for (float[] block : kept.blocks()) {
                    for (float v : block) assertTrue(Float.isFinite(v), "the kept checkpoint is finite");
                }
            } else {
                assertTrue(log.contains("it diverged before its first checkpoint"), log);
                assertTrue(!Files.exists(checkpoint), "no checkpoint to keep");
            }
        }
    }

    private static int main(List<String> args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.run(args.toArray(String[]::new), ps, ps);
        if (code != 0) System.err.println(sink.toString(StandardCharsets.UTF_8));
        return code;
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static long rows(Path dir) throws Exception {
        Path f = dir.resolve("metrics.csv");
        return Files.exists(f) ? Files.readAllLines(f).size() - 1 : 0;
    }

    /** metrics.csv without its wall-time column. */
    private static List<String> withoutSeconds(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("metrics.csv")))
            out.add(line.substring(0, line.lastIndexOf(',')));
        return out;
    }
}
