package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Activation;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.cli.Main;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.machine.MemoryLimits;

/**
 * The memory check: padded matrix sizes as vector-core allocates them, refusals in one line naming what is needed,
 * the limit passed (JVM heap, container, machine) and the options to lower, with injected limits; and
 * {@code --threads} at its maximum refused by the real command line. MemoryEstimateMeasuredTest compares the
 * off-heap sums with measured native memory, RunHeapTest the GEMM buffers with measured heap.
 */
class MemoryEstimateTest {
    private static final long GB = 1_000_000_000L, UNLIMITED = MemoryLimits.UNLIMITED;

    @TempDir
    Path dir;

    private RunConfig.Builder small() {
        return RunConfig.defaults().d(8).n(100).testN(50).m(10).steps(10).threads(1).out(dir.resolve("run"));
    }

    @Test
    void matrixSizesAreWhatTheWorkspaceAllocates() {
        try (Workspace ws = Workspace.shared()) {
            // padded to 16 floats (8x the row at d = 2), to 272 at 256 (the anti-aliasing line), at least 64 bytes
            for (int[] shape : new int[][] {{1, 1}, {3, 2}, {5, 16}, {7, 17}, {2, 256}, {4, 1000}, {0, 5}, {3, 0}}) {
                long real = ws.matrix(shape[0], shape[1]).segment().byteSize();
                assertEquals(real + RunMatrices.ALIGNMENT_SLACK, RunMatrices.matrix(shape[0], shape[1]),
                        shape[0] + " x " + shape[1]);
            }
            for (int n : new int[] {1, 15, 16, 1000, 4096})
                assertEquals(ws.column(n).segment().byteSize() + RunMatrices.ALIGNMENT_SLACK, RunMatrices.column(n));
        }
        assertEquals(3 * 16 * 4 + 64, RunMatrices.matrix(3, 2), "a 3 x 2 matrix takes 3 rows of 16 floats");
    }

    @Test
    void aRunThatFitsPasses() {
        MemoryEstimate e = MemoryEstimate.of(small().build(), Provider.SIMD, false);
        assertDoesNotThrow(() -> e.check(new MemoryLimits(16 * GB, UNLIMITED, 2 * GB)));
        assertEquals(e.total(), e.offHeap() + e.heap());
    }

    @Test
    void aTinyHeapIsRefusedInOneLine() {
        MemoryEstimate e = MemoryEstimate.of(small().build(), Provider.SIMD, false);
        Failure f = assertThrows(Failure.class, () -> e.check(new MemoryLimits(16 * GB, UNLIMITED, 10_000_000L)));
        assertEquals(ExitCode.USAGE, f.exitCode());
        String m = f.getMessage();
        assertFalse(m.contains("\n"), m);
        // one thread is as few as there can be: only a larger heap helps
        String needs = "this run needs about [0-9.]+ MB of Java heap "
                + "\\(GEMM packing buffers of 1 thread [0-9.]+ MB, fixed allowance 8\\.4 MB\\)";
        String limit = " but the JVM's maximum heap \\(-Xmx\\) is 10\\.0 MB, of which a run may use 80% \\(8\\.0 "
                + "MB\\): ";
        String remedy = "give the JVM more heap \\(RELULAB_JAVA_OPTS=-Xmx\\.\\.\\.\\)";
        assertTrue(m.matches(needs + limit + remedy), m);
        Failure eight = assertThrows(Failure.class, () -> MemoryEstimate.of(small().threads(8).build(), Provider.SIMD,
                false).check(new MemoryLimits(16 * GB, UNLIMITED, 40_000_000L)));
        assertTrue(eight.getMessage().contains(" of Java heap (GEMM packing buffers of 8 threads ")
                && eight.getMessage().endsWith("80% (32.0 MB): lower --threads, or give the JVM more heap "
                        + "(RELULAB_JAVA_OPTS=-Xmx...)"),
                eight.getMessage());
    }

    @Test
    void threadsAtTheirMaximumAreRefusedByTheHeapLimit() {
        MemoryEstimate e = MemoryEstimate.of(small().threads(1024).build(), Provider.SIMD, false);
        Failure f = assertThrows(Failure.class, () -> e.check(new MemoryLimits(64 * GB, UNLIMITED, 2 * GB)));
        assertTrue(f.getMessage().contains("(GEMM packing buffers of 1024 threads ") && f.getMessage().contains(
                "lower --threads"), f.getMessage());
        // The scalar kernels have no packing buffers: 1024 of their threads fit.
        assertDoesNotThrow(() -> MemoryEstimate.of(small().threads(1024).build(), Provider.SCALAR, false)
                .check(new MemoryLimits(64 * GB, UNLIMITED, 2 * GB)));
    }

    @Test
    void threadsAtTheirMaximumAreRefusedByTheCommandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", "--threads", "1024", "--steps", "1", "--n", "100", "--out",
                dir.resolve("t").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        // This JVM's heap (-Xmx2g, the root pom's relulab.test.heap) cannot hold 1024 threads' packing buffers (17 MB
        // each with AVX-512, 4 MB with AVX2); the scalar kernels, which have none, would run.
        if (Provider.lookup() == Provider.SIMD) {
            assertEquals(ExitCode.USAGE.code(), code, e);
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.startsWith("relulab: this run needs about ") && e.contains("1024 threads")
                    && e.contains("(-Xmx)") && e.contains("lower --threads"), e);
        }
    }

    @Test
    void aContainerLimitIsNamedWithTheOptionsThatSizeTheLargestParts() {
        RunConfig big = small().teacher(TeacherKind.RELU).activation(Activation.RELU).d(300).n(1_000_000)
                .testN(10_000).build(); // data sets 1.2 GB, the rest below a tenth of the whole
        MemoryEstimate e = MemoryEstimate.of(big, Provider.SIMD, false);
        Failure f = assertThrows(Failure.class, () -> e.check(new MemoryLimits(64 * GB, 1 * GB, 512_000_000L)));
        assertEquals(ExitCode.USAGE, f.exitCode());
        assertTrue(f.getMessage().matches("this run needs about 1\\.[0-9] GB of memory \\(1\\.[0-9] GB off-heap, "
                + "[0-9.]+ MB of Java heap; data sets 1\\.[0-9] GB\\) but the container's memory limit \\(cgroup\\) is "
                + "1\\.0 GB, of which a run may use 80% \\(800\\.0 MB\\): lower --n, --test-n, --d"), f.getMessage());
        Failure machine = assertThrows(Failure.class, () -> e.check(new MemoryLimits(1 * GB, UNLIMITED, UNLIMITED)));
        assertTrue(machine.getMessage().contains("but this machine's physical memory is 1.0 GB"), machine.getMessage());
    }

    @Test
    void absurdOptionsAreCountedWithoutWrappingAround() {
        RunConfig huge = small().d(100_000).n(100_000_000).testN(100_000_000).m(1_000_000).steps(1_000_000_000L)
                .logEvery(1).threads(1024).build();
        MemoryEstimate e = MemoryEstimate.of(huge, Provider.SIMD, true);
        assertTrue(e.offHeap() >= 2 * 4L * 100_000_000 * 100_000, "data sets: " + e.offHeap());
        assertTrue(e.heap() > 1_000_000_000L * 64, "metrics log of 10^9 rows: " + e.heap());
        assertTrue(e.total() > 0);
        assertEquals(Long.MAX_VALUE, MemoryEstimate.plus(Long.MAX_VALUE - 1, 2));
        assertEquals(Long.MAX_VALUE, MemoryEstimate.times(1L << 40, 1L << 30));
        assertEquals(6, MemoryEstimate.times(2, 3));
    }

    @Test
    void aLongLogIsRefusedNamingStepsAndLogEvery() {
        MemoryEstimate e = MemoryEstimate.of(small().steps(1_000_000_000L).logEvery(1).build(), Provider.SIMD,
                false);
        Failure f = assertThrows(Failure.class, () -> e.check(new MemoryLimits(64 * GB, UNLIMITED, 8 * GB)));
        assertTrue(f.getMessage().contains("(metrics log ") && f.getMessage().contains("lower --steps, --log-every"),
                f.getMessage());
    }

    @Test
    void sizesReadInDecimalUnits() {
        assertEquals("17.4 MB", MemoryEstimate.size(17_400_000));
        assertEquals("2.1 GB", MemoryEstimate.size(2_100_000_000L));
        assertEquals("1 kB", MemoryEstimate.size(1));
    }
}
