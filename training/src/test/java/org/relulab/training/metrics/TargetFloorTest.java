package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.training.linalg.LinearSystem;
import org.relulab.training.linalg.Orthogonal;

/** The target's degree floors against a least-squares polynomial fit by Monte Carlo, and their closed values. */
class TargetFloorTest {

    @Test
    void uniformWeightsGiveTheKnownFloorsTimesD() {
        int d = 16;
        double[] a = new double[d];
        Arrays.fill(a, 1.0 / d);
        assertEquals(1 - 2 / Math.PI, d * TargetFloor.of(a, 0), 1e-15);
        assertEquals(1 - 3 / Math.PI, d * TargetFloor.of(a, 2), 1e-15);
        assertEquals(1 - 3 / Math.PI - 1 / (12 * Math.PI), d * TargetFloor.of(a, 4), 1e-15);
        assertEquals(1 - 3 / Math.PI - 1 / (12 * Math.PI) - 1 / (40 * Math.PI), d * TargetFloor.of(a, 6), 1e-15);
        assertEquals(TargetFloor.of(a, 2), TargetFloor.of(a, 3), 0, "|·| has no odd orders");
    }

    @Test
    void reluTailIsAQuarterOfTheAbsTailAboveOrderOne() {
        // ReLU = z/2 + |z|/2: E[ReLU²] = 1/2, ĥ_0² = 1/(2π), ĥ_1² = 1/4, then a quarter of |·|'s even terms.
        assertEquals(HermiteCoefficients.tail(Activation.ABS, 4) / 4, HermiteCoefficients.tail(Activation.RELU, 4),
                1e-15);
        assertEquals(0.5 - 1 / (2 * Math.PI), HermiteCoefficients.tail(Activation.RELU, 0), 1e-15);
        assertEquals(0.5 - 1 / (2 * Math.PI) - 0.25, HermiteCoefficients.tail(Activation.RELU, 1), 1e-15);
    }

    /**
     * The loss of the least-squares fit of f* = Σ a_j |w*_jᵀx| by every monomial of degree ≤ K in x (random
     * orthogonal W*, spread a_j, d = 3), on fresh samples: the floor, within 4 standard errors.
     */
    @Test
    void floorIsTheLossOfTheBestPolynomialFit() {
        int d = 3;
        double[][] w = Orthogonal.columns(d, d, 11);
        double[] a = {0.2, 0.5, 0.3};
        for (int degree : new int[] {0, 2, 4}) {
            List<int[]> monomials = monomials(d, degree);
            int p = monomials.size(), fitN = 200_000, testN = 200_000;
            SplittableRandom rnd = new SplittableRandom(5 + degree);
            double[][] gram = new double[p][p];
            double[] rhs = new double[p];
            double[] x = new double[d], phi = new double[p];
            for (int s = 0; s < fitN; s++) {
                double y = draw(rnd, w, a, x);
                features(x, monomials, phi);
                for (int i = 0; i < p; i++) {
                    rhs[i] += phi[i] * y;
                    for (int j = 0; j < p; j++) gram[i][j] += phi[i] * phi[j];
                }
            }
            double[] beta = LinearSystem.solve(gram, rhs);
            double sum = 0, sumSq = 0;
            for (int s = 0; s < testN; s++) {
                double y = draw(rnd, w, a, x);
                features(x, monomials, phi);
                double f = 0;
                for (int i = 0; i < p; i++) f += beta[i] * phi[i];
                double e = (f - y) * (f - y);
                sum += e;
                sumSq += e * e;
            }
            double mean = sum / testN, se = Math.sqrt((sumSq / testN - mean * mean) / testN);
            double floor = TargetFloor.of(a, degree);
            assertEquals(floor, mean, 4 * se + 2.0 * p / fitN * floor, "degree " + degree + ": " + p + " monomials");
        }
    }

    @Test
    void noWeightsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TargetFloor.of(new double[0], 2));
    }

    /** Fills x ~ N(0, I) and returns f*(x) for the orthonormal columns of w (as teacher rows) and a. */
    private static double draw(SplittableRandom rnd, double[][] w, double[] a, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] = MonteCarlo.gaussian(rnd);
        double y = 0;
        for (int j = 0; j < a.length; j++) {
            double z = 0;
            for (int i = 0; i < x.length; i++) z += w[i][j] * x[i];
            y += a[j] * Math.abs(z);
        }
        return y;
    }

    /** The exponent vectors of the monomials of degree ≤ {@code degree} in d variables. */
    private static List<int[]> monomials(int d, int degree) {
        List<int[]> out = new ArrayList<>();
        collect(new int[d], 0, degree, out);
        return out;
    }

    private static void collect(int[] powers, int at, int left, List<int[]> out) {
        if (at == powers.length) {
            out.add(powers.clone());
            return;
        }
        for (int k = 0; k <= left; k++) {
            powers[at] = k;
            collect(powers, at + 1, left - k, out);
        }
        powers[at] = 0;
    }

    private static void features(double[] x, List<int[]> monomials, double[] phi) {
        for (int i = 0; i < phi.length; i++) {
            double v = 1;
            int[] powers = monomials.get(i);
            for (int j = 0; j < x.length; j++) for (int k = 0; k < powers[j]; k++) v *= x[j];
            phi[i] = v;
        }
    }
}
