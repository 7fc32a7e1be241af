package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.KernelFunction;
import org.relulab.training.linalg.LinearSystem;

/** The staircase by hand, eigenlearning's κ, and eigenlearning against kernel ridge regression run in double. */
class LearningCurveTest {
    /** d = 3 (N = 1, 3, 5, 7, 9), eigenvalues out of order and a tail of trace 1.11; target power to ℓ = 4, E[f²] 1. */
    private static final KernelSpectrum SPECTRUM = new KernelSpectrum(3, new double[] {1, 0.1, 0.5, 0, 0.01}, 5);
    private static final AbsTeacherHarmonics TARGET = new AbsTeacherHarmonics(3,
            new double[] {0.5, 0.2, 0.1, 0.05, 0.03}, 1);

    @Test
    void theStaircaseBuysWholeEigenspacesByDecreasingEigenvalue() {
        // order: ℓ = 0 (1 dimension), 2 (5, 6 in all), 1 (3, 9 in all), 4 (9, 18 in all); ℓ = 3 has μ = 0
        LearningCurve.Staircase s = LearningCurve.staircase(SPECTRUM, TARGET, 9);
        assertArrayEquals(new int[] {0, 2, 1}, s.learnedDegrees());
        assertEquals(9, s.dimensions());
        assertEquals(1 - 0.5 - 0.1 - 0.2, s.loss(), 1e-15);
        assertArrayEquals(new int[] {0, 2}, LearningCurve.staircase(SPECTRUM, TARGET, 8).learnedDegrees());
        assertEquals(1 - 0.5 - 0.1 - 0.2 - 0.03, LearningCurve.staircase(SPECTRUM, TARGET, 18).loss(), 1e-15);
        assertArrayEquals(new int[] {0}, LearningCurve.staircase(SPECTRUM, TARGET, 5).learnedDegrees());
    }

    @Test
    void ridgelessKappaSolvesTheDegreesOfFreedomEquation() {
        for (double n : new double[] {2, 9, 17.5, 100}) {
            double k = LearningCurve.ridgelessKappa(SPECTRUM, n);
            assertEquals(n, LearningCurve.degreesOfFreedom(SPECTRUM, k), 1e-9 * n, "n = " + n);
            LearningCurve.Eigenlearning e = LearningCurve.eigenlearningAt(SPECTRUM, TARGET, n, k);
            assertEquals(0, e.lambda());
            LearningCurve.Eigenlearning best = LearningCurve.eigenlearning(SPECTRUM, TARGET, n);
            assertTrue(best.loss() <= e.loss() * (1 + 1e-12), "the best ridge is no worse than none, n = " + n);
            assertTrue(best.kappa() >= k * (1 - 1e-9));
        }
    }

    /**
     * Ridgeless kernel ridge regression with κ₁ (the double-precision KernelFunction) on LMZ20's target, d = 6,
     * n = 300, averaged over 4 draws, against the eigenlearning estimate at κ₀: within 10 % (eigenlearning is
     * asymptotic; here 0.01018 measured against 0.01007 predicted, loss × d).
     */
    @Test
    void eigenlearningPredictsKernelRidgeRegression() {
        int d = 6, n = 300, testN = 3000, draws = 4;
        double[] a = new double[d];
        Arrays.fill(a, 1.0 / d);
        KernelFunction f = KernelFunction.ARC_COSINE_1;
        double measured = 0;
        for (int seed = 1; seed <= draws; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[][] x = gaussians(rnd, n, d), test = gaussians(rnd, testN, d);
            double[][] k = new double[n][n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = target(a, x[i]);
                for (int j = 0; j < n; j++) k[i][j] = kernel(f, x[i], x[j]);
                k[i][i] += 1e-10; // ridgeless, but solvable
            }
            double[] alpha = LinearSystem.solve(k, y);
            double sum = 0;
            for (double[] t : test) {
                double p = 0;
                for (int j = 0; j < n; j++) p += kernel(f, t, x[j]) * alpha[j];
                sum += (p - target(a, t)) * (p - target(a, t));
            }
            measured += sum / testN / draws;
        }
        int degrees = LearningCurve.maxDegree(d, n);
        KernelSpectrum s = KernelSpectrum.of(new ArcCosineKernel(1), d, degrees);
        AbsTeacherHarmonics t = AbsTeacherHarmonics.of(a, degrees);
        double predicted = LearningCurve.eigenlearningAt(s, t, n, LearningCurve.ridgelessKappa(s, n)).loss();
        assertEquals(measured, predicted, 0.1 * measured, "test loss x d: measured " + measured * d + ", predicted "
                + predicted * d);
        // the staircase learns ℓ = 0, 1, 2, 4 (1 + 6 + 20 + 105 = 132 dimensions), not ℓ = 6 (336 more)
        assertArrayEquals(new int[] {0, 1, 2, 4}, LearningCurve.staircase(s, t, n).learnedDegrees());
    }

    private static double[][] gaussians(SplittableRandom rnd, int rows, int d) {
        double[][] x = new double[rows][d];
        for (double[] row : x) for (int i = 0; i < d; i++) row[i] = SphericalHarmonicsTest.gaussian(rnd);
        return x;
    }

    private static double target(double[] a, double[] x) {
        double f = 0;
        for (int i = 0; i < a.length; i++) f += a[i] * Math.abs(x[i]);
        return f;
    }

    private static double kernel(KernelFunction f, double[] x, double[] y) {
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < x.length; i++) {
            xx += x[i] * x[i];
            yy += y[i] * y[i];
            xy += x[i] * y[i];
        }
        return f.value(xy / x.length, xx / x.length, yy / x.length);
    }
}
