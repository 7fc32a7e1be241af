package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/**
 * The fused output-layer backward (g = (r·cᵀ) ⊙ σ'(z) and dc = α·hᵀ·r in one sweep) and the row-parallel sweeps of
 * gemv and the outer backward: the fused call gives the bits of the two separate calls, SIMD the bits of its scalar
 * twin, every thread count the bits of one thread, and both stay within float rounding of a float64 reference.
 */
class OuterBackwardSweepTest extends ProvidersUnderTest {
    /** n × m: lane multiples ± 1, primes, one row or one column, and wider than one GRAIN block per thread. */
    private static final int[][] SHAPES = {{1, 1}, {7, 13}, {13, 7}, {63, 207}, {1, 1021}, {207, 63}, {3, 4099},
            {1021, 1}, {40, 1021}};

    /** One operand set: z, h = σ(z) (or z itself), r and c, and fresh outputs g and dc. */
    private record Operands(Matrix z, Matrix h, Matrix r, Matrix c) {
        static Operands random(Workspace ws, Random rnd, Kernels k, Activation act, int n, int m, Layout layout,
                boolean hIsZ) {
            Matrix z = TestMatrices.random(ws, rnd, n, m, layout);
            z.set(0, 0, 0f); // the derivative at 0
            Matrix h = z;
            if (!hIsZ) {
                h = TestMatrices.view(ws, rnd, n, m, layout);
                k.activate(act, z, h);
            }
            Matrix r = TestMatrices.random(ws, rnd, n, 1, rnd.nextBoolean() ? Layout.OFFSET : Layout.DENSE);
            Matrix c = TestMatrices.random(ws, rnd, 1, m, rnd.nextBoolean() ? Layout.OFFSET : Layout.DENSE);
            return new Operands(z, h, r, c);
        }
    }

    @Test
    void fusedGivesTheBitsOfTheTwoCallsAndOfTheScalarTwin() {
        Random rnd = new Random(17);
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : Activation.values()) {
                for (int[] s : SHAPES) {
                    for (Layout layout : Layout.values()) {
                        int n = s[0], m = s[1];
                        Operands o = Operands.random(ws, rnd, kernels, act, n, m, layout, false);
                        float alpha = 0.75f;
                        String what = act + " " + n + "x" + m + " " + layout;
                        Matrix g = TestMatrices.view(ws, rnd, n, m, layout), dc = TestMatrices.view(ws, rnd, 1, m,
                                rnd.nextBoolean() ? Layout.TRANSPOSED_OFFSET : Layout.DENSE);
                        kernels.outerActivateBackward(act, o.r, o.c, o.z, g, alpha, o.h, dc);

                        Matrix g2 = ws.matrix(n, m), dc2 = ws.vector(m);
                        kernels.outerActivateBackward(act, o.r, o.c, o.z, g2);
                        TestMatrices.assertBitIdentical(what + " g, fused vs separate", g2, g);
                        // gemv sums in the same order when it runs its axpy form (row-major h, contiguous vectors)
                        if (!o.h.isTransposed() && Checks.step(o.r) == 1 && Checks.step(dc) == 1) {
                            kernels.gemv(true, alpha, o.h, o.r, 0f, dc2);
                            TestMatrices.assertBitIdentical(what + " dc, fused vs gemv", dc2, dc);
                        }

                        Matrix gs = ws.matrix(n, m), ds = ws.vector(m), gv = ws.matrix(n, m), dv = ws.vector(m);
                        scalar.outerActivateBackward(act, o.r, o.c, o.z, gs, alpha, o.h, ds);
                        simd.outerActivateBackward(act, o.r, o.c, o.z, gv, alpha, o.h, dv);
                        TestMatrices.assertBitIdentical(what + " g, simd vs scalar", gs, gv);
                        TestMatrices.assertBitIdentical(what + " dc, simd vs scalar", ds, dv);

                        double[][] want = new double[1][m], tol = new double[1][m];
                        for (int i = 0; i < m; i++) {
                            double sum = 0, mag = 0;
                            for (int j = 0; j < n; j++) {
                                double t = (double) o.r.get(j, 0) * o.h.get(j, i);
                                sum += t;
                                mag += Math.abs(t);
                            }
                            want[0][i] = alpha * sum;
                            tol[0][i] = (n + 2) * TestMatrices.EPS * alpha * mag + 1e-30;
                        }
                        TestMatrices.assertClose(what + " dc against float64", want, tol, dc);
                    }
                }
            }
        }
    }

    /** In place as the training step calls it: ReLU on H alone (h = z = g); |·| with g over z and h apart. */
    @Test
    void inPlaceOverTheActivations() {
        Random rnd = new Random(18);
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : new Activation[] {Activation.RELU, Activation.ABS}) {
                boolean hIsZ = act == Activation.RELU;
                Operands o = Operands.random(ws, rnd, kernels, act, 45, 207, Layout.OFFSET, hIsZ);
                if (hIsZ) kernels.activate(act, o.z, o.z);
                Matrix z0 = ws.matrix(45, 207), g = ws.matrix(45, 207), dc = ws.vector(207), dc2 = ws.vector(207);
                z0.copyFrom(o.z);
                kernels.outerActivateBackward(act, o.r, o.c, z0, g, 2f, hIsZ ? z0 : o.h, dc);
                kernels.outerActivateBackward(act, o.r, o.c, o.z, o.z, 2f, o.h, dc2);
                TestMatrices.assertBitIdentical(act + " g in place", g, o.z);
                TestMatrices.assertBitIdentical(act + " dc in place", dc, dc2);
            }
        }
    }

    /** The sweeps split by columns or rows across threads; 1, 2, 3 and 8 threads give the same bits. */
    @Test
    void everyThreadCountGivesTheBitsOfOneThread() {
        Random rnd = new Random(19);
        int[] threadCounts = {1, 2, 3, 8};
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : Activation.values()) {
                int n = 301, m = 1021; // about 9 blocks of MIN_ELEMENTS_PER_THREAD: every count here splits
                Operands o = Operands.random(ws, rnd, kernels, act, n, m, Layout.OFFSET, false);
                Matrix[] g = new Matrix[threadCounts.length], dc = new Matrix[threadCounts.length];
                Matrix[] g1 = new Matrix[threadCounts.length], fwd = new Matrix[threadCounts.length];
                for (int t = 0; t < threadCounts.length; t++) {
                    g[t] = ws.matrix(n, m);
                    dc[t] = ws.vector(m);
                    g1[t] = ws.matrix(n, m);
                    fwd[t] = ws.column(n);
                    try (Kernels k = TestMatrices.underTest(threadCounts[t])) {
                        k.outerActivateBackward(act, o.r, o.c, o.z, g[t], 0.5f, o.h, dc[t]);
                        k.outerActivateBackward(act, o.r, o.c, o.z, g1[t]);
                        k.gemv(false, 1.5f, o.h, o.c, 0f, fwd[t]);
                    }
                }
                for (int t = 1; t < threadCounts.length; t++) {
                    String what = act + " " + threadCounts[t] + " threads against 1";
                    TestMatrices.assertBitIdentical(what + ": fused g", g[0], g[t]);
                    TestMatrices.assertBitIdentical(what + ": fused dc", dc[0], dc[t]);
                    TestMatrices.assertBitIdentical(what + ": g", g1[0], g1[t]);
                    TestMatrices.assertBitIdentical(what + ": H·c", fwd[0], fwd[t]);
                }
            }
        }
    }

    /** A confined workspace's memory is out of the workers' reach: the sweep runs on the caller, with equal bits. */
    @Test
    void confinedMemoryRunsOnTheCaller() {
        Random rnd = new Random(20);
        int n = 301, m = 1021;
        try (Workspace shared = Workspace.shared();
                Workspace confined = Workspace.confined();
                Kernels two = TestMatrices.underTest(2)) {
            Operands o = Operands.random(shared, rnd, kernels, Activation.ABS, n, m, Layout.DENSE, false);
            Matrix gShared = shared.matrix(n, m), dcShared = shared.vector(m);
            two.outerActivateBackward(Activation.ABS, o.r, o.c, o.z, gShared, 1f, o.h, dcShared);
            Matrix z = confined.matrix(n, m).copyFrom(o.z), h = confined.matrix(n, m).copyFrom(o.h);
            Matrix r = confined.column(n).copyFrom(o.r), c = confined.vector(m).copyFrom(o.c);
            Matrix g = confined.matrix(n, m), dc = confined.vector(m), f = confined.column(n);
            two.outerActivateBackward(Activation.ABS, r, c, z, g, 1f, h, dc);
            two.gemv(false, 1f, h, c, 0f, f);
            TestMatrices.assertBitIdentical("confined g", gShared, g);
            TestMatrices.assertBitIdentical("confined dc", dcShared, dc);
        }
    }

    @Test
    void shapesAndAliasingAreChecked() {
        try (Workspace ws = Workspace.shared()) {
            Matrix z = ws.matrix(4, 5), h = ws.matrix(4, 5), g = ws.matrix(4, 5), r = ws.column(4), c = ws.vector(5);
            Matrix dc = ws.vector(5);
            Activation relu = Activation.RELU;
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, g, 1f, h, ws.vector(4)),
                    "dc has length 4", "expected 5");
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, g, 1f, ws.matrix(5, 4), dc),
                    "h is 5x4", "expected the same shape");
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, g, 1f, h, g.row(0)), "dc", "overlaps");
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, g, 1f, h, c), "dc", "overlaps");
            Matrix five = ws.matrix(5, 5); // g and h: rows 0-3 and 1-4 of it, overlapping in part
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, five.rows(0, 4), 1f, five.rows(1, 5), dc),
                    "h", "partly overlaps");
            assertMessage(() -> kernels.outerActivateBackward(relu, r, c, z, g, 1f, null, dc), "h is null");
            assertMessage(() -> kernels.outerActivateBackward(null, r, c, z, g, 1f, h, dc), "activation is null");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) assertTrue(e.getMessage().contains(p), e.getMessage() + " (expected: " + p + ")");
    }
}
