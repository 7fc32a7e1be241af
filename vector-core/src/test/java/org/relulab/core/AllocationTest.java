package org.relulab.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Kernel calls allocate nothing on the Java heap once compiled: GEMM packing buffers are per thread and
 * made once, arguments travel in a reused holder, checks build strings only on failure.
 *
 * <p>Until C2 has compiled a kernel, the interpreter and C1 box every vector, so allocation is measured in
 * rounds after a warm-up: on a loaded 2-core machine the compile queue can lag behind a fixed warm-up. The
 * test passes once a whole round allocates nothing, and fails when no round within the bound does; a kernel
 * that allocates on every call (or every few calls: each round holds many of each) fails every round.
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
                Matrix rows = ws.column(64).fill(0.5f), cols = ws.vector(128);
                int[] calls = {0};
                Runnable step = () -> {
                    k.gemm(false, true, 1f, x, w, 0f, z, Activation.RELU, h); // forward
                    k.reluBackward(h, z, g);
                    k.gemm(true, false, 1f, g, x, 0f, gw); // gradient
                    k.gemm(false, false, 1f, x, wT, 0f, z); // the same product through a transposed view
                    k.colSums(g, col);
                    k.gemv(true, 1f, g, rows, 0f, cols); // β = 0 clears y: must not slice the segment
                    k.outerActivateBackward(Activation.RELU, rows, col, z, g);
                    k.axpy(-0.1f, gw, w);
                    if (calls[0]++ % 20 == 0) { // large enough to use both threads (slow on the scalar twin)
                        k.gemm(false, false, 1f, big, bigT, 0f, bigC);
                        k.scale(0.5f, bigC, bigC);
                    }
                    if (k.sumOfSquares(z) < 0 || k.dot(z, h) < -1) throw new AssertionError();
                };
                assertSteadyStateAllocatesNothing(step, threads + " threads");
            }
        }
    }

    /** Warm-up, then rounds of {@link #ROUND} steps until one allocates nothing, at most {@link #MAX_ROUNDS}. */
    static void assertSteadyStateAllocatesNothing(Runnable step, String what) {
        for (int i = 0; i < 2000; i++) step.run(); // let C2 compile and escape analysis settle
        StringBuilder seen = new StringBuilder();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++) step.run();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated == 0) return;
            seen.append(round == 0 ? "" : ", ").append(allocated);
        }
        fail("every round of " + ROUND + " steady-state steps on " + what + " allocated heap bytes: " + seen);
    }

    private static final int ROUND = 200;
    private static final int MAX_ROUNDS = 40;
}
