package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;

/** The sbatch script of a sweep, the points of each array task, and the checks of --slurm-opt. */
class SlurmJobTest {
    @TempDir
    Path tmp;

    private SlurmJob job(int points, int chunk, List<String> options) {
        return new SlurmJob(tmp.resolve("my sweep"), points, chunk, 2, options, List.of("/opt/relulab/relulab"));
    }

    @Test
    void theScriptIsAnArrayOfOneTaskPerChunk() {
        SlurmJob j = job(10, 3, List.of("--partition=debug", "--time=01:00:00"));
        assertEquals(4, j.tasks());
        String s = j.script();
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        assertTrue(s.contains("#SBATCH --array=0-3\n"), s);
        assertTrue(s.contains("#SBATCH --cpus-per-task=2\n"), s);
        assertTrue(s.contains("#SBATCH --partition=debug\n#SBATCH --time=01:00:00\n"), s);
        assertTrue(s.contains("#SBATCH --output=" + tmp.resolve("my sweep/slurm/task-%A_%a.out") + "\n"), s);
        assertTrue(s.endsWith("exec /opt/relulab/relulab sweep --task \"$SLURM_ARRAY_TASK_ID\" --chunk 3 '"
                + tmp.resolve("my sweep") + "'\n"), s);
    }

    @Test
    void tasksCoverEveryPointOnce() {
        for (int points : new int[] {1, 2, 7, 10, 64}) {
            for (int chunk : new int[] {1, 3, 10, 100}) {
                int tasks = (points + chunk - 1) / chunk, next = 0;
                for (int t = 0; t < tasks; t++) {
                    for (int i : SlurmJob.taskPoints(t, chunk, points)) assertEquals(next++, i);
                }
                assertEquals(points, next, points + " points, chunk " + chunk);
                Failure f = assertThrows(Failure.class, () -> SlurmJob.taskPoints(tasks, chunk, points));
                assertEquals(ExitCode.USAGE, f.exitCode());
            }
        }
        assertArrayEquals(new int[] {9}, SlurmJob.taskPoints(3, 3, 10));
    }

    @Test
    void slurmOptionsAreLongOptionsRelulabDoesNotSetItself() {
        for (String bad : List.of("-p debug", "--partition debug", "partition=debug", "--time=1;rm -rf /",
                "--comment='x'", "--array=0-3", "--output=x", "--cpus-per-task=4", "--wrap=ls")) {
            Failure f = assertThrows(Failure.class, () -> job(4, 1, List.of(bad)), bad);
            assertEquals(ExitCode.USAGE, f.exitCode(), bad);
            assertTrue(f.getMessage().startsWith("sweep: --slurm-opt"), f.getMessage());
        }
        job(4, 1, List.of("--exclusive", "--mem=4G", "--account=lab-1", "--time=2-00:00:00"));
    }

    @Test
    void aBadSlurmOptionIsRefusedBeforeTheFolderIsWritten() throws Exception {
        Path spec = SweepFixture.spec(tmp.resolve("grid.toml"), "seed = \"1..2\"\n");
        Path out = tmp.resolve("out");
        SweepFixture.Outcome o = SweepFixture.sweep(spec, out, "--slurm", "--slurm-opt", "-p debug");
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains("--slurm-opt '-p debug' is not an sbatch long option"), o.all());
        assertTrue(!Files.exists(out), "a refused submission writes nothing");
    }

    @Test
    void quotingKeepsArgumentsWhole() {
        assertEquals("/a/b", SlurmJob.quote("/a/b"));
        assertEquals("'a b'", SlurmJob.quote("a b"));
        assertEquals("'it'\\''s'", SlurmJob.quote("it's"));
        assertEquals("'$HOME'", SlurmJob.quote("$HOME"));
    }

    @Test
    void writeAndSubmitWhereSlurmRuns() throws Exception {
        SlurmJob j = job(3, 1, List.of());
        Path script = j.write();
        assertEquals(j.script(), Files.readString(script));
        if (new ProcessBuilder("sh", "-c", "command -v sbatch").start().waitFor() != 0) {
            Failure f = assertThrows(Failure.class, () -> j.submit(script, 10));
            assertEquals(ExitCode.ENVIRONMENT, f.exitCode(), f.getMessage());
        }
    }
}
