package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.sweep.SweepFixture.copy;
import static org.relulab.training.sweep.SweepFixture.delete;
import static org.relulab.training.sweep.SweepFixture.relulab;
import static org.relulab.training.sweep.SweepFixture.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.sweep.SweepFixture.Outcome;

/**
 * A point that diverges is recorded and finished (the sweep exits 0, a rerun leaves it); a point that fails does not
 * stop the others, the sweep exits 6 naming it, {@code sweep status} says why, and a rerun retries it.
 */
class SweepOutcomesTest {
    @TempDir
    Path tmp;

    @Test
    void aDivergedPointIsRecordedAndFinished() throws IOException {
        Path spec = SweepFixture.spec(tmp.resolve("lr.toml"), "lr = [0.5, 1e6]\n"), dir = tmp.resolve("lr");
        Outcome run = sweep(spec, dir, "--jobs", "2");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().startsWith("sweep: 2 points: 0 skipped (already finished), 2 run (1 done, 1 diverged), "
                + "0 failed"), run.out());
        assertTrue(run.err().contains("sweep: 2/2 finished (1 diverged)"), run.err());
        PointStatus diverged = PointStatus.of(dir.resolve("runs").resolve("lr=1000000"));
        assertEquals(PointState.DIVERGED, diverged.state());
        assertTrue(diverged.reason().startsWith("diverged after "), diverged.reason());
        assertTrue(Files.readString(dir.resolve("logs").resolve("lr=1000000.log"))
                .contains("# relulab sweep: ended: exit code 3 (diverged)"));

        Outcome again = sweep(spec, dir);
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().startsWith("sweep: 2 points: 2 skipped (already finished), 0 run"), again.out());
        Outcome status = relulab("sweep", "status", dir.toString());
        assertTrue(status.out().contains("1 done, 1 diverged, 0 failed"), status.out());
    }

    @Test
    void aFailedPointDoesNotStopTheOthersAndARerunRetriesIt() throws IOException {
        Path data = tmp.resolve("data"), gone = tmp.resolve("gone");
        Outcome saved = relulab("train", "--d", "5", "--m", "8", "--n", "64", "--test-n", "64", "--steps", "1",
                "--threads", "1", "--save-data", "--out", data.toString());
        assertEquals(0, saved.code(), saved.all());
        copy(data, gone);
        Path spec = Files.writeString(tmp.resolve("data.toml"), """
                [base]
                m = 8
                steps = 50
                log-every = 5
                threads = 1
                [axes]
                data = ["%s", "%s"]
                seed = [1, 2]
                """.formatted(data, gone));
        List<SweepPoint> points = SpecParser.parse(spec).points(false);
        String failing = points.get(2).name(), alsoFailing = points.get(3).name();
        delete(gone); // the data folder disappears after the spec was written

        Path dir = tmp.resolve("sweep");
        Outcome run = sweep(spec, dir, "--jobs", "2");
        assertEquals(ExitCode.SWEEP_INCOMPLETE.code(), run.code(), run.all());
        assertTrue(run.out().startsWith("sweep: 4 points: 0 skipped (already finished), 4 run (2 done, 0 diverged), "
                + "2 failed (see " + dir.resolve("logs").resolve(failing + ".log") + ")"), run.out());
        assertTrue(run.out().contains("  failed " + failing + ": relulab: train: --data " + gone + ": "), run.out());
        assertTrue(run.err().endsWith("relulab: sweep: 2 of 4 points did not finish (2 failed, 0 running in another "
                + "process): rerun the same command to retry them" + System.lineSeparator()), run.err());
        PointStatus failed = new SweepFolder(dir).status(failing);
        assertEquals(PointState.FAILED, failed.state());
        assertTrue(failed.reason().contains("x_train.npy: no such file"), failed.reason());

        Outcome status = relulab("sweep", "status", dir.toString());
        assertEquals(0, status.code(), status.all());
        assertEquals(List.of("sweep " + dir + ": 4 points: 0 pending, 0 running, 2 done, 0 diverged, 2 failed; no "
                + "sweep is running on it", "  failed  " + failing + ": " + failed.reason(),
                "  failed  " + alsoFailing
                        + ": " + failed.reason().replace("seed=1", "seed=2")),
                status.out().lines().toList());

        Outcome again = sweep(spec, dir);
        assertEquals(ExitCode.SWEEP_INCOMPLETE.code(), again.code(), again.all());
        assertTrue(again.out().startsWith("sweep: 4 points: 2 skipped (already finished), 2 run (0 done, 0 "
                + "diverged), 2 failed"), again.out());
        assertTrue(Files.readString(dir.resolve("logs").resolve(failing + ".log"))
                .contains("# relulab sweep: attempt 2 (fresh)"));

        copy(data, gone); // the data are back: the rerun finishes the sweep
        Outcome fixed = sweep(spec, dir);
        assertEquals(0, fixed.code(), fixed.all());
        assertTrue(fixed.out().startsWith("sweep: 4 points: 2 skipped (already finished), 2 run (2 done, 0 "
                + "diverged), 0 failed"), fixed.out());
    }
}
