package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/** g = (r·cᵀ) ⊙ σ'(z): against a float64 reference, SIMD bit-identical to its twin, every layout, in place. */
class OuterBackwardTest extends ProvidersUnderTest {
    @Test
    void matchesReferenceAndTwinOverAwkwardShapesAndLayouts() {
        Random rnd = new Random(5);
        int[][] shapes = {{1, 1}, {3, 7}, {17, 33}, {7, 127}, {2, 1021}, {1, 4099}, {100, 31}, {5, 15}};
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : Activation.values()) {
                for (int[] s : shapes) {
                    for (Layout lz : Layout.values()) {
                        int n = s[0], m = s[1];
                        Matrix z = TestMatrices.random(ws, rnd, n, m, lz);
                        z.set(0, 0, 0f); // the derivative at 0
                        Matrix r = TestMatrices.random(ws, rnd, n, 1, lz); // a column vector
                        Matrix c = TestMatrices.random(ws, rnd, 1, m, Layout.OFFSET);
                        Matrix g = TestMatrices.view(ws, rnd, n, m, Layout.values()[rnd.nextInt(4)]);
                        Matrix gs = ws.matrix(n, m), gv = ws.matrix(n, m);
                        kernels.outerActivateBackward(act, r, c, z, g);
                        scalar.outerActivateBackward(act, r, c, z, gs);
                        simd.outerActivateBackward(act, r, c, z, gv);
                        String what = act + " " + n + "x" + m + " " + lz;
                        TestMatrices.assertBitIdentical(what + " simd vs scalar", gs, gv);
                        double[][] want = new double[n][m], tol = new double[n][m];
                        for (int j = 0; j < n; j++) {
                            for (int i = 0; i < m; i++) {
                                double zz = z.get(j, i);
                                double d = act == Activation.IDENTITY
                                        ? 1
                                        : act == Activation.RELU ? (zz > 0 ? 1 : 0) : Math.signum(zz);
                                want[j][i] = (double) r.get(j, 0) * c.get(0, i) * d;
                                tol[j][i] = 2 * TestMatrices.EPS * Math.abs(want[j][i]);
                            }
                        }
                        TestMatrices.assertClose(what, want, tol, g);
                    }
                }
            }
        }
    }

    @Test
    void inPlaceOnZ() {
        try (Workspace ws = Workspace.shared()) {
            Matrix z = ws.matrix(2, 3, new float[] {1, -2, 0, -1, 3, 4});
            Matrix r = ws.matrix(2, 1, new float[] {2, -1}), c = ws.matrix(1, 3, new float[] {1, 2, 3});
            kernels.outerActivateBackward(Activation.RELU, r, c, z, z);
            float[] want = {2, 0, 0, 0, -2, -3};
            for (int k = 0; k < 6; k++) assertTrue(want[k] == z.get(k / 3, k % 3), "element " + k);
        }
    }

    @Test
    void shapesAndAliasingAreChecked() {
        try (Workspace ws = Workspace.shared()) {
            Matrix z = ws.matrix(4, 5), g = ws.matrix(4, 5), r = ws.matrix(4, 1), c = ws.matrix(1, 5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.outerActivateBackward(Activation.RELU, ws.matrix(3, 1), c, z, g));
            assertTrue(e.getMessage().contains("r has length 3") && e.getMessage().contains("expected 4"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.outerActivateBackward(Activation.RELU, r, ws.matrix(1, 4), z, g));
            assertTrue(e.getMessage().contains("c has length 4"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.outerActivateBackward(Activation.ABS, r, c, z, z.rows(0, 4).cols(1, 5).t().t()));
            assertTrue(e.getMessage().contains("expected the same shape") || e.getMessage().contains("overlaps"),
                    e.getMessage());
        }
    }
}
