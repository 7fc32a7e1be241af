package org.relulab.training.metrics;

import org.relulab.core.Activation;

/**
 * Normalized Hermite coefficients ĥ_k = E[σ(z) He_k(z)] / √(k!) of the activations, z ~ N(0, 1), He_k the
 * probabilists' Hermite polynomials (He_0 = 1, He_1 = z, He_{k+1} = z He_k − k He_{k−1}). Then σ(z) =
 * Σ_k ĥ_k He_k(z)/√(k!), E[σ(z)²] = Σ_k ĥ_k², and for unit u, v: E[σ(uᵀx) σ'(vᵀx)] = Σ_k ĥ_k ĥ'_k (uᵀv)^k.
 *
 * <p>|z|: ĥ_0 = √(2/π), ĥ_k = 0 for odd k, and for even k ≥ 2 (integrate by parts twice, He_k φ = (−1)^k φ^(k))
 * E[|z| He_k] = 2φ(0) He_{k−2}(0) = √(2/π) (−1)^{k/2−1} (k−3)!!, so
 * ĥ_k² = 2 [(k−3)!!]² / (π k!) with (−3)!! = −1, (−1)!! = 1: LMZ20's c_k is right, for even k (it is 0 for
 * odd k). c_0 = 2/π, c_2 = 1/π, c_4 = 1/(12π), c_6 = 1/(40π); c_{k+2} = c_k (k−1)² / ((k+1)(k+2)); Σ c_k = 1.
 * ReLU(z) = z/2 + |z|/2: ĥ_1 = 1/2, ĥ_k = ĥ_k(|·|)/2 for even k, 0 for odd k ≥ 3; Σ ĥ_k² = 1/2.
 */
public final class HermiteCoefficients {
    private HermiteCoefficients() {}

    /** ĥ_0 … ĥ_maxOrder of {@code sigma} (ABS or RELU), signed. */
    public static double[] normalized(Activation sigma, int maxOrder) {
        if (maxOrder < 0) throw new IllegalArgumentException("maxOrder = " + maxOrder + ": expected at least 0");
        double scale = switch (sigma) {
            case ABS -> 1;
            case RELU -> 0.5;
            case IDENTITY -> throw new IllegalArgumentException("activation " + sigma + ": expected ABS or RELU");
        };
        double[] h = new double[maxOrder + 1];
        double even = Math.sqrt(2 / Math.PI); // ĥ_k of |z| for the current even k
        for (int k = 0; k <= maxOrder; k += 2) {
            h[k] = scale * even;
            even *= -(k - 1) / Math.sqrt((k + 1.0) * (k + 2.0)); // ĥ_{k+2} / ĥ_k
        }
        if (sigma == Activation.RELU && maxOrder >= 1) h[1] = 0.5;
        return h;
    }

    /** c_k = ĥ_k² for k = 0 … maxOrder: the weight of order k in the population loss. */
    public static double[] squared(Activation sigma, int maxOrder) {
        double[] h = normalized(sigma, maxOrder);
        for (int k = 0; k < h.length; k++) h[k] *= h[k];
        return h;
    }

    /**
     * Σ_{k > degree} ĥ_k²: the part of E[σ(z)²] above order {@code degree}, the squared distance from σ(z) to the
     * polynomials of degree ≤ {@code degree} in z. For |·|: 1 − 2/π above order 0, 1 − 3/π above order 2.
     */
    public static double tail(Activation sigma, int degree) {
        double rest = secondMoment(sigma);
        for (double h : normalized(sigma, degree)) rest -= h * h;
        return rest;
    }

    /** E[σ(z)²] = Σ_k ĥ_k²: 1 for ABS, 1/2 for RELU. */
    public static double secondMoment(Activation sigma) {
        return switch (sigma) {
            case ABS -> 1;
            case RELU -> 0.5;
            case IDENTITY -> throw new IllegalArgumentException("activation " + sigma + ": expected ABS or RELU");
        };
    }
}
