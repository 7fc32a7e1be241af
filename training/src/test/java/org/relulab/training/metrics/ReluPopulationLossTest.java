package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ReluPopulationLoss}: the closed form against a Monte Carlo average over Gaussian inputs, in double. */
class ReluPopulationLossTest {
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double[][] rows(SplittableRandom r, int k, int d, double scale) {
        double[][] w = new double[k][d];
        for (double[] row : w) for (int i = 0; i < d; i++) row[i] = scale * gaussian(r);
        return w;
    }

    private static double relu(double[] w, double[] x) {
        return Math.max(0, DoubleRows.dot(w, x));
    }

    @Test
    void theClosedFormIsTheMonteCarloAverage() {
        SplittableRandom r = new SplittableRandom(7);
        int d = 6, samples = 400_000;
        double[][] w = rows(r, 4, d, 0.8), v = rows(r, 3, d, 1);
        double[] c = {0.7, -0.4, 1.1, -0.9}, a = {1, -1, 0.5};
        double sum = 0, squares = 0;
        double[] x = new double[d];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < d; i++) x[i] = gaussian(r);
            double diff = 0;
            for (int i = 0; i < w.length; i++) diff += c[i] * relu(w[i], x);
            for (int j = 0; j < v.length; j++) diff -= a[j] * relu(v[j], x);
            sum += diff * diff;
            squares += diff * diff * diff * diff;
        }
        double mean = sum / samples, se = Math.sqrt((squares / samples - mean * mean) / samples);
        assertEquals(mean, ReluPopulationLoss.of(w, c, v, a), 5 * se, "closed form vs Monte Carlo (se " + se + ")");
    }

    @Test
    void theKernelHasItsKnownValues() {
        double[] u = {3, 0, 0}, v = {0, 2, 0}, minus = {-1, 0, 0};
        assertEquals(9 / 2.0, ReluPopulationLoss.kernel(u, u), 1e-12, "E[ReLU(u·x)²] = ‖u‖²/2");
        assertEquals(6 / (2 * Math.PI), ReluPopulationLoss.kernel(u, v), 1e-12, "orthogonal: ‖u‖‖v‖/(2π)");
        assertEquals(0, ReluPopulationLoss.kernel(u, minus), 1e-12, "opposite: never both positive");
        assertEquals(0, ReluPopulationLoss.kernel(u, new double[3]), 0, "a zero row");
        double[][] w = {{1, 2, 0}, {0, -1, 1}};
        assertEquals(0, ReluPopulationLoss.of(w, new double[] {0.5, -2}, w, new double[] {0.5, -2}), 1e-14,
                "a network against itself");
    }
}
