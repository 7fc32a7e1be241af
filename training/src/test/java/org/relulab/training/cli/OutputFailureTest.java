package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/**
 * A run whose output cannot be written: a child JVM under {@code ulimit -f} (the largest file it may write, which
 * fails a write the way a full disk does, with no file named by the JDK's exception, and needs no root to set up).
 * It must end with one line naming the file that could not be written, exit code 4, and leave no temporary file.
 */
class OutputFailureTest {
    @TempDir
    Path tmp;

    /** The file size limit, in the 1024-byte blocks of bash's ulimit -f: the weights and the csv below pass it. */
    private static final int LIMIT_BLOCKS = 16;

    @Test
    void weightsTooLargeToWriteNameTheirFile() throws Exception {
        Path out = tmp.resolve("weights"); // student_layer1_weight.npy: 200 x 50 floats, 40 kB
        String err = runLimited(out, "--d", "50", "--m", "200", "--n", "64", "--test-n", "64", "--steps", "2");
        assertTrue(err.contains("cannot write " + out.resolve("student_layer1_weight.npy") + ": file too large"), err);
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "a temporary file is left");
        }
    }

    @Test
    void metricsTooLargeToWriteNameTheirFile() throws Exception {
        Path out = tmp.resolve("metrics"); // metrics.csv: 400 rows of about 80 bytes
        String err = runLimited(out, "--d", "5", "--m", "8", "--n", "64", "--test-n", "64", "--steps", "400",
                "--log-every", "1");
        assertTrue(err.contains("cannot write " + out.resolve("metrics.csv") + ": file too large"), err);
    }

    /** Runs train in a child JVM whose files may not pass LIMIT_BLOCKS; returns its error line. */
    private String runLimited(Path out, String... options) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "no /bin/bash to set ulimit -f with");
        List<String> cmd = new ArrayList<>(List.of(bash.toString(), "-c",
                "ulimit -f " + LIMIT_BLOCKS + " && exec \"$@\"", "bash",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--threads", "1", "--out", out.toString()));
        cmd.addAll(List.of(options));
        Path log = tmp.resolve(out.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child run did not end");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules") && !l.startsWith("step ")).toList();
        assertEquals(ExitCode.ENVIRONMENT.code(), p.exitValue(), String.join("\n", lines));
        assertEquals(1, lines.size(), "one line, got: " + lines);
        assertFalse(lines.get(0).contains("Exception") || lines.get(0).contains("\tat "), lines.get(0));
        return lines.get(0);
    }
}
