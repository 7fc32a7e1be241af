package org.relulab.training.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit a manifest records is the code's, wherever the run is started: a JVM whose working directory is outside
 * any repository (a sweep's folder, a Slurm task's) used to record "unknown".
 */
class GitCommitTest {
    @TempDir
    Path tmp;

    @Test
    void theCommitIsFoundFromTheCodeNotTheWorkingDirectory() throws Exception {
        String here = MachineInfo.gitCommit();
        assumeTrue(!here.equals("unknown"), "this build is not in a git checkout (or git is missing)");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        String elsewhere = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertNotEquals("unknown", elsewhere, "started in " + tmp);
        assertEquals(here, elsewhere);
    }

    /** Prints {@link MachineInfo#gitCommit()} from wherever it is started. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            System.out.println(MachineInfo.gitCommit());
        }
    }
}
