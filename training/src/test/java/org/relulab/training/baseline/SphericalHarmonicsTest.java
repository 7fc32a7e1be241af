package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.training.linalg.SymmetricEigen;

/** Multiplicities by brute force, and the Gegenbauer polynomials' orthogonality by quadrature and Monte Carlo. */
class SphericalHarmonicsTest {
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double[] unit(SplittableRandom rnd, int d) {
        double[] u = new double[d];
        double s = 0;
        for (int i = 0; i < d; i++) {
            u[i] = gaussian(rnd);
            s += u[i] * u[i];
        }
        for (int i = 0; i < d; i++) u[i] /= Math.sqrt(s);
        return u;
    }

    /** The exponent vectors of the monomials of degree at most {@code max} in d variables. */
    private static List<int[]> monomials(int d, int max) {
        List<int[]> out = new ArrayList<>();
        collect(new int[d], 0, max, out);
        return out;
    }

    private static void collect(int[] e, int var, int left, List<int[]> out) {
        if (var == e.length) {
            out.add(e.clone());
            return;
        }
        for (int k = 0; k <= left; k++) {
            e[var] = k;
            collect(e, var + 1, left - k, out);
        }
        e[var] = 0;
    }

    /**
     * The polynomials of degree ≤ ℓ restricted to S^{d−1} span the harmonics of degree ≤ ℓ: the numerical rank of the
     * monomials evaluated at random points of the sphere is Σ_{k ≤ ℓ} N(d, k), so N(d, ℓ) is the rank's increment.
     */
    @Test
    void multiplicityIsTheRankIncrementOfPolynomialsOnTheSphere() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int d = 2; d <= 5; d++) {
            int previous = 0;
            for (int l = 0; l <= 4; l++) {
                List<int[]> mono = monomials(d, l);
                int points = 3 * mono.size() + 10;
                double[][] a = new double[points][mono.size()];
                for (int p = 0; p < points; p++) {
                    double[] u = unit(rnd, d);
                    for (int c = 0; c < mono.size(); c++) {
                        double v = 1;
                        for (int i = 0; i < d; i++) v *= Math.pow(u[i], mono.get(c)[i]);
                        a[p][c] = v;
                    }
                }
                double[][] gram = new double[mono.size()][mono.size()];
                for (int i = 0; i < mono.size(); i++) {
                    for (int j = 0; j < mono.size(); j++) {
                        for (double[] row : a) gram[i][j] += row[i] * row[j];
                    }
                }
                double[] ev = SymmetricEigen.of(gram).values();
                double max = 0;
                for (double v : ev) max = Math.max(max, Math.abs(v));
                int rank = 0;
                for (double v : ev) if (v > 1e-10 * max) rank++;
                assertEquals(SphericalHarmonics.multiplicity(d, l), rank - previous, "N(" + d + ", " + l + ")");
                previous = rank;
            }
        }
        assertEquals(2, SphericalHarmonics.multiplicity(2, 7));
        assertEquals(2 * 9 + 1, SphericalHarmonics.multiplicity(3, 9));
        assertEquals(51_832, SphericalHarmonics.multiplicity(32, 4)); // C(35, 4) − C(33, 2)
    }

    @Test
    void gegenbauerPolynomialsAreOrthogonalWithNormOneOverMultiplicity() {
        for (int d : new int[] {3, 5, 8, 32}) {
            int max = 8;
            for (int l = 0; l <= max; l++) {
                assertEquals(1, SphericalHarmonics.gegenbauer(d, max, 1)[l], 1e-12, "Q_" + l + "(1)");
                for (int k = 0; k <= l; k++) {
                    int ll = l, kk = k;
                    double[] c = SphericalHarmonics.gegenbauerCoefficients(d, max,
                            t -> SphericalHarmonics.gegenbauer(d, max, t)[kk]);
                    double expected = l == k ? 1 / SphericalHarmonics.multiplicity(d, l) : 0;
                    assertEquals(expected, c[ll], 1e-13 + 1e-10 * expected, "E[Q_" + l + " Q_" + k + "], d = " + d);
                }
            }
        }
        // Legendre for d = 3
        assertEquals((3 * 0.3 * 0.3 - 1) / 2, SphericalHarmonics.gegenbauer(3, 2, 0.3)[2], 1e-15);
    }

    /** E[Q_ℓ(uᵀv)²] = 1/N(d, ℓ) for random unit pairs: the quadrature's measure is the sphere's. */
    @Test
    void quadratureMatchesMonteCarloOverRandomPairs() {
        int d = 5, samples = 400_000, max = 3;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] sum = new double[max + 1], sumSq = new double[max + 1];
        for (int s = 0; s < samples; s++) {
            double[] u = unit(rnd, d), v = unit(rnd, d);
            double t = 0;
            for (int i = 0; i < d; i++) t += u[i] * v[i];
            double[] q = SphericalHarmonics.gegenbauer(d, max, t);
            for (int l = 0; l <= max; l++) {
                double x = q[l] * q[l] * Math.abs(t); // and |t| as a weight, an even function
                sum[l] += x;
                sumSq[l] += x * x;
            }
        }
        for (int l = 0; l <= max; l++) {
            int ll = l;
            double mean = sum[l] / samples, se = Math.sqrt((sumSq[l] / samples - mean * mean) / samples);
            double quad = SphericalHarmonics.gegenbauerCoefficients(d, max,
                    t -> SphericalHarmonics.gegenbauer(d, max, t)[ll] * Math.abs(t))[ll];
            assertTrue(Math.abs(mean - quad) < 4 * se, "ℓ = " + l + ": Monte Carlo " + mean + " ± " + se + ", "
                    + "quadrature " + quad);
        }
    }
}
