package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The off-heap estimate against the native memory real runs allocate: {@link MemoryProbeChild}, in a fresh JVM with
 * native memory tracking, builds small runs of every network kind (two-layer with gd and sgd, all19-2, all19-3,
 * ntk-2, the as21 optimizer, and a run whose peak is its teacher's labelling buffer) through RunFactory, and reports
 * the JVM's own count of the bytes they held at their peak. The estimate must cover that peak and stay within 1.5 ×
 * of it. A fresh JVM, because NMT's peak is a high-water mark for the life of the process.
 */
class MemoryEstimateMeasuredTest {
    @TempDir
    Path dir;

    @Test
    void theEstimateCoversTheMeasuredPeakOfEveryKindOfRun() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:NativeMemoryTracking=summary", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MemoryProbeChild.class.getName(), dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish:\n" + out);
        assertEquals(0, p.exitValue(), "the child failed:\n" + out);
        List<String> names = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split(" ");
            if (f.length != 4 || !MemoryProbeChild.configs(dir).containsKey(f[0])) continue; // JVM warnings
            String name = f[0];
            long estimate = Long.parseLong(f[1]), live = Long.parseLong(f[2]), peak = Long.parseLong(f[3]);
            System.out.printf("%-26s estimate %,12d B, measured peak %,12d B (%.3f x), live %,12d B%n", name, estimate,
                    peak, (double) estimate / peak, live);
            assertTrue(peak > 0, name + ": its peak did not pass the smaller runs' (reorder the configs):\n" + out);
            assertTrue(peak >= live, name + ": peak " + peak + " below live " + live);
            assertTrue(estimate >= peak,
                    name + ": estimate " + estimate + " B below the measured peak " + peak + " B");
            assertTrue(estimate <= 1.5 * peak,
                    name + ": estimate " + estimate + " B over 1.5 x the peak " + peak + " B");
            if (name.equals("two-layer-labelling-peak")) {
                // the d x d teacher labels 8000 x 512 inputs through an 8000 x 512 buffer freed before the student:
                assertTrue(peak > 1.3 * live, "the labelling buffer set the peak: " + peak + " vs live " + live);
            }
            names.add(name);
        }
        assertEquals(MemoryProbeChild.configs(dir).size(), names.size(), "every run reported:\n" + out);
    }
}
