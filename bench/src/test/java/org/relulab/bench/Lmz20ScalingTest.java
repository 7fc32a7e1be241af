package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.metrics.HermiteCoefficients;
import org.relulab.training.teacher.AbsTeacher;

/** {@link Lmz20Scaling}: ε against the constant predictor and the order-2 plateau, checked, not assumed. */
class Lmz20ScalingTest {
    @Test
    void constantPredictorLossTimesDIsOneMinusTwoOverPi() {
        int d = 10, n = 400_000;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create()) {
            Matrix y = Dataset.generate(ws, k, new AbsTeacher(ws, d, false, 1, 1), n, 2).y();
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                sum += y.get(i, 0);
                sq += (double) y.get(i, 0) * y.get(i, 0);
            }
            double mean = sum / n, variance = sq / n - mean * mean;
            assertEquals(Math.sqrt(2 / Math.PI), mean, 3e-3, "E f* = sqrt(2/pi)");
            // The best constant is the mean; its loss is the variance. Var(y) d has relative error ~ 1/sqrt(n).
            assertEquals(Lmz20Scaling.CONSTANT_LOSS_X_D, variance * d, 0.01 * Lmz20Scaling.CONSTANT_LOSS_X_D);
        }
    }

    @Test
    void epsilonLiesBelowThePlateauOfTheHermiteOrdersAboveTwo() {
        double[] c = HermiteCoefficients.squared(Activation.ABS, 4000);
        double aboveTwo = 0;
        for (int k = 4; k < c.length; k++) aboveTwo += c[k];
        assertEquals(Lmz20Scaling.PLATEAU_FLOOR_X_D, aboveTwo, 2e-3,
                "sum of c_k over k >= 4 is 1 - 3/pi (the tail decays like k^-1.5)");
        assertEquals(Lmz20Scaling.CONSTANT_LOSS_X_D, c[2] + aboveTwo, 2e-3, "orders >= 2 carry the variance");
        assertEquals(0.00727, Lmz20Scaling.EPSILON, 1e-5);
        assertTrue(Lmz20Scaling.EPSILON < Lmz20Scaling.PLATEAU_FLOOR_X_D / 5, "eps well below the plateau");
    }

    @Test
    void polynomialsAndFlops() {
        assertEquals(120, Lmz20Scaling.width(30));
        assertEquals(9000, Lmz20Scaling.samples(30));
        assertEquals(60, Lmz20Scaling.learningRate(120));
        assertEquals(160.0 * Math.pow(30, 4), Lmz20Scaling.flopsPerStep(9000, 120, 30));
        assertEquals(Lmz20Scaling.EPSILON / 30, Lmz20Scaling.targetLoss(30));
    }
}
