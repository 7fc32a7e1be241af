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
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

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
                    // slow on the scalar twin
                    if (calls[0] % 20 == 1) k.kernelFromGram(KernelFunction.RELU_NTK, 0.5f, z, rows, cols, h);
                    if (k.sumOfSquares(z) < 0 || k.dot(z, h) < -1) throw new AssertionError();
                };
                assertSteadyStateAllocatesNothing(step, threads + " threads");
            }
        }
    }

    /**
     * The solver's CG iterations allocate nothing: a solve allocates its result (α, n doubles, and the record)
     * and nothing per iteration (about 10 here: the factor is held at 10x the solve's λ).
     */
    @Test
    void solverIterationsAllocateOnlyTheResult() {
        int n = 48;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            Matrix km = RidgeSolverTest.ntk(k, ws, n, 3, 4), y = ws.column(n).fill(1f);
            try (RidgeSolver solver = new RidgeSolver(k, km)) {
                solver.factor(1e-2);
                long result = 16 + 8L * n + 48; // α with its header, the Solution record
                assertSteadyStateAllocatesAtMost(() -> {
                    if (solver.solve(1e-3, y).iterations() < 2) throw new AssertionError();
                }, result, "RidgeSolver.solve");
            }
        }
    }

    /** Warm-up, then rounds of {@link #ROUND} steps until one allocates nothing, at most {@link #MAX_ROUNDS}. */
    static void assertSteadyStateAllocatesNothing(Runnable step, String what) {
        assertSteadyStateAllocatesAtMost(step, 0, what);
    }

    /** The same, allowing {@code perStep} bytes per step. */
    static void assertSteadyStateAllocatesAtMost(Runnable step, long perStep, String what) {
        for (int i = 0; i < 2000; i++) step.run(); // let C2 compile and escape analysis settle
        StringBuilder seen = new StringBuilder();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++) step.run();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated <= ROUND * perStep) return;
            seen.append(round == 0 ? "" : ", ").append(allocated);
        }
        fail("every round of " + ROUND + " steady-state steps on " + what + " allocated more than " + perStep
                + " heap bytes a step: " + seen);
    }

    private static final int ROUND = 200;
    private static final int MAX_ROUNDS = 40;
}
