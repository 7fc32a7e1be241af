package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ReLU teacher's Fisher information in closed form against Monte Carlo, and its predictions' algebra. */
class ReluFisherTest {
    @Test
    void closedFormMatchesMonteCarloForAnglesAcute_obtuse_andParallel() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] teacher = {{1, 0.5, -0.2}, {-0.3, 1.2, 0.4}, {-1, -0.5, 0.2}, {2, 1, -0.4}}; // rows 3, 4 ∥ rows 1
        ReluFisher f = ReluFisher.of(teacher);
        int k = teacher.length, d = 3, samples = 400_000;
        double[][] mc = new double[k * d][k * d];
        double[] x = new double[d], g = new double[k * d];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < d; i++) x[i] = r.nextGaussian();
            for (int j = 0; j < k; j++) {
                double z = 0;
                for (int i = 0; i < d; i++) z += teacher[j][i] * x[i];
                for (int i = 0; i < d; i++) g[j * d + i] = z > 0 ? x[i] : 0;
            }
            for (int p = 0; p < k * d; p++) for (int q = 0; q < k * d; q++) mc[p][q] += g[p] * g[q] / samples;
        }
        for (int p = 0; p < k * d; p++) {
            for (int q = 0; q < k * d; q++) {
                // E[x_p² x_q²] ≤ 3: the Monte Carlo error's standard deviation is below √(3 / samples) ≈ 0.0027
                assertEquals(mc[p][q], f.matrix()[p][q], 0.012, "F[" + p + "][" + q + "]");
            }
        }
        assertEquals(0.5, ReluFisher.block(teacher[0], teacher[0])[1][1], 1e-15, "A(u, u) = I/2");
        assertEquals(0, ReluFisher.block(teacher[0], teacher[2])[0][0], 1e-15,
                "opposite half-spaces meet in a null set");
    }

    @Test
    void predictionsFollowFromTheSpectrum() {
        double[][] one = {{3, 4}}; // K = 1: F = I/2, whatever the direction
        ReluFisher f = ReluFisher.of(one);
        assertEquals(0.5, f.smallest(), 1e-12);
        assertEquals(0.5, f.largest(), 1e-12);
        assertEquals(4, f.traceInverse(), 1e-12);
        assertEquals(0.75, f.rate(0.5), 1e-12);
        assertEquals(0.5 * Math.sqrt(4.0 / 100) / 5, f.floor(0.5, 100, 5), 1e-15);
        double[][] two = {{1, 0}, {0, 1}};
        ReluFisher g = ReluFisher.of(two);
        assertTrue(g.smallest() > 0 && g.smallest() < g.largest(), "two orthogonal neurons couple");
    }
}
