package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.sweep.SweepFixture.copy;
import static org.relulab.training.sweep.SweepFixture.delete;
import static org.relulab.training.sweep.SweepFixture.metricsWithoutSeconds;
import static org.relulab.training.sweep.SweepFixture.names;
import static org.relulab.training.sweep.SweepFixture.relulab;
import static org.relulab.training.sweep.SweepFixture.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.cli.Main;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.run.RunLock;
import org.relulab.training.sweep.SweepFixture.Outcome;

/**
 * {@code relulab sweep} on a grid of six tiny runs (lr × 3 seeds, d = 5, m = 8, n = 64, 50 steps), two at once: the
 * folder's layout, a rerun that skips every finished point, and a rerun that resumes a killed point from its
 * checkpoint, restarts one killed before its first checkpoint and runs a missing one, each ending bit-identical to
 * the uninterrupted sweep; a different spec into the same folder and a folder in use are refused.
 */
class SweepRunTest {
    @TempDir
    static Path tmp;

    private static Path spec;
    private static Path reference;
    private static Outcome first;
    private static List<SweepPoint> points;

    @BeforeAll
    static void theUninterruptedSweep() throws IOException {
        spec = SweepFixture.spec(tmp.resolve("grid.toml"), "lr = [0.25, 0.5]\nseed = \"1..3\"\n");
        points = SpecParser.parse(spec).points(false);
        reference = tmp.resolve("reference");
        first = sweep(spec, reference, "--jobs", "2");
    }

    @Test
    void sixPointsRunTwoAtATimeIntoTheLayoutAndARerunSkipsThemAll() throws IOException {
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("sweep: 6 points: 0 skipped (already finished), 6 run (6 done, 0 diverged), "
                + "0 failed; runs in " + reference.resolve("runs")), first.out());
        assertTrue(first.err().contains("sweep: 6/6 finished, 0 running, 0 failed"), first.err());
        List<String> progress = first.err().lines().filter(l -> l.matches("sweep: \\d/6 finished, .* ETA .*")).toList();
        assertTrue(progress.size() >= 2, "a line when the first point ends, and one for the last: " + first.err());
        assertTrue(first.err().contains("--jobs 2"), first.err());

        assertEquals(List.of(".lock", "logs", "points.csv", "runs", "sweep.toml"), names(reference));
        assertArrayEquals(Files.readAllBytes(spec), Files.readAllBytes(reference.resolve("sweep.toml")));
        assertEquals("""
                index,name,lr,seed
                0,lr=0.25_seed=1,0.25,1
                1,lr=0.25_seed=2,0.25,2
                2,lr=0.25_seed=3,0.25,3
                3,lr=0.5_seed=1,0.5,1
                4,lr=0.5_seed=2,0.5,2
                5,lr=0.5_seed=3,0.5,3
                """, Files.readString(reference.resolve("points.csv")));
        assertEquals(0, Files.size(reference.resolve(".lock")), "the sweep's lock is released");
        SweepFolder folder = new SweepFolder(reference);
        Map<String, Long> logSizes = new HashMap<>();
        for (SweepPoint p : points) {
            Path run = folder.runDir(p.name());
            assertEquals(PointState.DONE, PointStatus.of(run).state(), p.name());
            for (String f : List.of("manifest.json", "metrics.csv", "loss.svg", "student_layer1_weight.npy",
                    "teacher_layer1_weight.npy")) {
                assertTrue(Files.isRegularFile(run.resolve(f)), run.resolve(f) + " is missing");
            }
            assertFalse(Files.exists(run.resolve("checkpoint.bin")), "a finished run deletes its checkpoint");
            String log = Files.readString(folder.log(p.name()));
            assertTrue(log.startsWith("# relulab sweep: attempt 1 (fresh) at "), log);
            assertTrue(log.contains(" --checkpoint-every 2 --out " + run), "the runner's checkpoints: " + log);
            assertTrue(log.contains("# relulab sweep: ended: exit code 0 (ok) after "), log);
            logSizes.put(p.name(), Files.size(folder.log(p.name())));
        }
        assertTrue(Files.readString(folder.runDir(points.get(4).name()).resolve("manifest.json"))
                .contains("\"checkpoint_every\": 2"));

        Outcome again = sweep(spec, reference, "--jobs", "2");
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().startsWith("sweep: 6 points: 6 skipped (already finished), 0 run (0 done, 0 "
                + "diverged), 0 failed"), again.out());
        for (SweepPoint p : points) {
            assertEquals(logSizes.get(p.name()), Files.size(folder.log(p.name())), "no attempt at " + p.name());
        }
        Outcome status = relulab("sweep", "status", reference.toString());
        assertEquals(0, status.code(), status.all());
        assertEquals("sweep " + reference + ": 6 points: 0 pending, 0 running, 6 done, 0 diverged, 0 failed; no sweep "
                + "is running on it" + System.lineSeparator(), status.out());
    }

    @Test
    void killedAndMissingPointsAreRunAgainAndEndBitIdenticalToTheUninterruptedSweep() throws IOException {
        Path dir = tmp.resolve("interrupted");
        copy(reference, dir);
        SweepFolder folder = new SweepFolder(dir);
        SweepPoint resumed = points.get(1), restarted = points.get(2), missing = points.get(4);
        // killed after it logged step 25: checkpoint.bin at step 24, metrics up to step 25, no result
        killedTrain(resumed, folder.runDir(resumed.name()), 6);
        PointStatus s = folder.status(resumed.name());
        assertEquals(PointState.FAILED, s.state(), s.reason());
        assertTrue(s.checkpoint(), "a checkpoint to resume from");
        // killed after step 0: before its first checkpoint
        killedTrain(restarted, folder.runDir(restarted.name()), 1);
        assertEquals(PointState.FAILED, folder.status(restarted.name()).state());
        assertFalse(folder.status(restarted.name()).checkpoint());
        delete(folder.runDir(missing.name()));
        assertEquals(PointState.PENDING, folder.status(missing.name()).state());

        Outcome rerun = sweep(spec, dir, "--jobs", "2");
        assertEquals(0, rerun.code(), rerun.all());
        assertTrue(rerun.out().startsWith(
                "sweep: 6 points: 3 skipped (already finished), 3 run (3 done, 0 diverged; 1 resumed from a "
                        + "checkpoint), 0 failed"),
                rerun.out());
        assertTrue(
                rerun.err().contains(
                        "3 finished before, 3 to run (2 failed before, 1 of them to resume from a checkpoint)"),
                rerun.err());
        for (SweepPoint p : points) {
            Path run = folder.runDir(p.name()), whole = new SweepFolder(reference).runDir(p.name());
            assertEquals(PointState.DONE, PointStatus.of(run).state(), p.name());
            assertEquals(metricsWithoutSeconds(whole), metricsWithoutSeconds(run), p.name());
            assertArrayEquals(Files.readAllBytes(whole.resolve("student_layer1_weight.npy")),
                    Files.readAllBytes(run.resolve("student_layer1_weight.npy")), p.name());
        }
        String log = Files.readString(folder.log(resumed.name()));
        assertTrue(log.contains("# relulab sweep: attempt 2 (resume) at "), log);
        assertTrue(log.contains("train --resume " + folder.runDir(resumed.name())), log);
        assertTrue(Files.readString(folder.runDir(resumed.name()).resolve("manifest.json"))
                .contains("\"resumed_at_step\": 24"));

        List<String> aside = names(dir.resolve("failed"));
        assertEquals(1, aside.size(), aside.toString());
        assertTrue(aside.get(0).startsWith(restarted.name() + "-"), aside.toString());
        assertTrue(Files.isRegularFile(dir.resolve("failed").resolve(aside.get(0)).resolve("manifest.json")));
        String restartedLog = Files.readString(folder.log(restarted.name()));
        assertTrue(restartedLog.contains("was moved to " + dir.resolve("failed").resolve(aside.get(0))),
                restartedLog);
        assertTrue(restartedLog.contains("# relulab sweep: attempt 2 (fresh) at "), restartedLog);
    }

    @Test
    void aDifferentSpecIntoTheSameFolderIsRefusedAndTheSameBytesResume() throws IOException {
        Path other = Files.writeString(tmp.resolve("other.toml"), Files.readString(spec) + "# one more comment\n");
        byte[] before = Files.readAllBytes(reference.resolve("sweep.toml"));
        Outcome refused = sweep(other, reference);
        assertEquals(ExitCode.USAGE.code(), refused.code(), refused.all());
        assertEquals("relulab: sweep: " + other + " differs from " + reference.resolve("sweep.toml") + ", the spec "
                + reference + " was started with (a sweep folder holds one spec's runs): give another --out, or "
                + "rerun with " + reference.resolve("sweep.toml") + System.lineSeparator(), refused.err());
        assertArrayEquals(before, Files.readAllBytes(reference.resolve("sweep.toml")));

        Outcome copy = sweep(reference.resolve("sweep.toml"), reference);
        assertEquals(0, copy.code(), copy.all());
        assertTrue(copy.out().contains("6 skipped (already finished)"), copy.out());

        Path notASweep = Files.createDirectories(tmp.resolve("not-a-sweep"));
        Files.writeString(notASweep.resolve("notes.txt"), "mine");
        Outcome full = sweep(spec, notASweep);
        assertEquals(ExitCode.USAGE.code(), full.code(), full.all());
        assertTrue(full.err().contains("holds files but no sweep.toml"), full.err());
    }

    @Test
    void aFolderWhoseSweepIsRunningIsBusy() throws IOException {
        Path dir = tmp.resolve("busy");
        try (RunLock held = RunLock.acquire(dir)) {
            Outcome busy = sweep(spec, held.dir());
            assertEquals(ExitCode.BUSY.code(), busy.code(), busy.all());
            assertTrue(busy.err().startsWith("relulab: sweep: " + dir + " is locked by another relulab run"),
                    busy.err());
            assertEquals(1, busy.err().lines().count(), busy.err());
        }
        assertEquals(List.of(".lock"), names(dir), "the refused sweep wrote nothing");
    }

    @Test
    void aDryRunPrintsEachPointsTrainArgumentsAndWritesNothing() {
        Path dir = tmp.resolve("dry");
        Outcome dry = sweep(spec, dir, "--jobs", "2", "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        List<String> lines = dry.out().lines().toList();
        assertEquals(7, lines.size(), dry.out());
        assertTrue(lines.get(0).startsWith("sweep " + spec + ": 6 points into " + dir + ", --jobs 2"), lines.get(0));
        assertEquals("5 lr=0.5_seed=3: train --d 5 --m 8 --n 64 --test-n 64 --steps 50 --log-every 5 --threads 1 "
                + "--lr 0.5 --seed 3 --checkpoint-every 2 --out " + dir.resolve("runs").resolve("lr=0.5_seed=3"),
                lines.get(6));
        assertFalse(Files.exists(dir));
    }

    /**
     * The point's train run into {@code runDir} (the arguments the runner gives it), stopped in this JVM as a kill
     * would stop it, once it has printed {@code lines} progress lines (one every 5 steps): its folder holds a manifest
     * without a result, metrics.csv up to that step and the last checkpoint (every 2 steps) before it.
     */
    private static void killedTrain(SweepPoint p, Path runDir, int lines) throws IOException {
        delete(runDir);
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(PointRun.trainArguments(p, 1, runDir));
        PrintStream killing = new PrintStream(new OutputStream() {
            private int left = lines;

            @Override
            public void write(int b) {
                if (b == '\n' && --left == 0) throw new IllegalStateException("killed");
            }
        }, true, StandardCharsets.UTF_8);
        int code = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()), killing);
        assertEquals(ExitCode.INTERNAL.code(), code, "stopped by the progress stream");
        assertFalse(Files.readString(runDir.resolve("manifest.json")).contains("\"result\""));
    }
}
