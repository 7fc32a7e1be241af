package org.relulab.training.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Gauss–Legendre rules: exact for polynomials below degree 2·points, geometric for analytic integrands. */
class GaussLegendreTest {
    @Test
    void integratesPolynomialsBelowTwicePointsExactly() {
        for (int points : new int[] {1, 2, 3, 7, 20}) {
            GaussLegendre rule = GaussLegendre.on(-0.5, 2, points);
            double[] x = rule.nodes(), w = rule.weights();
            for (int k = 0; k < 2 * points; k++) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) sum += w[i] * Math.pow(x[i], k);
                double exact = (Math.pow(2, k + 1) - Math.pow(-0.5, k + 1)) / (k + 1);
                assertEquals(exact, sum, 1e-13 * Math.max(1, Math.abs(exact)), points + " points, x^" + k);
            }
            for (int i = 1; i < x.length; i++) assertEquals(true, x[i] > x[i - 1], "nodes increase");
        }
        // and not beyond: x^(2·points) is off for a 3-point rule
        GaussLegendre three = GaussLegendre.on(-1, 1, 3);
        double sum = 0;
        for (int i = 0; i < 3; i++) sum += three.weights()[i] * Math.pow(three.nodes()[i], 6);
        assertEquals(true, Math.abs(sum - 2.0 / 7) > 1e-3, "x^6 with 3 points: " + sum);
    }

    @Test
    void analyticIntegrandsConvergeToRounding() {
        GaussLegendre rule = GaussLegendre.on(0, Math.PI, 40);
        double sum = 0;
        for (int i = 0; i < 40; i++) sum += rule.weights()[i] * Math.sin(rule.nodes()[i]) * Math.exp(rule.nodes()[i]);
        assertEquals((Math.exp(Math.PI) + 1) / 2, sum, 1e-13);
    }

    @Test
    void rejectsEmptyRulesAndIntervals() {
        assertEquals("Gauss–Legendre rule of 0 points (expected >= 1)",
                assertThrows(IllegalArgumentException.class, () -> GaussLegendre.on(0, 1, 0)).getMessage());
        assertEquals("interval [1.0, 1.0] (expected finite a < b)",
                assertThrows(IllegalArgumentException.class, () -> GaussLegendre.on(1, 1, 3)).getMessage());
    }
}
