package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;

/**
 * {@link RunHeap#gemmBytesPerThread} repeats vector-core's rule for the GEMM packing buffers; this pins it to what
 * {@link Kernels#create} really allocates on the Java heap, per thread (the calling thread allocates every thread's
 * buffers, so its allocation counter sees them all).
 */
class RunHeapTest {
    private static long allocatedBy(Provider provider, int threads) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        Kernels k = Kernels.create(provider, threads);
        long bytes = bean.getCurrentThreadAllocatedBytes() - before;
        k.close();
        return bytes;
    }

    @Test
    void packingBuffersAreWhatKernelsAllocatePerThread() {
        allocatedBy(Provider.SIMD, 2); // class initialization allocates once: not per thread
        long perThread = (allocatedBy(Provider.SIMD, 5) - allocatedBy(Provider.SIMD, 1)) / 4;
        long rule = RunHeap.gemmBytesPerThread(Provider.SIMD);
        System.out.printf("GEMM packing buffers: %,d B per thread estimated, %,d B measured (with the thread)%n", rule,
                perThread);
        assertTrue(rule + RunHeap.PER_THREAD >= perThread, rule + " + " + RunHeap.PER_THREAD + " < " + perThread);
        assertTrue(rule <= perThread && perThread <= 1.02 * rule, "rule " + rule + " B, measured " + perThread + " B");
        // 8 x 2L or 8 x L register tiles (L = 4 to 16 lanes): MBs of buffers, 4.3 MB with AVX2, 17.4 with AVX-512
        assertTrue(rule > 1_000_000, "rule " + rule);
    }

    @Test
    void theScalarKernelsHaveNoPackingBuffers() {
        assertEquals(0, RunHeap.gemmBytesPerThread(Provider.SCALAR));
        allocatedBy(Provider.SCALAR, 2);
        long perThread = (allocatedBy(Provider.SCALAR, 5) - allocatedBy(Provider.SCALAR, 1)) / 4;
        assertTrue(perThread <= RunHeap.PER_THREAD, "scalar kernels: " + perThread + " B per thread");
    }
}
