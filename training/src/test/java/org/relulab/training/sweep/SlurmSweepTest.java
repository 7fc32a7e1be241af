package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.relulab.training.sweep.SweepFixture.metricsWithoutSeconds;
import static org.relulab.training.sweep.SweepFixture.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.sweep.SweepFixture.Outcome;

/**
 * {@code relulab sweep --slurm} on a real Slurm cluster (scripts/slurm/local-cluster.sh starts one on this machine;
 * CI starts it and sets RELULAB_REQUIRE_SLURM=1, so there this test cannot skip): six tiny points submitted as a job
 * array of three tasks, two points each, end with the same metrics and weights, bit for bit, as the same sweep run
 * here with --jobs 2 (one GEMM thread a point both ways).
 */
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepSubmittedToSlurmEndsAsTheSameSweepRunHere() throws Exception {
        requireSlurm();
        Path spec = SweepFixture.spec(tmp.resolve("grid.toml"), "lr = [0.25, 0.5]\nseed = \"1..3\"\n");
        Path here = tmp.resolve("here"), there = tmp.resolve("there");
        Outcome local = sweep(spec, here, "--jobs", "2");
        assertEquals(0, local.code(), local.all());
        Outcome submitted = sweep(spec, there, "--slurm", "--chunk", "2", "--slurm-opt", "--time=10");
        assertEquals(0, submitted.code(), submitted.all());
        assertTrue(submitted.out().contains("as a Slurm job array of 3 tasks (2 points each"), submitted.out());
        String job = Files.readString(there.resolve("slurm").resolve(SlurmSweep.JOB_ID)).strip();
        waitForJob(job, 240);
        for (SweepPoint p : SpecParser.parse(spec).points(false)) {
            Path a = here.resolve("runs").resolve(p.name()), b = there.resolve("runs").resolve(p.name());
            assertEquals(PointState.DONE, PointStatus.of(b).state(), p.name() + ": " + tasksOutput(there));
            assertEquals(metricsWithoutSeconds(a), metricsWithoutSeconds(b), p.name());
            assertArrayEquals(Files.readAllBytes(a.resolve("student_layer1_weight.npy")),
                    Files.readAllBytes(b.resolve("student_layer1_weight.npy")), p.name());
        }
        Outcome status = SweepFixture.relulab("sweep", "status", there.toString());
        assertTrue(status.out().contains("6 done"), status.all());
    }

    /** Skips where no Slurm answers, unless RELULAB_REQUIRE_SLURM=1 (CI) makes that a failure. */
    private static void requireSlurm() throws InterruptedException {
        String ping;
        try {
            Process p = new ProcessBuilder("scontrol", "ping").redirectErrorStream(true).start();
            boolean ended = p.waitFor(15, TimeUnit.SECONDS);
            ping = ended ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "no answer";
        } catch (IOException e) {
            ping = "no scontrol: " + e.getMessage();
        }
        boolean up = ping.contains("is UP");
        if (!up && "1".equals(System.getenv("RELULAB_REQUIRE_SLURM"))) {
            fail("RELULAB_REQUIRE_SLURM=1 but Slurm does not answer (scontrol ping: " + ping.strip()
                    + "); start it with scripts/slurm/local-cluster.sh start");
        }
        assumeTrue(up, "no Slurm here (scontrol ping: " + ping.strip() + "): scripts/slurm/local-cluster.sh start");
    }

    /** Waits until the job has left the queue, at most {@code seconds}; cancels it and fails after that. */
    private static void waitForJob(String job, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder("squeue", "-h", "-j", job, "-o", "%i %T").redirectErrorStream(true)
                    .start();
            p.waitFor(15, TimeUnit.SECONDS);
            String queued = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() == 0 && queued.isEmpty()) return;
            if (queued.contains("Invalid job id")) return; // gone from the controller's memory
            Thread.sleep(500);
        }
        new ProcessBuilder("scancel", job).start().waitFor(15, TimeUnit.SECONDS);
        fail("Slurm job " + job + " still queued after " + seconds + " s; cancelled");
    }

    private static String tasksOutput(Path dir) throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(dir.resolve("slurm"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("task-")).sorted().toList()) {
                s.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return s.toString();
    }

}
