package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/** {@link RandomFeatureKernel}: its Gram matrices are those of its features and tend to κ₁ as the width grows. */
class RandomFeatureKernelTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = Kernels.create(); }

    @AfterAll
    static void close() { kernels.close(); }

    /** Max |k_M − κ₁| over a 12-point Gram matrix: about 1/√M (entries are O(1)); shrinks 16× for 256× the width. */
    @Test
    void tendsToKappa1AsTheWidthGrows() {
        int d = 6, n = 12;
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(n, d), limit = ws.matrix(n, n), gram = ws.matrix(n, n), cross = ws.matrix(n, n);
            kernels.gaussianFill(x, 11, 0f, 1f);
            new ArcCosineKernel(1).trainGram(kernels, x, limit);
            double[] err = new double[2];
            int[] widths = {256, 65_536};
            for (int w = 0; w < 2; w++) {
                try (RandomFeatureKernel rf = new RandomFeatureKernel(kernels, d, widths[w], 5)) {
                    assertEquals(widths[w], rf.features());
                    rf.trainGram(kernels, x, gram);
                    rf.crossGram(kernels, x, x, cross);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            err[w] = Math.max(err[w], Math.abs(gram.get(i, j) - limit.get(i, j)));
                            assertEquals(gram.get(i, j), cross.get(i, j), 1e-5 * Math.abs(gram.get(i, j)) + 1e-6,
                                    "crossGram = trainGram on x, x");
                        }
                    }
                }
            }
            assertTrue(err[0] > 0.02 && err[0] < 0.5, "M = 256: max error " + err[0]);
            assertTrue(err[1] < err[0] / 6 && err[1] < 0.02,
                    "M = 65536: max error " + err[1] + " against " + err[0] + " at M = 256");
        }
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomFeatureKernel(kernels, 4, 0, 1));
        assertTrue(e.getMessage().contains("0 features"), e.getMessage());
        try (Workspace ws = Workspace.shared(); RandomFeatureKernel rf = new RandomFeatureKernel(kernels, 4, 8, 1)) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> rf.trainGram(kernels, ws.matrix(3, 5), ws.matrix(3, 3)));
            assertTrue(e.getMessage().contains("expected d = 4 columns"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            e = assertThrows(IllegalArgumentException.class, () -> new RandomFeatureKernel(kernels, 4, 1 << 30, 1));
            assertTrue(e.getMessage().contains("features need"), e.getMessage());
        }
    }
}
