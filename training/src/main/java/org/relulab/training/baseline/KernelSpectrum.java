package org.relulab.training.baseline;

import org.relulab.core.KernelFunction;

/**
 * The eigenvalues of a dot-product kernel as an integral operator under LMZ20's inputs x ~ N(0, I_d).
 *
 * <p>Write x = r·√d·u with r = ‖x‖/√d (E[r²] = 1) and u = x/‖x‖ uniform on S^{d−1}, independent of r. The kernels
 * here, at the 1/d input scale of {@link DotProductKernel}, are homogeneous of degree one in each argument:
 * k(x, x′) = r r′ h(uᵀu′) with h(t) = {@link KernelFunction#value}(t, 1, 1). Expanding h in the Gegenbauer
 * polynomials, h(uᵀu′) = Σ_ℓ μ_ℓ Σ_j Y_ℓj(u) Y_ℓj(u′) with μ_ℓ = E[h(t) Q_ℓ(t)] ({@link SphericalHarmonics}), so the
 * kernel's eigenfunctions are r·Y_ℓj(u), exactly orthonormal under N(0, I_d) since E[r²] = 1, with eigenvalue μ_ℓ
 * of multiplicity N(d, ℓ): no large-d approximation. The eigenvalues sum to the trace E[k(x, x)] = h(1),
 * Σ_ℓ N(d, ℓ) μ_ℓ = h(1). κ₀, homogeneous of degree 0, has the eigenfunctions Y_ℓj(u) instead and is refused.
 *
 * @param eigenvalues μ_0 … μ_maxDegree
 * @param trace h(1), the sum of every eigenvalue with its multiplicity, beyond maxDegree too
 */
public record KernelSpectrum(int d, double[] eigenvalues, double trace) {
    public KernelSpectrum {
        if (d < 2) throw new IllegalArgumentException("kernel spectrum for d = " + d + " (expected d >= 2)");
        eigenvalues = eigenvalues.clone();
        double sum = 0;
        for (int l = 0; l < eigenvalues.length; l++) {
            if (!(eigenvalues[l] >= 0)) {
                throw new IllegalArgumentException("eigenvalue μ_" + l + " = " + eigenvalues[l]
                        + " (expected >= 0: a positive semi-definite kernel)");
            }
            sum += SphericalHarmonics.multiplicity(d, l) * eigenvalues[l];
        }
        if (!(trace >= sum * (1 - 1e-12))) {
            throw new IllegalArgumentException("trace " + trace + " below the sum of the eigenvalues given, " + sum
                    + " (expected the trace of every degree)");
        }
    }

    @Override
    public double[] eigenvalues() { return eigenvalues.clone(); }

    /** μ_ℓ. */
    public double eigenvalue(int degree) { return eigenvalues[degree]; }

    /** The highest degree whose eigenvalue is known. */
    public int maxDegree() { return eigenvalues.length - 1; }

    /** N(d, ℓ), the multiplicity of μ_ℓ. */
    public double multiplicity(int degree) {
        return SphericalHarmonics.multiplicity(d, degree);
    }

    /** trace − Σ_{ℓ ≤ maxDegree} N(d, ℓ) μ_ℓ: the eigenvalue mass of the degrees above maxDegree. */
    public double tailTrace() {
        double sum = 0;
        for (int l = 0; l < eigenvalues.length; l++) sum += multiplicity(l) * eigenvalues[l];
        return Math.max(0, trace - sum);
    }

    /** μ_0 … μ_maxDegree of {@code kernel} for inputs N(0, I_d), by quadrature in double. */
    public static KernelSpectrum of(DotProductKernel kernel, int d, int maxDegree) {
        KernelFunction f = kernel.function();
        if (f == KernelFunction.ARC_COSINE_0) {
            throw new IllegalArgumentException(kernel.describe()
                    + " is homogeneous of degree 0 (expected a kernel homogeneous of degree 1, as κ₁ and the NTKs)");
        }
        return new KernelSpectrum(d,
                SphericalHarmonics.gegenbauerCoefficients(d, maxDegree, t -> f.value(t, 1, 1)), f.value(1, 1, 1));
    }
}
