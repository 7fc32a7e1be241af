package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * AS21's stationarity measures: J' is the derivative of J along a neuron's mass (finite differences in double), a
 * student equal to its teacher is stationary with nothing to certify, and a heavy neuron's gap is |sign·J' + λ|.
 */
class StationarityTest {
    private static final int N = 300, D = 4;

    private static double[][] inputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[N][D];
        for (double[] row : x) for (int c = 0; c < D; c++) row[c] = r.nextGaussian();
        return x;
    }

    private static double[] labels(double[][] w, double[] a, double s, double[][] x) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            for (int i = 0; i < w.length; i++) {
                double z = 0;
                for (int c = 0; c < D; c++) z += w[i][c] * x[k][c];
                y[k] += s * a[i] * Math.max(0, z);
            }
        }
        return y;
    }

    private static double objective(double[][] w, double[] a, double s, double[][] x, double[] y) {
        double[] f = labels(w, a, s, x);
        double sum = 0;
        for (int k = 0; k < x.length; k++) sum += (f[k] - y[k]) * (f[k] - y[k]);
        return sum / (2 * x.length);
    }

    @Test
    void theFirstVariationIsTheDerivativeAlongANeuronsMass() {
        double[][] x = inputs(1), w = {{1, 0.5, -0.3, 0.2}, {-0.4, 1, 0.6, 0.1}, {0.2, -0.7, 0.3, 1}};
        double[] a = {1.5, -0.8, 0.6}, y = labels(new double[][] {{0.9, 0.4, -0.2, 0.3}}, new double[] {1}, 1, x);
        double s = 1.0 / 3;
        double[] residual = new double[N], f = labels(w, a, s, x);
        for (int k = 0; k < N; k++) residual[k] = f[k] - y[k];
        for (int i = 0; i < w.length; i++) {
            double norm = Math.sqrt(w[i][0] * w[i][0] + w[i][1] * w[i][1] + w[i][2] * w[i][2] + w[i][3] * w[i][3]);
            double[] theta = new double[D];
            for (int c = 0; c < D; c++) theta[c] = w[i][c] / norm;
            double h = 1e-6;
            double[] up = a.clone(), down = a.clone();
            up[i] += h;
            down[i] -= h;
            double dJda = (objective(w, up, s, x, y) - objective(w, down, s, x, y)) / (2 * h);
            // ∂J/∂a_i = s·‖w_i‖·J'(θ_i)
            assertEquals(dJda, s * norm * Stationarity.firstVariation(theta, x, residual),
                    1e-8 * Math.abs(dJda) + 1e-12);
        }
    }

    @Test
    void aStudentEqualToItsTeacherIsStationaryWithZeroFirstVariation() {
        double[][] x = inputs(2), w = {{1, 0, 0, 0}, {0, 1, 0, 0}};
        double[] a = {1, -1};
        double[] y = labels(w, a, 0.5, x);
        Stationarity st = Stationarity.of(w, a, 0.5, x, y, 0.01, 200, 7);
        assertEquals(2, st.heavy());
        assertEquals(0.01, st.heavyGap(), 1e-15, "J' = 0: |sign·J' + λ| = λ");
        assertEquals(0, st.certificate(), 1e-15);
        Stationarity other = Stationarity.of(w, a, 0.5, x, labels(w, new double[] {2, -1}, 0.5, x), 0, 200, 7);
        assertTrue(other.certificate() > 0.1, "a wrong mass leaves a large first variation: " + other);
    }
}
