package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.sweep.SweepFixture.relulab;
import static org.relulab.training.sweep.SweepFixture.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.sweep.SweepFixture.Outcome;

/**
 * A sweep's driver in its own JVM, two endless points running: a second sweep on its folder is busy (exit 5) and
 * {@code status} sees them running; a SIGTERM of the driver stops its children, each leaving a checkpoint to resume
 * from; a SIGKILL leaves them running on, and a rerun leaves them to it and says so.
 */
class SweepStopTest {
    @TempDir
    Path tmp;

    /** Points that never end in a test's time (10^9 steps of a tiny run), with a checkpoint every 10^5 steps. */
    private Path endlessSpec(int seeds) throws IOException {
        return Files.writeString(tmp.resolve("endless.toml"), """
                [base]
                d = 5
                m = 8
                n = 64
                test-n = 64
                steps = 1000000000
                log-every = 100000000
                checkpoint-every = 100000
                threads = 1
                [axes]
                seed = "1..%d"
                """.formatted(seeds));
    }

    @Test
    void aTerminatedSweepStopsItsChildrenAndTheirPointsCanResume() throws Exception {
        Path spec = endlessSpec(3), dir = tmp.resolve("sweep");
        Process driver = driver(spec, dir);
        List<Long> children = new ArrayList<>();
        try {
            SweepFolder folder = new SweepFolder(dir);
            children.addAll(waitForTwoCheckpoints(driver, folder));
            Outcome busy = sweep(spec, dir);
            assertEquals(ExitCode.BUSY.code(), busy.code(), busy.all());
            assertTrue(busy.err().contains("pid " + driver.pid()), busy.err());
            Outcome status = relulab("sweep", "status", dir.toString());
            assertTrue(status.out().startsWith("sweep " + dir + ": 3 points: 1 pending, 2 running, 0 done, 0 diverged,"
                    + " 0 failed; its sweep is running (pid " + driver.pid()), status.out());

            driver.destroy(); // SIGTERM
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver ends");
            assertEquals(143, driver.exitValue(), "ended by SIGTERM");
            for (long child : children) {
                ProcessHandle h = ProcessHandle.of(child).orElse(null);
                assertTrue(h == null || h.onExit().get(30, TimeUnit.SECONDS) != null, "child " + child + " ends");
            }
            String log = Files.readString(tmp.resolve("driver.log"));
            assertTrue(log.contains("sweep: stopping: ending 2 running points (each resumes from its last checkpoint"),
                    log);
            int failed = 0;
            for (SweepPoint p : SpecParser.parse(spec).points(false)) {
                PointStatus s = folder.status(p.name());
                if (s.state() == PointState.PENDING) continue;
                failed++;
                assertEquals(PointState.FAILED, s.state(), p.name());
                assertTrue(s.checkpoint(), "resumable: " + p.name());
                assertEquals("exit code 143 (killed by signal 15)", s.reason());
            }
            assertEquals(2, failed);
        } finally {
            driver.destroyForcibly();
            for (long child : children) ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aKilledSweepLeavesItsChildrenRunningAndARerunLeavesThemToIt() throws Exception {
        Path spec = endlessSpec(2), dir = tmp.resolve("sweep");
        Process driver = driver(spec, dir);
        List<Long> children = new ArrayList<>();
        try {
            children.addAll(waitForTwoCheckpoints(driver, new SweepFolder(dir)));
            driver.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            for (long child : children) {
                assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "an orphan runs on");
            }
            Outcome rerun = sweep(spec, dir);
            assertEquals(ExitCode.SWEEP_INCOMPLETE.code(), rerun.code(), rerun.all());
            assertTrue(rerun.err().contains("sweep: 2 points are running in another process, left to it"),
                    rerun.err());
            assertTrue(rerun.out().startsWith("sweep: 2 points: 0 skipped (already finished), 0 run (0 done, 0 "
                    + "diverged), 0 failed, 2 running in another process"), rerun.out());
            assertTrue(rerun.err().contains("relulab: sweep: 2 of 2 points did not finish (0 failed, 2 running in "
                    + "another process)"), rerun.err());
        } finally {
            driver.destroyForcibly();
            for (long child : children) ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** {@code relulab sweep SPEC --out DIR --jobs 2} in a JVM like this one, its output in tmp/driver.log. */
    private Process driver(Path spec, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(PointRun.relulab());
        cmd.add("sweep");
        cmd.addAll(List.of(spec.toString(), "--out", dir.toString(), "--jobs", "2"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile())
                .start();
    }

    /** Waits until two points have written a checkpoint; returns the pids of their processes, from their locks. */
    private List<Long> waitForTwoCheckpoints(Process driver, SweepFolder folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<Path> running = new ArrayList<>();
        while (running.size() < 2 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            running.clear();
            if (!Files.isDirectory(folder.dir().resolve("runs"))) continue;
            try (var s = Files.list(folder.dir().resolve("runs"))) {
                for (Path run : s.toList()) if (Files.exists(run.resolve("checkpoint.bin"))) running.add(run);
            }
        }
        assertEquals(2, running.size(), "two points running:\n" + Files.readString(tmp.resolve("driver.log")));
        List<Long> pids = new ArrayList<>();
        for (Path run : running) {
            String lock = Files.readString(run.resolve(".lock"));
            pids.add(Long.parseLong(lock.substring(4, lock.indexOf(','))));
        }
        return pids;
    }
}
