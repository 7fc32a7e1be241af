package org.relulab.training.baseline;

import java.util.function.DoubleUnaryOperator;
import org.relulab.training.linalg.GaussLegendre;

/**
 * The harmonic analysis that diagonalizes dot-product kernels on the sphere S^{d−1}: the space of degree-ℓ
 * spherical harmonics has dimension {@link #multiplicity N(d, ℓ)}, and its reproducing kernel is
 * Σ_j Y_ℓj(u) Y_ℓj(v) = N(d, ℓ)·Q_ℓ(uᵀv) for an orthonormal basis Y_ℓj of L²(uniform on S^{d−1}), with Q_ℓ the
 * Gegenbauer polynomial normalized to Q_ℓ(1) = 1 ({@link #gegenbauer}). So E[Q_ℓ(t) Q_k(t)] = δ_ℓk / N(d, ℓ) over
 * t = uᵀv, u and v independent and uniform, whose density is ∝ (1 − t²)^{(d−3)/2}; and
 * Funk–Hecke: a zonal function F(uᵀe) has degree-ℓ part N(d, ℓ)·E[F(t) Q_ℓ(t)]·Q_ℓ(uᵀe)
 * ({@link #gegenbauerCoefficients}).
 */
public final class SphericalHarmonics {
    private SphericalHarmonics() {}

    /** Quadrature points in θ ∈ [0, π/2] for {@link #gegenbauerCoefficients}. */
    static final int QUADRATURE_POINTS = 240;

    /**
     * N(d, ℓ) = (2ℓ + d − 2)/ℓ · C(ℓ + d − 3, ℓ − 1) for ℓ ≥ 1, N(d, 0) = 1: the dimension of the degree-ℓ spherical
     * harmonics in d variables (homogeneous harmonic polynomials of degree ℓ), as a double (it passes 2⁶³ soon).
     */
    public static double multiplicity(int d, int degree) {
        if (d < 2) throw new IllegalArgumentException("spherical harmonics in d = " + d + " (expected d >= 2)");
        if (degree < 0) throw new IllegalArgumentException("degree " + degree + " (expected >= 0)");
        if (degree == 0) return 1;
        double binomial = 1; // C(ℓ + d − 3, ℓ − 1) = Π_{i=1}^{ℓ−1} (d − 2 + i)/i
        for (int i = 1; i < degree; i++) binomial *= (d - 2.0 + i) / i;
        return Math.rint((2.0 * degree + d - 2) / degree * binomial);
    }

    /**
     * Q_0(t) … Q_maxDegree(t): Q_0 = 1, Q_1 = t, Q_{ℓ+1} = ((2ℓ + d − 2) t Q_ℓ − ℓ Q_{ℓ−1}) / (ℓ + d − 2), the
     * Gegenbauer polynomials C_ℓ^{(d−2)/2} normalized to Q_ℓ(1) = 1 (Legendre's P_ℓ for d = 3).
     */
    public static double[] gegenbauer(int d, int maxDegree, double t) {
        if (d < 2) throw new IllegalArgumentException("Gegenbauer polynomials for d = " + d + " (expected d >= 2)");
        if (maxDegree < 0) throw new IllegalArgumentException("max degree " + maxDegree + " (expected >= 0)");
        double[] q = new double[maxDegree + 1];
        q[0] = 1;
        if (maxDegree >= 1) q[1] = t;
        for (int l = 1; l < maxDegree; l++) q[l + 1] = ((2.0 * l + d - 2) * t * q[l] - l * q[l - 1]) / (l + d - 2.0);
        return q;
    }

    /**
     * E[F(t) Q_ℓ(t)] for ℓ = 0 … maxDegree, t = uᵀv for u and v independent and uniform on S^{d−1} (density
     * ∝ (1 − t²)^{(d−3)/2}): the Funk–Hecke coefficients of F. F·Q_ℓ averages to that of F's part of ℓ's parity times
     * Q_ℓ, an even function, so the average is taken over t = cos θ, θ ∈ [0, π/2], by Gauss–Legendre with the weight
     * sin^{d−2} θ normalized to 1: exact for polynomials in cos θ of degree below 2·{@value #QUADRATURE_POINTS} − d,
     * geometric convergence for F's parts analytic in θ there (the kernels here are, and |t| is on this half). A
     * coefficient below 10⁻¹² of the average of |F's part · Q_ℓ| is rounding (an odd part that is 0 in exact
     * arithmetic) and is returned as 0.
     */
    public static double[] gegenbauerCoefficients(int d, int maxDegree, DoubleUnaryOperator f) {
        if (d < 2) throw new IllegalArgumentException("averages over S^{d-1} for d = " + d + " (expected d >= 2)");
        if (maxDegree < 0) throw new IllegalArgumentException("max degree " + maxDegree + " (expected >= 0)");
        GaussLegendre rule = rule();
        double[] theta = rule.nodes(), w = rule.weights();
        double[] sum = new double[maxDegree + 1], scale = new double[maxDegree + 1];
        double mass = 0;
        for (int i = 0; i < theta.length; i++) {
            double weight = w[i] * Math.pow(Math.sin(theta[i]), d - 2), t = Math.cos(theta[i]);
            double plus = f.applyAsDouble(t), minus = f.applyAsDouble(-t);
            double[] parts = {(plus + minus) / 2, (plus - minus) / 2}; // even, odd
            double[] q = gegenbauer(d, maxDegree, t);
            for (int l = 0; l <= maxDegree; l++) {
                double term = weight * parts[l % 2] * q[l];
                sum[l] += term;
                scale[l] += Math.abs(term);
            }
            mass += weight;
        }
        for (int l = 0; l <= maxDegree; l++) sum[l] = Math.abs(sum[l]) <= 1e-12 * scale[l] ? 0 : sum[l] / mass;
        return sum;
    }

    private static GaussLegendre rule() {
        return Rule.HALF_RANGE;
    }

    /** Computed once, on first use. */
    private static final class Rule {
        static final GaussLegendre HALF_RANGE = GaussLegendre.on(0, Math.PI / 2, QUADRATURE_POINTS);
    }
}
