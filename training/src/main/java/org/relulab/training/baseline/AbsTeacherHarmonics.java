package org.relulab.training.baseline;

/**
 * LMZ20's target f*(x) = Σ_i a_i |w*_iᵀx| (orthonormal w*_i) under x ~ N(0, I_d), split over the eigenspaces of
 * {@link KernelSpectrum}: power ℓ is the squared norm of f*'s projection on the span of r·Y_ℓj(u).
 *
 * <p>f* is homogeneous of degree one: f*(x) = r·g(u) with r = ‖x‖/√d, u = x/‖x‖ and g(u) = √d Σ_i a_i |w*_iᵀu|, so
 * f* lies in the closed span of the kernel's eigenfunctions, and its power in eigenspace ℓ is E[r²]·‖g_ℓ‖² = ‖g_ℓ‖².
 * By Funk–Hecke each |w*_iᵀu| has degree-ℓ part N(d, ℓ) c_ℓ Q_ℓ(w*_iᵀu), c_ℓ = E[|t| Q_ℓ(t)] (0 for odd ℓ), and
 * E[Q_ℓ(w*_iᵀu) Q_ℓ(w*_jᵀu)] = Q_ℓ(w*_iᵀw*_j)/N(d, ℓ), so
 * <pre>
 *   power_ℓ = d·N(d, ℓ)·c_ℓ²·(Σ_i a_i² + Q_ℓ(0)·Σ_{i≠j} a_i a_j),
 *   Σ_ℓ power_ℓ = E[f*²] = Σ_i a_i² + (2/π)·Σ_{i≠j} a_i a_j.
 * </pre>
 * The constant and every radial part of f* sit in ℓ = 0 (the eigenfunction r): for equal a_i the Hermite order 2,
 * Σ_i He_2(x_i) = ‖x‖² − d, is radial, and the degree-2 harmonics hold no power at all (Q_2(0) = −1/(d − 1)).
 *
 * @param power power_0 … power_maxDegree
 * @param secondMoment E[f*²], the sum over every degree
 */
public record AbsTeacherHarmonics(int d, double[] power, double secondMoment) {
    public AbsTeacherHarmonics {
        power = power.clone();
    }

    @Override
    public double[] power() { return power.clone(); }

    /** power_ℓ. */
    public double power(int degree) { return power[degree]; }

    /** The highest degree whose power is known. */
    public int maxDegree() { return power.length - 1; }

    /** E[f*²] − Σ_{ℓ ≤ maxDegree} power_ℓ: the power of the degrees above maxDegree. */
    public double tailPower() {
        double sum = 0;
        for (double p : power) sum += p;
        return Math.max(0, secondMoment - sum);
    }

    /** The split of the target with output weights {@code a} (a_i, one per orthonormal w*_i, d of them). */
    public static AbsTeacherHarmonics of(double[] a, int maxDegree) {
        int d = a.length;
        if (d < 2) throw new IllegalArgumentException("abs teacher with d = " + d + " (expected d >= 2)");
        double sum = 0, sumSq = 0;
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(a[i]))
                throw new IllegalArgumentException("a[" + i + "] = " + a[i] + " (expected a finite value)");
            sum += a[i];
            sumSq += a[i] * a[i];
        }
        double cross = sum * sum - sumSq; // Σ_{i≠j} a_i a_j
        double[] c = SphericalHarmonics.gegenbauerCoefficients(d, maxDegree, Math::abs);
        double[] atZero = SphericalHarmonics.gegenbauer(d, maxDegree, 0);
        double[] power = new double[maxDegree + 1];
        for (int l = 0; l <= maxDegree; l++) {
            // rounding below 1e-12 of its terms is an exact 0 (ℓ = 2 with equal a_i)
            double pairs = sumSq + atZero[l] * cross;
            if (Math.abs(pairs) <= 1e-12 * (sumSq + Math.abs(atZero[l] * cross))) pairs = 0;
            power[l] = d * SphericalHarmonics.multiplicity(d, l) * c[l] * c[l] * pairs;
        }
        return new AbsTeacherHarmonics(d, power, sumSq + 2 / Math.PI * cross);
    }
}
