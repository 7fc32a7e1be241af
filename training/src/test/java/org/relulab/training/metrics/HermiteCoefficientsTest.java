package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;

/** The Hermite coefficients of |·| and ReLU against numerical integration and LMZ20's closed form. */
class HermiteCoefficientsTest {

    /** LMZ20's c_k = 2[(k−3)!!]² / (π k!), with (−3)!! = −1 and (−1)!! = 1. */
    static double paperConstant(int k) {
        double dfact = k == 0 ? -1 : 1; // (k−3)!!
        for (int j = k - 3; j > 1; j -= 2) dfact *= j;
        double fact = 1;
        for (int j = 2; j <= k; j++) fact *= j;
        return 2 * dfact * dfact / (Math.PI * fact);
    }

    /** E[σ(z) He_k(z)] / √(k!) by composite Simpson on [−L, L] (0 is a node, so the kink of σ falls between panels). */
    static double integrated(Activation sigma, int k) {
        double limit = 12, h = 5e-4;
        int panels = (int) Math.round(2 * limit / h); // even
        double sum = 0;
        for (int s = 0; s <= panels; s++) {
            double z = -limit + s * h;
            double weight = s == 0 || s == panels ? 1 : s % 2 == 1 ? 4 : 2;
            double he0 = 1, he1 = z; // He_0, He_1, then the recurrence He_{j+1} = z He_j − j He_{j−1}
            for (int j = 1; j < k; j++) {
                double next = z * he1 - j * he0;
                he0 = he1;
                he1 = next;
            }
            double he = k == 0 ? 1 : he1;
            double act = sigma == Activation.RELU ? Math.max(z, 0) : Math.abs(z);
            sum += weight * act * he * Math.exp(-z * z / 2);
        }
        double fact = 1;
        for (int j = 2; j <= k; j++) fact *= j;
        return sum * h / 3 / Math.sqrt(2 * Math.PI) / Math.sqrt(fact);
    }

    @Test
    void absCoefficientsMatchNumericalIntegration() {
        double[] h = HermiteCoefficients.normalized(Activation.ABS, 16);
        for (int k = 0; k <= 16; k++) assertEquals(integrated(Activation.ABS, k), h[k], 1e-10, "order " + k);
    }

    @Test
    void reluCoefficientsMatchNumericalIntegration() {
        double[] h = HermiteCoefficients.normalized(Activation.RELU, 16);
        for (int k = 0; k <= 16; k++) assertEquals(integrated(Activation.RELU, k), h[k], 1e-10, "order " + k);
    }

    @Test
    void paperConstantIsTheSquaredAbsCoefficientAtEvenOrders() {
        double[] c = HermiteCoefficients.squared(Activation.ABS, 60);
        for (int k = 0; k <= 60; k += 2) assertEquals(paperConstant(k), c[k], 1e-13 * paperConstant(k), "order " + k);
        for (int k = 1; k <= 60; k += 2) assertEquals(0.0, c[k], "odd order " + k);
        assertEquals(2 / Math.PI, c[0], 1e-15);
        assertEquals(1 / Math.PI, c[2], 1e-15);
        assertEquals(1 / (12 * Math.PI), c[4], 1e-16);
        assertEquals(1 / (40 * Math.PI), c[6], 1e-16);
    }

    @Test
    void reluCoefficientsAreHalfOfAbsPlusTheLinearTerm() {
        double[] relu = HermiteCoefficients.squared(Activation.RELU, 20),
                abs = HermiteCoefficients.squared(Activation.ABS, 20);
        assertEquals(0.25, relu[1]);
        for (int k = 0; k <= 20; k++) if (k != 1) assertEquals(abs[k] / 4, relu[k], 1e-18, "order " + k);
    }

    @Test
    void squaredCoefficientsSumToTheSecondMoment() {
        // Parseval: Σ_k ĥ_k² = E[σ(z)²]; the tail after order K decays like K^(−3/2).
        for (Activation sigma : new Activation[] {Activation.ABS, Activation.RELU}) {
            double[] c = HermiteCoefficients.squared(sigma, 20000);
            double sum = 0;
            for (double v : c) sum += v;
            double tail = HermiteCoefficients.secondMoment(sigma) - sum;
            assertTrue(tail > 0 && tail < 1e-6, sigma + ": tail after order 20000 is " + tail);
        }
    }

    @Test
    void rejectsIdentity() {
        assertThrows(IllegalArgumentException.class, () -> HermiteCoefficients.normalized(Activation.IDENTITY, 4));
        assertThrows(IllegalArgumentException.class, () -> HermiteCoefficients.normalized(Activation.ABS, -1));
    }
}
