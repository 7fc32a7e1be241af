package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every misuse gets an IllegalArgumentException or IllegalStateException whose message names the operands. */
class BadInputTest {
    static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    static void fails(Class<? extends RuntimeException> type, Executable e, String... mustMention) {
        RuntimeException ex = assertThrows(type, e);
        for (String s : mustMention) {
            assertTrue(ex.getMessage().contains(s), "message \"" + ex.getMessage() + "\" should mention \"" + s + "\"");
        }
        assertFalse(ex.getMessage().contains("\n"), "one-line message: " + ex.getMessage());
    }

    @Test
    void gemmShapeMismatchNamesAllShapes() {
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(4, 5), b = ws.matrix(6, 7), c = ws.matrix(4, 7);
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, a, b, 0f, c), "4x5", "6x7",
                    "4x7");
            Matrix b2 = ws.matrix(5, 7), c2 = ws.matrix(7, 4);
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, a, b2, 0f, c2), "C 4x7", "7x4");
            fails(IllegalArgumentException.class, () -> kernels.gemm(true, false, 1f, a, b2, 0f, ws.matrix(5, 7)),
                    "5x4", "transposed");
        }
    }

    @Test
    void elementwiseShapeMismatch() {
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(3, 4), y = ws.matrix(4, 3);
            fails(IllegalArgumentException.class, () -> kernels.add(x, y, x), "3x4", "4x3");
            fails(IllegalArgumentException.class, () -> kernels.axpy(1f, x, y), "3x4", "4x3");
            fails(IllegalArgumentException.class, () -> kernels.dot(x, y), "3x4", "4x3");
            fails(IllegalArgumentException.class, () -> kernels.rowSums(x, ws.vector(4)), "length 4", "expected 3");
            fails(IllegalArgumentException.class, () -> kernels.gemv(false, 1f, x, ws.vector(3), 0f, ws.vector(3)),
                    "x has length 3", "expected 4");
            fails(IllegalArgumentException.class, () -> kernels.gemv(false, 1f, x, x, 0f, ws.vector(3)), "3x4",
                    "vector");
        }
    }

    @Test
    void kernelFromGramArguments() {
        try (Workspace ws = Workspace.shared()) {
            Matrix g = ws.matrix(3, 4), r = ws.vector(3), c = ws.vector(4), out = ws.matrix(3, 4);
            KernelFunction f = KernelFunction.RELU_NTK;
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(null, 1f, g, r, c, out),
                    "kernel function is null");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 0f, g, r, c, out), "scale = 0.0",
                    "e.g. 1/d");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, Float.NaN, g, r, c, out),
                    "scale = NaN");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 1f, g, c, c, out),
                    "rowSqNorms has length 4", "expected 3");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 1f, g, r, r, out),
                    "colSqNorms has length 3", "expected 4");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 1f, g, r, c, out.t()), "gram is 3x4",
                    "out is 4x3");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 1f, g, r, c, g.cols(0, 3).t().t()),
                    "3x3");
            Matrix wide = ws.matrix(3, 8);
            fails(IllegalArgumentException.class,
                    () -> kernels.kernelFromGram(f, 1f, wide.cols(0, 4), r, c, wide.cols(2, 6)),
                    "partly overlaps input gram");
            fails(IllegalArgumentException.class, () -> kernels.kernelFromGram(f, 1f, g, r, out.row(0), out),
                    "overlaps input colSqNorms");
            kernels.kernelFromGram(f, 1f, g, r, c, g); // in place is fine
        }
    }

    @Test
    void viewsOutsideTheirSegment() {
        try (Workspace ws = Workspace.shared()) {
            Matrix m = ws.matrix(4, 5);
            fails(IllegalArgumentException.class, () -> m.rows(2, 5), "rows [2, 5)", "[0, 4)");
            fails(IllegalArgumentException.class, () -> m.cols(-1, 2), "cols [-1, 2)");
            MemorySegment seg = ws.allocate(40 * Float.BYTES);
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, 0, 5, 10, 10), "holds 40 floats");
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, 30, 2, 8, 8), "ends at element 45");
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, 0, 3, 10, 5), "stride 5 < cols 10");
            fails(IllegalArgumentException.class, () -> Matrix.wrap(new float[5], 2, 3), "length 5", "2x3");
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(4, 0));
        }
    }

    @Test
    void batchedGemmBeyondTheSegment() {
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(8, 4), b = ws.matrix(4, 4), c = ws.matrix(8, 4);
            long s = 4L * a.stride();
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a.rows(0, 4), s, b, 0, 0f, c.rows(0, 4), s, 3),
                    "problem 2 of A");
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a.rows(0, 4), s, b, 0, 0f, c.rows(0, 4), 1, 2),
                    "output C of problem 1 overlaps C of problem 0", "every 1 elements");
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a.rows(0, 4), -1, b, 0, 0f, c.rows(0, 4), s, 1),
                    "stride of A = -1");
        }
    }

    @Test
    void closedWorkspace() {
        Workspace ws = Workspace.shared();
        Matrix x = ws.matrix(3, 3);
        ws.close();
        fails(IllegalStateException.class, () -> kernels.relu(x, x), "closed workspace", "3x3");
        fails(IllegalStateException.class, () -> kernels.gemm(false, false, 1f, x, x, 0f, x), "closed workspace");
        fails(IllegalStateException.class, ws::close, "already closed");
        fails(IllegalStateException.class, () -> ws.matrix(2, 2), "closed");
        assertThrows(IllegalStateException.class, () -> x.get(0, 0)); // the JDK's own check, never a crash
        assertFalse(ws.isOpen());
    }

    @Test
    void outputAliasingAnInput() {
        try (Workspace ws = Workspace.shared()) {
            Matrix m = ws.matrix(8, 8);
            Matrix a = m.cols(0, 4), c = m.cols(2, 6);
            fails(IllegalArgumentException.class,
                    () -> kernels.gemm(false, true, 1f, a, a, 0f, m.rows(0, 8).cols(0, 8)),
                    "overlaps input A");
            fails(IllegalArgumentException.class, () -> kernels.add(a, a, c), "partly overlaps");
            fails(IllegalArgumentException.class, () -> kernels.relu(m, m.t()), "partly overlaps");
            // Disjoint column blocks of one matrix are fine, and so is exactly in place.
            kernels.add(m.cols(0, 4), m.cols(0, 4), m.cols(4, 8));
            kernels.relu(m, m);
            Matrix g = ws.matrix(4, 4), z = ws.matrix(4, 4), h = ws.matrix(4, 4), wide = ws.matrix(4, 8);
            kernels.gemm(false, false, 1f, g, z, 0f, h, Activation.RELU, h); // H = C: the activation in place
            fails(IllegalArgumentException.class,
                    () -> kernels.gemm(false, false, 1f, g, z, 0f, wide.cols(0, 4), Activation.RELU, wide.cols(2, 6)),
                    "partly overlaps input C");
            fails(IllegalArgumentException.class, () -> kernels.gemv(false, 1f, g, g.row(0), 0f, g.row(1)),
                    "overlaps input A");
        }
    }

    @Test
    void invalidThreadsAndBatch() {
        fails(IllegalArgumentException.class, () -> Kernels.create(Provider.SCALAR, 0), "threads = 0");
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(2, 2);
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a, 0, a, 0, 0f, ws.matrix(2, 2), 0, 0), "batch = 0");
        }
        fails(IllegalArgumentException.class,
                () -> Kernels.create(Provider.SCALAR, 1).gemm(false, false, 1f, null, null, 0f, null),
                "A is null");
    }

    @Test
    void nanInputsPropagateAndNeverHang() {
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(70, 300).fill(1f), b = ws.matrix(300, 50).fill(1f), c = ws.matrix(70, 50);
            a.set(3, 7, Float.NaN);
            b.set(9, 11, Float.POSITIVE_INFINITY);
            kernels.gemm(false, false, 1f, a, b, 0f, c);
            assertTrue(Float.isNaN(c.get(3, 0)), "NaN in row 3 of A reaches row 3 of C");
            assertTrue(c.get(0, 11) == Float.POSITIVE_INFINITY, "Inf in column 11 of B reaches column 11 of C");
            assertTrue(c.get(0, 0) == 300f, "untouched elements stay exact");
        }
    }

    @Test
    void confinedWorkspaceStillWorksWithManyThreads() {
        try (Workspace ws = Workspace.confined(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
            Matrix a = ws.matrix(256, 256).fill(1f), c = ws.matrix(256, 256);
            k.gemm(false, false, 1f, a, a, 0f, c); // workers cannot touch confined memory: runs on the caller
            assertTrue(c.get(255, 255) == 256f);
        }
    }

    @Test
    void closedKernelsRefuseWork() {
        Kernels k = Kernels.create(Provider.SCALAR, 2);
        k.close();
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(300, 300);
            fails(IllegalStateException.class, () -> k.gemm(false, false, 1f, a, a, 0f, ws.matrix(300, 300)), "closed");
            // k = 0 only scales C, without the threads: it used to run after close
            fails(IllegalStateException.class, () -> k.gemm(false, false, 1f, ws.matrix(3, 0), ws.matrix(0, 3), 0f,
                    ws.matrix(3, 3)), "closed");
        }
    }
}
