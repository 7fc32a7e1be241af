package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LMZ20's target split over the kernels' eigenspaces: Monte Carlo, the ℓ = 0 closed form, the sum. */
class AbsTeacherHarmonicsTest {
    private static double[] equal(int d) {
        double[] a = new double[d];
        Arrays.fill(a, 1.0 / d);
        return a;
    }

    /**
     * power_ℓ = N(d, ℓ)·E[f*(x) f*(x′) Q_ℓ(cos ∠(x, x′)) / (r r′)] over independent Gaussian x, x′ (the projection on
     * the span of r·Y_ℓj(u)), for unequal a_i, where the degree-2 harmonics hold power too.
     */
    @Test
    void powerMatchesMonteCarlo() {
        double[] a = {0.05, 0.05, 0.2, 0.7};
        int d = a.length, max = 4, samples = 1_000_000;
        AbsTeacherHarmonics t = AbsTeacherHarmonics.of(a, max);
        SplittableRandom rnd = new SplittableRandom(3);
        double[] sum = new double[max + 1], sumSq = new double[max + 1], x = new double[d], y = new double[d];
        for (int s = 0; s < samples; s++) {
            double xx = 0, yy = 0, xy = 0, fx = 0, fy = 0;
            for (int i = 0; i < d; i++) {
                x[i] = SphericalHarmonicsTest.gaussian(rnd);
                y[i] = SphericalHarmonicsTest.gaussian(rnd);
                xx += x[i] * x[i];
                yy += y[i] * y[i];
                xy += x[i] * y[i];
                fx += a[i] * Math.abs(x[i]);
                fy += a[i] * Math.abs(y[i]);
            }
            double[] q = SphericalHarmonics.gegenbauer(d, max, xy / Math.sqrt(xx * yy));
            for (int l = 0; l <= max; l++) {
                double v = SphericalHarmonics.multiplicity(d, l) * fx * fy * q[l] * d / Math.sqrt(xx * yy);
                sum[l] += v;
                sumSq[l] += v * v;
            }
        }
        for (int l = 0; l <= max; l++) {
            double mean = sum[l] / samples, se = Math.sqrt((sumSq[l] / samples - mean * mean) / samples);
            String at = "ℓ = " + l + ": power " + t.power(l) + ", Monte Carlo " + mean + " ± " + se;
            assertTrue(Math.abs(mean - t.power(l)) < 4 * se + 1e-12, at);
            if (l % 2 == 0) assertTrue(t.power(l) > 0 && (l > 2 || se < 0.1 * t.power(l)), at); // sharp to ℓ = 2
            else assertEquals(0, t.power(l), at);
        }
    }

    /**
     * ℓ = 0 is the best multiple of r = ‖x‖/√d: power_0 = E[f* r]² = (E f* / E r)² (r and u independent, E[r²] = 1),
     * with E f* = √(2/π)·Σ a_i and E r = √(2/d)·Γ((d+1)/2)/Γ(d/2).
     */
    @Test
    void degreeZeroIsTheBestMultipleOfTheRadius() {
        for (int d : new int[] {4, 8, 32}) {
            // Γ((d+1)/2)/Γ(d/2) from Γ(3/2)/Γ(1) (d = 2) or Γ(2)/Γ(3/2) (d = 3), each step of 2 in d times (k+1)/k
            double gammaRatio = d % 2 == 0 ? Math.sqrt(Math.PI) / 2 : 2 / Math.sqrt(Math.PI);
            for (int k = d % 2 == 0 ? 2 : 3; k < d; k += 2) gammaRatio *= (k + 1) / (double) k;
            double meanR = Math.sqrt(2.0 / d) * gammaRatio;
            AbsTeacherHarmonics t = AbsTeacherHarmonics.of(equal(d), 6);
            assertEquals(2 / Math.PI / (meanR * meanR), t.power(0), 1e-13, "d = " + d);
        }
    }

    /** Equal a_i: the degree-2 harmonics hold nothing (Σ_i He_2(x_i) = ‖x‖² − d is radial); powers sum to E[f*²]. */
    @Test
    void powersSumToTheSecondMomentAndDegreeTwoIsEmpty() {
        for (int d : new int[] {3, 8, 32}) {
            AbsTeacherHarmonics t = AbsTeacherHarmonics.of(equal(d), 60);
            assertEquals(1.0 / d + (1 - 1.0 / d) * 2 / Math.PI, t.secondMoment(), 1e-15);
            assertEquals(0, t.power(2), "d = " + d);
            assertTrue(t.power(4) > 0 && t.power(6) > 0, "d = " + d);
            // the tail beyond ℓ = 60 is small and positive; at d = 3 it is below 10⁻³ of the whole
            assertTrue(t.tailPower() > 0 && t.tailPower() < 1e-3 * t.secondMoment(), "d = " + d + ": " + t.tailPower());
        }
        AbsTeacherHarmonics t = AbsTeacherHarmonics.of(new double[] {0.1, 0.2, 0.3, 0.4}, 80);
        assertEquals(0.3 + 0.7 * 2 / Math.PI, t.secondMoment(), 1e-15);
        assertTrue(t.tailPower() < 1e-3 * t.secondMoment(), "unequal a: " + t.tailPower());
    }
}
