package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.KernelFunction;

/** The kernels' eigenvalues against Monte Carlo of the kernel on random Gaussian pairs, and their trace. */
class KernelSpectrumTest {
    /**
     * μ_ℓ = E[k(x, x′)·r r′·Q_ℓ(cos ∠(x, x′))] over independent x, x′ ~ N(0, I_d), r = ‖x‖/√d: the projection of the
     * kernel (the double-precision reference {@link KernelFunction#value} at the 1/d input scale) on the degree-ℓ
     * eigenfunctions r·Y_ℓj(u). {mean, standard error} for ℓ = 0 … max.
     */
    static double[][] monteCarlo(KernelFunction f, int d, int max, int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] sum = new double[max + 1], sumSq = new double[max + 1];
        double[] x = new double[d], y = new double[d];
        for (int s = 0; s < samples; s++) {
            double xx = 0, yy = 0, xy = 0;
            for (int i = 0; i < d; i++) {
                x[i] = SphericalHarmonicsTest.gaussian(rnd);
                y[i] = SphericalHarmonicsTest.gaussian(rnd);
                xx += x[i] * x[i];
                yy += y[i] * y[i];
                xy += x[i] * y[i];
            }
            double k = f.value(xy / d, xx / d, yy / d), rr = Math.sqrt(xx * yy) / d;
            double[] q = SphericalHarmonics.gegenbauer(d, max, xy / Math.sqrt(xx * yy));
            for (int l = 0; l <= max; l++) {
                double v = k * rr * q[l];
                sum[l] += v;
                sumSq[l] += v * v;
            }
        }
        double[][] out = new double[max + 1][];
        for (int l = 0; l <= max; l++) {
            double mean = sum[l] / samples;
            out[l] = new double[] {mean, Math.sqrt((sumSq[l] / samples - mean * mean) / samples)};
        }
        return out;
    }

    @Test
    void eigenvaluesMatchMonteCarloOfTheKernelOnGaussianPairs() {
        DotProductKernel[] kernels = {new NeuralTangentKernel(Activation.ABS), new ArcCosineKernel(1),
                new NeuralTangentKernel(Activation.RELU)};
        for (DotProductKernel kernel : kernels) {
            for (int[] dl : new int[][] {{4, 4}, {8, 2}}) {
                int d = dl[0], max = dl[1];
                KernelSpectrum s = KernelSpectrum.of(kernel, d, max);
                double[][] mc = monteCarlo(kernel.function(), d, max, 1_000_000, 7 + d);
                for (int l = 0; l <= max; l++) {
                    String at = kernel.describe() + ", d = " + d + ", ℓ = " + l + ": μ = " + s.eigenvalue(l)
                            + ", Monte Carlo " + mc[l][0] + " ± " + mc[l][1];
                    assertTrue(Math.abs(s.eigenvalue(l) - mc[l][0]) < 4 * mc[l][1] + 1e-12, at);
                    // a sharp check up to degree 2, where the Monte Carlo resolves the eigenvalue to 10 %
                    if (l <= 2 && s.eigenvalue(l) > 0) assertTrue(mc[l][1] < 0.1 * s.eigenvalue(l), at);
                }
            }
        }
    }

    @Test
    void theAbsKernelsHaveNoOddDegreesAndKappa1OnlyDegreeOne() {
        KernelSpectrum ntk = KernelSpectrum.of(new NeuralTangentKernel(Activation.ABS), 8, 9);
        KernelSpectrum k1 = KernelSpectrum.of(new ArcCosineKernel(1), 8, 9);
        for (int l = 1; l <= 9; l += 2) assertEquals(0, ntk.eigenvalue(l), "NTK of |·|, ℓ = " + l);
        assertEquals(1.0 / (4 * 8), k1.eigenvalue(1), 1e-15, "κ₁'s odd part t/4: μ_1 = 1/(4d)");
        for (int l = 3; l <= 9; l += 2) assertEquals(0, k1.eigenvalue(l), "κ₁, ℓ = " + l);
        for (int l = 2; l <= 8; l += 2) {
            assertTrue(k1.eigenvalue(l) > 0 && k1.eigenvalue(l) < k1.eigenvalue(l - 2), "κ₁ decreasing, ℓ = " + l);
        }
    }

    /** h(t) = Σ_ℓ N(d, ℓ) μ_ℓ Q_ℓ(t): the eigenvalues rebuild the kernel, the high degrees included. */
    @Test
    void eigenvaluesRebuildTheKernel() {
        int d = 4, max = 60;
        for (DotProductKernel kernel : new DotProductKernel[] {new NeuralTangentKernel(Activation.ABS),
                new ArcCosineKernel(1)}) {
            KernelSpectrum s = KernelSpectrum.of(kernel, d, max);
            for (double t = -0.9; t <= 0.9; t += 0.15) {
                double[] q = SphericalHarmonics.gegenbauer(d, max, t);
                double sum = 0;
                for (int l = 0; l <= max; l++) sum += s.multiplicity(l) * s.eigenvalue(l) * q[l];
                assertEquals(kernel.function().value(t, 1, 1), sum, 1e-4, kernel.describe() + " at t = " + t);
            }
        }
    }

    /** Σ_ℓ N(d, ℓ) μ_ℓ = h(1) = E[k(x, x)]: the partial sums rise to the trace. */
    @Test
    void eigenvaluesWithTheirMultiplicitiesSumToTheTrace() {
        KernelSpectrum k1 = KernelSpectrum.of(new ArcCosineKernel(1), 3, 60);
        assertEquals(0.5, k1.trace(), 1e-15); // κ₁(x, x) = ‖x‖²/(2d)
        assertTrue(k1.tailTrace() > 0 && k1.tailTrace() < 1e-5 * k1.trace(), "κ₁ tail " + k1.tailTrace());
        KernelSpectrum ntk = KernelSpectrum.of(new NeuralTangentKernel(Activation.ABS), 3, 60);
        assertEquals(2, ntk.trace(), 1e-15); // (2/π)(π/2) + (2/π)(π/2)
        assertTrue(ntk.tailTrace() > 0 && ntk.tailTrace() < 1e-2 * ntk.trace(), "NTK tail " + ntk.tailTrace());
    }

    @Test
    void refusesKappa0() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSpectrum.of(new ArcCosineKernel(0), 8, 4));
        assertEquals("arc-cosine kernel κ₀, inputs scaled by 1/d is homogeneous of degree 0 (expected a kernel "
                + "homogeneous of degree 1, as κ₁ and the NTKs)", e.getMessage());
    }
}
