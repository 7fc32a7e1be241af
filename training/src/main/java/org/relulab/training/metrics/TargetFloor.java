package org.relulab.training.metrics;

import org.relulab.core.Activation;

/**
 * The floors of LMZ20's target f*(x) = Σ_j a_j |w*_jᵀx| (orthonormal w*_j, x ~ N(0, I)): the population loss of the
 * best predictor of degree ≤ K in x, Σ_j a_j² · Σ_{k > K} ĥ_k(|·|)² ({@link HermiteCoefficients#tail}).
 *
 * <p>Why. In coordinates z = W*x (again N(0, I)) f* = Σ_j a_j |z_j|, and |z_j| = Σ_k ĥ_k He_k(z_j)/√(k!). The
 * polynomials of degree ≤ K are spanned by the products Π_j He_{k_j}(z_j) with Σ k_j ≤ K, an orthogonal basis, and
 * f* has no mixed products: its order-k part (k ≥ 1) is Σ_j a_j ĥ_k He_k(z_j)/√(k!), of squared norm
 * ĥ_k² Σ_j a_j² since different coordinates are orthogonal. The projection keeps the orders ≤ K, so what is left is
 * Σ_{k > K} ĥ_k² Σ_j a_j² (the constant of order 0 is kept whole, so K ≥ 0 needs no special case). For a_j = 1/d
 * the floor × d is 1 − 2/π (K = 0), 1 − 3/π ≈ 0.0451 (K = 2: the plateau of LMZ20's Fig. 1), 0.0185 (K = 4) and
 * 0.0106 (K = 6).
 */
public final class TargetFloor {
    private TargetFloor() {}

    /** The population loss of the best predictor of degree ≤ {@code degree} of f* = Σ_j a_j |w*_jᵀx|. */
    public static double of(double[] a, int degree) {
        if (a == null || a.length == 0) throw new IllegalArgumentException("no teacher weights a_j: expected d >= 1");
        double sumSquares = 0;
        for (double aj : a) sumSquares += aj * aj;
        return sumSquares * HermiteCoefficients.tail(Activation.ABS, degree);
    }
}
