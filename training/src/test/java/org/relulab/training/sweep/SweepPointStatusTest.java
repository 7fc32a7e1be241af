package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.run.RunLock;

/**
 * The point state rule ({@link PointStatus}) on hand-made folders and logs, the log's framing ({@link PointLog}),
 * points.csv's quoting, and the runner's defaults: the checkpoint interval, --jobs and --threads.
 */
class SweepPointStatusTest {
    @TempDir
    Path tmp;

    private static final String RESULT = "\"result\": {\"steps_done\": 50, \"train_loss\": 0.01, \"test_loss\": 0.02, "
            + "\"diverged\": %s}";

    @Test
    void eachStateFromTheFoldersAlone() throws IOException {
        SweepFolder folder = new SweepFolder(tmp);
        Files.createDirectories(tmp.resolve("runs"));
        Files.createDirectories(tmp.resolve("logs"));
        assertEquals(PointState.PENDING, folder.status("new").state());

        Path done = run(folder, "done", "{\"options\": {}, " + RESULT.formatted("false") + "}");
        assertEquals(new PointStatus(PointState.DONE, "", done, false, PointStatus.of(done).manifest()),
                PointStatus.of(done));
        Path diverged = run(folder, "diverged", "{" + RESULT.formatted("true").replace("0.01", "\"NaN\"") + "}");
        assertEquals(PointState.DIVERGED, PointStatus.of(diverged).state());
        assertEquals("diverged after 50 steps (train loss NaN, test loss 0.02)", PointStatus.of(diverged).reason());

        Path killed = run(folder, "killed", "{\"options\": {}}");
        Files.write(killed.resolve("checkpoint.bin"), new byte[8]);
        PointStatus k = PointStatus.of(killed);
        assertEquals(PointState.FAILED, k.state());
        assertTrue(k.checkpoint());
        assertEquals("no result in manifest.json: killed or crashed mid-run (a checkpoint is kept)", k.reason());
        Files.writeString(folder.log("killed"), """
                # relulab sweep: attempt 1 (fresh) at 2025-01-01T00:00:00Z: train --out x
                step 0/50
                # relulab sweep: ended: exit code 137 (killed by signal 9) after 1.0 s
                """);
        assertEquals("exit code 137 (killed by signal 9)", PointStatus.of(killed).reason());

        Path empty = Files.createDirectories(folder.runDir("empty"));
        Files.writeString(empty.resolve(".lock"), "");
        assertEquals(PointState.FAILED, PointStatus.of(empty).state());
        assertEquals("no manifest.json: stopped before the run started", PointStatus.of(empty).reason());
        assertFalse(PointStatus.of(empty).checkpoint());
        Path garbled = run(folder, "garbled", "{\"options\": ");
        assertEquals(PointState.FAILED, PointStatus.of(garbled).state());
        Files.writeString(folder.runDir("file"), "not a folder");
        assertEquals(PointState.FAILED, folder.status("file").state());
    }

    @Test
    void aFolderIsRunningWhileItsLockIsHeldAndAStaleLockIsNot() throws IOException {
        SweepFolder folder = new SweepFolder(tmp);
        Path dir = run(folder, "held", "{\"options\": {}}");
        try (RunLock lock = RunLock.acquire(dir)) {
            PointStatus s = PointStatus.of(lock.dir());
            assertEquals(PointState.RUNNING, s.state());
            assertTrue(s.reason().contains("pid " + ProcessHandle.current().pid()), s.reason());
            assertTrue(RunLock.holder(dir) != null);
        }
        assertNull(RunLock.holder(dir), "released");
        assertEquals(PointState.FAILED, PointStatus.of(dir).state());
        Files.writeString(dir.resolve(".lock"), "pid 999999999, started 2025-01-01T00:00:00Z\n");
        assertNull(RunLock.holder(dir), "a dead process's lock file");
        assertEquals(PointState.FAILED, PointStatus.of(dir).state());
    }

    @Test
    void aRunRefusedBeforeItsFolderFailsByItsLogAndOnlyItsLastAttemptCounts() throws IOException {
        SweepFolder folder = new SweepFolder(tmp);
        Files.createDirectories(tmp.resolve("logs"));
        Path log = folder.log("p");
        Files.writeString(log, """
                # relulab sweep: attempt 1 (fresh) at 2025-01-01T00:00:00Z: train --data gone --out x
                WARNING: Using incubator modules: jdk.incubator.vector
                relulab: train: --data gone: gone/x_train.npy: no such file
                # relulab sweep: ended: exit code 2 (usage) after 0.3 s
                """);
        PointStatus s = folder.status("p");
        assertEquals(PointState.FAILED, s.state());
        assertEquals("relulab: train: --data gone: gone/x_train.npy: no such file", s.reason());
        assertEquals(new PointLog.Attempt(1, true, 2, s.reason()), PointLog.last(log));

        Files.writeString(log, Files.readString(log) + "# relulab sweep: attempt 2 (fresh) at 2025-01-02T00:00:00Z: "
                + "train --data gone --out x\n");
        assertEquals(PointState.PENDING, folder.status("p").state(), "its new attempt has not failed (yet)");
        assertEquals(new PointLog.Attempt(2, false, -1, null), PointLog.last(log));
        Files.writeString(log, Files.readString(log) + "# relulab sweep: ended: exit code 3 (diverged) after 1 s\n");
        assertFalse(PointLog.last(log).failed(), "a divergence is no failure");
        assertEquals(PointLog.Attempt.NONE, PointLog.last(tmp.resolve("nothing.log")));
    }

    @Test
    void pointsCsvQuotesOnlyWhatNeedsIt() {
        Map<String, String> a = new LinkedHashMap<>(), b = new LinkedHashMap<>();
        a.put("data", "runs/a,b");
        a.put("lr", "0.5");
        b.put("data", "say \"hi\"");
        b.put("lr", "1e-4");
        String csv = SweepFolder.pointsCsv(List.of(new SweepPoint(0, "data=runs-a-b_lr=0.5", a, a),
                new SweepPoint(1, "data=say-hi_lr=1e-4", b, b)));
        assertEquals("index,name,data,lr\n0,data=runs-a-b_lr=0.5,\"runs/a,b\",0.5\n"
                + "1,data=say-hi_lr=1e-4,\"say \"\"hi\"\"\",1e-4\n", csv);
    }

    @Test
    void theRunnersDefaults() {
        assertEquals(0, PointRun.checkpointEvery(1), "a one-step run cannot checkpoint");
        assertEquals(1, PointRun.checkpointEvery(2));
        assertEquals(1, PointRun.checkpointEvery(39));
        assertEquals(2, PointRun.checkpointEvery(50));
        assertEquals(15, PointRun.checkpointEvery(300));
        assertEquals(1000, PointRun.checkpointEvery(20000));
        for (long steps = 2; steps < 1000; steps++) {
            long every = PointRun.checkpointEvery(steps);
            assertTrue(every >= 1 && every < steps, steps + ": " + every);
        }
        assertEquals(2, LocalSweep.defaultJobs(2, 0), "a point per core");
        assertEquals(4, LocalSweep.defaultJobs(16, 4), "cores / the spec's threads");
        assertEquals(1, LocalSweep.defaultJobs(2, 4));
        assertEquals(1, LocalSweep.defaultThreads(2, 2));
        assertEquals(4, LocalSweep.defaultThreads(16, 4));
        assertEquals(1, LocalSweep.defaultThreads(2, 8), "never 0");
        assertEquals(Path.of("runs", "lmz20-plateau"), LocalSweep.defaultOut(Path.of("sweeps/lmz20-plateau.toml")));
    }

    private static Path run(SweepFolder folder, String name, String manifest) throws IOException {
        Path dir = Files.createDirectories(folder.runDir(name));
        Files.writeString(dir.resolve("manifest.json"), manifest);
        return dir;
    }
}
