package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Kernel calls allocate nothing on the Java heap once compiled: GEMM packing buffers are per thread and
 * made once, arguments travel in a reused holder, checks build strings only on failure.
 */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void steadyStateCallsAllocateNothing() {
        for (int threads : new int[] {1, 2}) {
            try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), threads)) {
                Matrix x = ws.matrix(64, 96).fill(0.5f), w = ws.matrix(128, 96).fill(0.25f);
                Matrix z = ws.matrix(64, 128), h = ws.matrix(64, 128), g = ws.matrix(64, 128);
                Matrix gw = ws.matrix(128, 96), col = ws.vector(128), big = ws.matrix(208, 208).fill(0.01f);
                Matrix bigC = ws.matrix(208, 208), bigT = big.t(), wT = w.t();
                int[] calls = {0};
                Runnable step = () -> {
                    k.gemm(false, true, 1f, x, w, 0f, z, Activation.RELU, h); // forward
                    k.reluBackward(h, z, g);
                    k.gemm(true, false, 1f, g, x, 0f, gw); // gradient
                    k.gemm(false, false, 1f, x, wT, 0f, z); // the same product through a transposed view
                    k.colSums(g, col);
                    k.axpy(-0.1f, gw, w);
                    if (calls[0]++ % 20 == 0) { // large enough to use both threads (slow on the scalar twin)
                        k.gemm(false, false, 1f, big, bigT, 0f, bigC);
                        k.scale(0.5f, bigC, bigC);
                    }
                    if (k.sumOfSquares(z) < 0 || k.dot(z, h) < -1) throw new AssertionError();
                };
                for (int i = 0; i < 2000; i++) step.run(); // let C2 compile and escape analysis settle
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200; i++) step.run();
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                assertEquals(0, allocated, "bytes allocated by 200 steady-state steps on " + threads + " threads");
            }
        }
    }
}
