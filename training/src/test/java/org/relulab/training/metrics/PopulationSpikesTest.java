package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.teacher.EquiangularDirections;

/**
 * {@link PopulationSpikes}: at λ = 0 the teacher itself; at λ > 0 a local minimum of the population objective
 * G = ½E[(f − f°)²] + λ Σ‖v_j‖ (no coordinate step lowers it) whose spikes satisfy σ_j J'(θ_j) = −λ.
 */
class PopulationSpikesTest {
    private static double[][] teacher(double rho) {
        return new EquiangularDirections(4, rho).from(Orthogonal.columns(7, 4, 3));
    }

    private static final double[] A = {1, -1, 1.5, -0.5};

    private static double objective(double[][] v, double[] signs, double[][] w, double lambda) {
        double norms = 0;
        for (double[] row : v) norms += Math.sqrt(DoubleRows.dot(row, row));
        return ReluPopulationLoss.of(v, signs, w, A) / 2 + lambda * norms;
    }

    @Test
    void withoutTheRegularizerTheSpikesAreTheTeacher() {
        double[][] w = teacher(0.3);
        PopulationSpikes p = PopulationSpikes.of(w, A, 0);
        for (int j = 0; j < 4; j++) {
            assertEquals(A[j], p.mass(j), 1e-12, "mass " + j);
            assertEquals(0, p.angleDegrees(j, w[j]), 1e-5, "angle " + j);
        }
        assertEquals(0, p.populationLoss(w, A), 1e-14);
    }

    @Test
    void withTheRegularizerTheSpikesMinimizeTheObjectiveAndAreStationary() {
        for (double rho : new double[] {0, 0.5}) {
            double[][] w = teacher(rho);
            double lambda = 0.02;
            PopulationSpikes p = PopulationSpikes.of(w, A, lambda);
            assertTrue(p.gradient() < 1e-9, "ρ = " + rho + ": gradient " + p.gradient());
            double at = objective(p.spikes(), p.signs(), w, lambda);
            for (int j = 0; j < 4; j++) {
                double[] theta = DoubleRows.scaled(p.spikes()[j], 1 / Math.abs(p.mass(j)));
                assertEquals(-lambda, p.signs()[j] * p.firstVariation(theta, w, A), 1e-9, "σ_j J'(θ_j), j = " + j);
                for (int i = 0; i < 7; i++) {
                    for (double h : new double[] {1e-4, -1e-4}) {
                        double[][] v = new double[4][];
                        for (int l = 0; l < 4; l++) v[l] = p.spikes()[l].clone();
                        v[j][i] += h;
                        assertTrue(objective(v, p.signs(), w, lambda) > at - 1e-14,
                                "ρ = " + rho + ": a step " + h + " of v_" + j + "[" + i + "] lowers G");
                    }
                }
            }
            assertTrue(p.populationLoss(w, A) > 0, "λ > 0 biases the spikes");
            assertTrue(p.certificate(w, A, 50, 1) >= 1 - 1e-6, "the certificate is at least 1 at the spikes");
        }
    }
}
