package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class GaussianFillTest {
    @Test
    void sameOutputForEveryProviderThreadCountAndLayout() {
        try (Workspace ws = Workspace.shared();
                Kernels a = Kernels.create(Provider.SIMD, 1);
                Kernels b = Kernels.create(Provider.SCALAR, 3)) {
            Matrix x = ws.matrix(37, 41), y = ws.matrix(41, 37).t();
            a.gaussianFill(x, 123, 0f, 1f);
            b.gaussianFill(y, 123, 0f, 1f);
            assertArrayEquals(x.toArray(), y.toArray());
            Matrix z = ws.matrix(37, 41);
            a.gaussianFill(z, 124, 0f, 1f);
            assertNotEquals(x.get(0, 0), z.get(0, 0));
        }
    }

    @Test
    void momentsMatchTheNormal() {
        int n = 200_000;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            Matrix x = ws.matrix(1, n);
            k.gaussianFill(x, 7, 2f, 3f);
            double s = 0, s2 = 0, s4 = 0;
            for (int i = 0; i < n; i++) {
                double v = (x.get(0, i) - 2.0) / 3.0;
                s += v;
                s2 += v * v;
                s4 += v * v * v * v;
            }
            // Standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032, 4th moment sqrt(96/n) = 0.022.
            assertEquals(0.0, s / n, 0.012, "mean");
            assertEquals(1.0, s2 / n, 0.016, "variance");
            assertEquals(3.0, s4 / n, 0.11, "fourth moment");
        }
    }
}
