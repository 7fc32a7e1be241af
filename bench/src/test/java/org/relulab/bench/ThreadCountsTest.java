package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCountsTest {
    @Test
    void oneHalfAndAllCoresWithoutRepeats() {
        assertEquals(List.of(1), ThreadCounts.forCores(1).counts());
        assertEquals(List.of(1, 2), ThreadCounts.forCores(2).counts());
        assertEquals(List.of(1, 3), ThreadCounts.forCores(3).counts());
        assertEquals(List.of(1, 2, 4), ThreadCounts.forCores(4).counts());
        assertEquals(List.of(1, 8, 16), ThreadCounts.forCores(16).counts());
        assertArrayEquals(new String[] {"1", "8", "16"}, ThreadCounts.forCores(16).asParams());
        assertThrows(IllegalArgumentException.class, () -> ThreadCounts.forCores(0));
    }

    @Test
    void parsesAListSortedAndRefusesBadOnesByName() {
        assertEquals(List.of(1, 4, 8), ThreadCounts.parse("8, 1,4").counts());
        for (String bad : new String[] {"", "0", "1,,2", "two", "-1", "99999", "1,1", "4097", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadCounts.parse(bad));
            assertTrue(e.getMessage().startsWith("--threads " + bad + ":"), e.getMessage());
        }
    }

    @Test
    void theSuiteMeasuresThePeakGemmAndStepAtEveryCount() {
        List<BenchCommand.Part> suite = BenchCommand.suite(ThreadCounts.forCores(16));
        List<String> files = suite.stream().map(BenchCommand.Part::file).toList();
        assertEquals(List.of("peak-1t.json", "peak-8t.json", "peak-16t.json", "gemm.json", "activation.json",
                "train-step.json", "scaling.json"), files);
        for (BenchCommand.Part p : suite) {
            if (p.file().startsWith("peak-")) assertEquals(p.file(), BenchCommand.peakFile(p.threads()));
            if (p.file().equals("gemm.json") || p.file().equals("train-step.json")) {
                String[] threads = java.util.Arrays.stream(p.params()).filter(a -> a[0].equals("threads")).findFirst()
                        .orElseThrow();
                assertArrayEquals(new String[] {"threads", "1", "8", "16"}, threads, p.file());
            }
        }
    }

    @Test
    void benchRefusesABadThreadListInOneLineBeforeRunningAnything() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(),
                err = new java.io.ByteArrayOutputStream();
        int code = BenchCommand.run(new String[] {"run", "--threads", "1,0"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, code);
        String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("relulab bench run: --threads 1,0: '0' is not a thread count (expected a comma-separated list of "
                + "whole numbers 1 to 4096)\n", message);
        assertEquals(0, out.size(), "nothing ran");
    }
}
