package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.relulab.training.run.RunLock;

/**
 * The state of a point from its run folder, and how each state lands in the tables, on run folders written by hand:
 * pending, running (its lock held), done, diverged, failed (a manifest without a result, or none, or a broken one).
 */
class CollectPointStatusTest {
    @TempDir
    Path tmp;

    static final String METRICS = "step,epoch,train_loss,test_loss,test_loss_x_d,seconds\n"
            + "0,0,2,1,4,0.1\n5,0.5,0.25,0.5,2,0.2\n8,0.8,NaN,-Infinity,-Infinity,0.25\n10,1,0.5,0.25,1,0.3\n";

    /** A run folder with a manifest ({@code result} null: none) and a metrics.csv. */
    static Path run(Path dir, String result, String metrics) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\n  \"options\": {\"d\": \"4\", \"lr\": \"1\"}"
                + (result == null ? "" : ",\n  \"result\": " + result) + "\n}\n");
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        return dir;
    }

    static String result(String train, String test, boolean diverged) {
        return "{\"steps_done\": 10, \"train_loss\": " + train + ", \"test_loss\": " + test + ", \"seconds\": 1.5, "
                + "\"steps_per_second\": 6.7, \"diverged\": " + diverged + "}";
    }

    @Test
    void eachStateFromItsRunFolder() throws IOException {
        assertEquals(PointState.PENDING, PointStatus.of(tmp.resolve("none")).state());
        assertEquals(PointState.DONE,
                PointStatus.of(run(tmp.resolve("done"), result("0.5", "0.25", false), "")).state());
        assertEquals(PointState.DIVERGED,
                PointStatus.of(run(tmp.resolve("diverged"), result("\"NaN\"", "\"Infinity\"", true), "")).state());
        assertEquals(PointState.FAILED, PointStatus.of(run(tmp.resolve("no-result"), null, "")).state());
        assertEquals(PointState.FAILED, PointStatus.of(Files.createDirectories(tmp.resolve("empty"))).state());
        Path broken = run(tmp.resolve("broken"), null, "");
        Files.writeString(broken.resolve("manifest.json"), "{\"result\": {\"diverged\": fal");
        assertEquals(PointState.FAILED, PointStatus.of(broken).state());
        Path held = run(tmp.resolve("held"), result("0.5", "0.25", false), "");
        try (RunLock lock = RunLock.acquire(held)) {
            assertEquals(held, lock.dir());
            assertEquals(PointState.RUNNING, PointStatus.of(held).state(), "a run holds its folder");
        }
        assertEquals(PointState.DONE, PointStatus.of(held).state(), "and leaves it done");
        assertEquals(List.of("pending", "running", "done", "diverged", "failed"),
                List.of(PointState.values()).stream().map(PointState::key).toList());
    }

    @Test
    void runningAndFailedRunsAreCountedApartWithEmptyCells() throws IOException {
        Path sweep = tmp.resolve("sweep");
        Files.createDirectories(sweep);
        Files.writeString(sweep.resolve("sweep.toml"), "[base]\nd = 4\n[axes]\nlr = [1, 2]\nseed = \"1..2\"\n");
        Files.writeString(sweep.resolve("points.csv"), "index,name,lr,seed\n0,lr=1_seed=1,1,1\n1,lr=1_seed=2,1,2\n"
                + "2,lr=2_seed=1,2,1\n3,lr=2_seed=2,2,2\n");
        Path runs = sweep.resolve("runs");
        run(runs.resolve("lr=1_seed=1"), result("0.5", "0.25", false), METRICS);
        Path held = run(runs.resolve("lr=1_seed=2"), null, METRICS);
        run(runs.resolve("lr=2_seed=1"), null, METRICS);
        run(runs.resolve("lr=2_seed=2"), result("0.5", "0.125", false), "step,train_loss\n0,1,2\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (RunLock lock = RunLock.acquire(held)) {
            assertEquals(held, lock.dir());
            Collect.run(new String[] {sweep.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("4 points: 2 done, 1 failed, 1 running"),
                out.toString(StandardCharsets.UTF_8));
        String warning = err.toString(StandardCharsets.UTF_8);
        assertTrue(warning.startsWith("sweep collect: warning: cannot read " + runs.resolve("lr=2_seed=2/metrics.csv"))
                && warning.endsWith("its best losses are left empty\n"), warning);
        List<String> rows = Files.readAllLines(sweep.resolve("runs.csv"));
        assertEquals(List.of("run_id,index,lr,seed,status,steps_done,final_train_loss,final_test_loss,"
                + "final_test_loss_x_d,best_train_loss,best_test_loss,seconds,escape_step,left_plateau",
                "lr=1_seed=1,0,1.0,1,done,10,0.5,0.25,1,0.25,0.25,1.5,,", "lr=1_seed=2,1,1.0,2,running,,,,,,,,,",
                "lr=2_seed=1,2,2.0,1,failed,,,,,,,,,", "lr=2_seed=2,3,2.0,2,done,10,0.5,0.125,0.5,,,1.5,,"), rows);
        List<String> summary = Files.readAllLines(sweep.resolve("summary.csv"));
        assertTrue(summary.get(1).startsWith("1.0,2,1,0,0,1,0.5,0.5,0.5,0.5,"), summary.get(1));
        assertTrue(summary.get(2).startsWith("2.0,2,1,0,1,0,0.5,0.5,0.5,0.5,"), summary.get(2));
    }
}
