package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Workspace;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * {@link HermiteTerms}: hand-computed terms, the truncated series against the closed form with a rigorous
 * bound on the tail, and both against a Monte-Carlo estimate of E[(f_W − f*)²].
 */
class HermiteTermsTest {
    private static final Activation[] SIGMAS = {Activation.ABS, Activation.RELU};

    /**
     * A random instance: student W (m × d, rows ~ N(0, I/d)), orthogonal teacher rows, a_j in [1/2, 3/2] summing to 1.
     */
    private record Instance(double[][] w, double[][] teacher, double[] a) {
        static Instance random(int d, int m, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[][] w = new double[m][d];
            for (double[] row : w) for (int p = 0; p < d; p++) row[p] = MonteCarlo.gaussian(rnd) / Math.sqrt(d);
            double[][] teacher = Orthogonal.columns(d, d, seed + 1); // square: its rows are orthonormal too
            double[] a = new double[d];
            double sum = 0;
            for (int j = 0; j < d; j++) {
                a[j] = 0.5 + rnd.nextDouble();
                sum += a[j];
            }
            for (int j = 0; j < d; j++) a[j] /= sum;
            return new Instance(w, teacher, a);
        }

        HermiteTerms terms(Activation sigma) { return new HermiteTerms(w, sigma, teacher, a); }

        /**
         * A bound on Σ_{k>K} term_k: term_k ≤ 2 ĥ_k(σ)² A² + 2 ĥ_k(|·|)² B² with A = Σ α_i ≥ ‖S_k‖, B = Σ |a_j| ≥
         * ‖T_k‖,
         * and Σ_{k>K} ĥ_k² = E[σ²] − Σ_{k≤K} ĥ_k².
         */
        double tailBound(Activation sigma, int maxOrder) {
            double alpha = 0, beta = 0;
            for (double[] row : w) for (double v : row) alpha += v * v / w.length;
            for (double v : a) beta += Math.abs(v);
            return 2 * alpha * alpha * tail(sigma, maxOrder) + 2 * beta * beta * tail(Activation.ABS, maxOrder);
        }

        private static double tail(Activation sigma, int maxOrder) {
            double sum = 0;
            for (double c : HermiteCoefficients.squared(sigma, maxOrder)) sum += c;
            return HermiteCoefficients.secondMoment(sigma) - sum;
        }
    }

    @Test
    void oneNeuronAgainstTwoTeacherNeuronsByHand() {
        double[][] w = {{1, 0}}, teacher = {{1, 0}, {0, 1}};
        double[] a = {0.5, 0.5};
        double[] c = HermiteCoefficients.squared(Activation.ABS, 8);
        // |·|: f − f* = (|x₁| − |x₂|)/2, so term_0 = 0 and term_k = c_k ‖e₁^{⊗k}/2 − e₂^{⊗k}/2‖² = c_k/2.
        double[] abs = new HermiteTerms(w, Activation.ABS, teacher, a).terms(8);
        double[] expected = {0, 0, c[2] / 2, 0, c[4] / 2, 0, c[6] / 2, 0, c[8] / 2};
        assertArrayEquals(expected, abs, 1e-15);
        assertEquals((1 - 2 / Math.PI) / 2, new HermiteTerms(w, Activation.ABS, teacher, a).exactPopulationLoss(),
                1e-15);
        // ReLU: f − f* = x₁/2 − |x₂|/2: term_1 = 1/4 and every even term_k = c_k ‖−e₂^{⊗k}/2‖² = c_k/4.
        HermiteTerms relu = new HermiteTerms(w, Activation.RELU, teacher, a);
        double[] expectedRelu = {c[0] / 4, 0.25, c[2] / 4, 0, c[4] / 4, 0, c[6] / 4, 0, c[8] / 4};
        assertArrayEquals(expectedRelu, relu.terms(8), 1e-15);
        assertEquals(0.5, relu.exactPopulationLoss(), 1e-15);
    }

    @Test
    void zeroStudentLeavesTheTeacherNorm() {
        double[][] teacher = Orthogonal.columns(4, 4, 3);
        double[] a = {0.1, 0.2, 0.3, 0.4};
        HermiteTerms h = new HermiteTerms(new double[3][4], Activation.ABS, teacher, a);
        double[] c = HermiteCoefficients.squared(Activation.ABS, 6), t = h.terms(6);
        double sumSq = 0.01 + 0.04 + 0.09 + 0.16;
        assertEquals(c[0], t[0], 1e-15); // (Σ a_j)² = 1
        for (int k = 2; k <= 6; k += 2) assertEquals(c[k] * sumSq, t[k], 1e-15, "order " + k); // orthonormal: Σ a_j²
        assertEquals(sumSq + (2 / Math.PI) * (1 - sumSq), h.exactPopulationLoss(), 1e-15);
    }

    @Test
    void studentEqualToTheTeacherHasZeroLoss() {
        int d = 4;
        double[][] teacher = Orthogonal.columns(d, d, 8);
        double[] a = {0.1, 0.2, 0.3, 0.4};
        // |·|: w_i = √(m a_i) w*_i gives α_i = ‖w_i‖²/m = a_i.
        double[][] abs = new double[d][];
        for (int i = 0; i < d; i++) abs[i] = scaled(teacher[i], Math.sqrt(d * a[i]));
        // ReLU: pairs ±w with ReLU(z) + ReLU(−z) = |z|, m = 2d.
        double[][] relu = new double[2 * d][];
        for (int i = 0; i < d; i++) {
            relu[i] = scaled(teacher[i], Math.sqrt(2 * d * a[i]));
            relu[d + i] = scaled(teacher[i], -Math.sqrt(2 * d * a[i]));
        }
        for (HermiteTerms h : new HermiteTerms[] {
                new HermiteTerms(abs, Activation.ABS, teacher, a),
                new HermiteTerms(relu, Activation.RELU, teacher, a)}) {
            for (double t : h.terms(12)) assertEquals(0, t, 1e-14);
            assertEquals(0, h.exactPopulationLoss(), 1e-14);
        }
    }

    @Test
    void truncatedSeriesConvergesToTheClosedForm() {
        int[][] shapes = {{3, 4}, {4, 6}, {5, 8}, {3, 7}};
        for (int[] dm : shapes) {
            Instance in = Instance.random(dm[0], dm[1], 100L * dm[0] + dm[1]);
            for (Activation sigma : SIGMAS) {
                HermiteTerms h = in.terms(sigma);
                double exact = h.exactPopulationLoss();
                for (int order : new int[] {40, 400}) {
                    double series = h.populationLoss(order), bound = in.tailBound(sigma, order);
                    String what = sigma + " d=" + dm[0] + " m=" + dm[1] + " order " + order;
                    assertTrue(series <= exact + 1e-14, what + ": partial sum " + series + " above the whole " + exact);
                    assertTrue(exact - series <= bound,
                            what + ": tail " + (exact - series) + " over its bound " + bound);
                }
            }
        }
    }

    @Test
    void seriesAndClosedFormMatchMonteCarlo() {
        Instance in = Instance.random(4, 6, 2026);
        int samples = 2_000_000, order = 40;
        for (Activation sigma : SIGMAS) {
            double[] mc = MonteCarlo.loss(in.w, sigma, in.teacher, in.a, samples, 77);
            HermiteTerms h = in.terms(sigma);
            double exact = h.exactPopulationLoss(), series = h.populationLoss(order);
            assertEquals(mc[0], exact, 5 * mc[1], sigma + ": closed form vs Monte-Carlo (SE " + mc[1] + ")");
            assertEquals(mc[0], series, 5 * mc[1] + in.tailBound(sigma, order),
                    sigma + ": Hermite terms 0.." + order + " vs Monte-Carlo (SE " + mc[1] + ")");
        }
    }

    @Test
    void termsDependOnlyOnDotProducts() {
        Instance in = Instance.random(5, 7, 31);
        double[][] q = Orthogonal.columns(5, 5, 99);
        double[][] w = rotated(in.w, q), teacher = rotated(in.teacher, q);
        double[][] shuffled = {w[3], w[0], w[6], w[1], w[5], w[2], w[4]};
        for (Activation sigma : SIGMAS) {
            double[] before = in.terms(sigma).terms(10);
            double[] after = new HermiteTerms(shuffled, sigma, teacher, in.a).terms(10);
            assertArrayEquals(before, after, 1e-14);
        }
    }

    @Test
    void readsATiedStudentAndTheAbsTeacherThroughTheAdapter() {
        try (Workspace ws = Workspace.shared()) {
            TwoLayerStudent s = new TwoLayerStudent(ws, 6, 4, Activation.ABS, OutputLayer.TIED);
            SplittableRandom rnd = new SplittableRandom(4);
            for (int i = 0; i < 6; i++)
                for (int p = 0; p < 4; p++) s.w.set(i, p, (float) (MonteCarlo.gaussian(rnd) / 2));
            AbsTeacher t = new AbsTeacher(ws, 4, true, 2.0, 12);
            HermiteTerms fromModel = HermiteTerms.of(s, t);
            HermiteTerms fromArrays = new HermiteTerms(DoubleRows.of(s.w), Activation.ABS,
                    DoubleRows.of(t.weights()), DoubleRows.of(t.outputWeights())[0]);
            assertArrayEquals(fromArrays.terms(6), fromModel.terms(6));
            TwoLayerStudent ones = new TwoLayerStudent(ws, 6, 4, Activation.RELU, OutputLayer.ONES);
            assertThrows(IllegalArgumentException.class, () -> HermiteTerms.of(ones, t));
        }
    }

    @Test
    void rejectsBadArguments() {
        double[][] w = {{1, 0}}, teacher = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class,
                () -> new HermiteTerms(w, Activation.IDENTITY, teacher, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new HermiteTerms(w, Activation.ABS, teacher, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new HermiteTerms(new double[][] {{1, 0, 0}}, Activation.ABS, teacher, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> new HermiteTerms(w, Activation.ABS, teacher, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> new HermiteTerms(w, Activation.ABS, teacher, new double[2]).terms(-1));
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * s;
        return out;
    }

    /** Each row v ↦ Qv. */
    private static double[][] rotated(double[][] rows, double[][] q) {
        double[][] out = new double[rows.length][q.length];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < q.length; i++) for (int p = 0; p < q.length; p++) out[r][i] += q[i][p] * rows[r][p];
        }
        return out;
    }
}
