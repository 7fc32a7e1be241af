package org.relulab.training.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.linalg.SymmetricEigen;
import org.relulab.training.metrics.DoubleRows;
import org.relulab.training.metrics.ParameterRecovery;
import org.relulab.training.teacher.ReluTeacher;

/**
 * {@link TensorInitialization}: exact from the population moments (closed forms of ZYWG19/Zhong et al.), each
 * moment estimator converging to its closed form, and the whole estimate landing near W* from samples.
 */
class TensorInitializationTest {
    private static final TensorInitialization.LowOrder NONE = new TensorInitialization.LowOrder(0, null, null);

    /** P₂ = Σ_j m₂ ‖w_j‖ w̄_j w̄_jᵀ. */
    static double[][] p2(double[][] w) {
        int d = w[0].length;
        double[][] p = new double[d][d];
        for (double[] wj : w) {
            double norm = norm(wj);
            for (int i = 0; i < d; i++)
                for (int l = 0; l < d; l++) p[i][l] += TensorInitialization.M2 * wj[i] * wj[l] / norm;
        }
        return p;
    }

    /** M₁ = Σ_j m₁ ‖w_j‖ w̄_j. */
    static double[] m1(double[][] w) {
        double[] m = new double[w[0].length];
        for (double[] wj : w) for (int i = 0; i < m.length; i++) m[i] += TensorInitialization.M1 * wj[i];
        return m;
    }

    /** M₄(V, V, V, Vβ) = Σ_j m₄ ‖w_j‖ (βᵀu_j) u_j^{⊗3}, u_j = Vᵀw̄_j. */
    static double[][][] r3(double[][] w, double[][] v, double[] beta) {
        int k = beta.length, d = w[0].length;
        double[][][] t = new double[k][k][k];
        for (double[] wj : w) {
            double norm = norm(wj), along = 0;
            double[] u = new double[k];
            for (int p = 0; p < k; p++) for (int i = 0; i < d; i++) u[p] += v[i][p] * wj[i] / norm;
            for (int p = 0; p < k; p++) along += beta[p] * u[p];
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++)
                    for (int r = 0; r < k; r++)
                        t[p][q][r] += TensorInitialization.M4 * norm * along * u[p] * u[q] * u[r];
            }
        }
        return t;
    }

    @Test
    void recoversTheTeacherExactlyFromPopulationMoments() {
        try (Workspace ws = Workspace.shared()) {
            for (int[] dk : new int[][] {{1, 1}, {3, 2}, {10, 3}, {17, 5}, {100, 10}}) {
                for (double kappa : new double[] {1, 2, 10}) {
                    double[][] w = DoubleRows.of(new ReluTeacher(ws, dk[0], dk[1], kappa, 0, 11).weights());
                    double[][] est = TensorInitialization.recover(p2(w), (v, beta) -> r3(w, v, beta), m1(w), dk[1], 3);
                    double err = ParameterRecovery.relativeError(est, w);
                    assertTrue(err < 1e-9, "d=" + dk[0] + " K=" + dk[1] + " κ=" + kappa + ": relative error " + err);
                }
            }
        }
    }

    @Test
    void momentEstimatesConvergeToTheirClosedForms() {
        int n = 300_000, d = 10, k = 3;
        try (Workspace ws = Workspace.shared(); Kernels kernels = Kernels.create(Provider.lookup(), 1)) {
            ReluTeacher teacher = new ReluTeacher(ws, d, k, 2, 0, 11);
            double[][] w = DoubleRows.of(teacher.weights());
            Dataset data = Dataset.generate(ws, kernels, teacher, n, 12);
            double[][] p2 = p2(w);
            double[][] v = new double[d][k];
            SymmetricEigen e = SymmetricEigen.of(p2);
            for (int i = 0; i < d; i++) for (int j = 0; j < k; j++) v[i][j] = e.vectors()[i][j];
            double[] beta = {0.6, 0.8, 0};
            // Plain estimates (no control variate). Their largest deviations over all entries at this n were
            // 0.023 (P₂), 0.009 (M₁) and 0.045 (R₃), i.e. per-entry standard errors of about 0.008, 0.004 and
            // 0.015; the tolerances are ~5 of those. The entries themselves are up to 0.44, 1.2 and 0.40.
            assertClose(p2, TensorInitialization.secondMoment(data.x(), data.y(), 0, n, NONE), 0.04, "P2");
            assertClose(new double[][] {m1(w)},
                    new double[][] {TensorInitialization.firstMoment(data.x(), data.y(), 0, n, NONE)}, 0.02, "M1");
            double[][][] exact = r3(w, v, beta);
            double[][][] est = TensorInitialization.fourthMomentSlice(data.x(), data.y(), 0, n, v, beta, NONE);
            for (int p = 0; p < k; p++) assertClose(exact[p], est[p], 0.08, "R3[" + p + "]");
            // With the exact low-order part of y subtracted (the control variate), the same estimates stay
            // unbiased and tighten ~4x: largest deviations 0.005, 0.006 and 0.009; tolerances ~2x those.
            double mean = 0;
            for (double[] wj : w) mean += norm(wj) / Math.sqrt(2 * Math.PI); // E[ReLU(wᵀx)] = ‖w‖/√(2π)
            var low1 = new TensorInitialization.LowOrder(mean, m1(w), null);
            var low2 = new TensorInitialization.LowOrder(mean, null, p2);
            var low12 = new TensorInitialization.LowOrder(mean, m1(w), p2);
            assertClose(p2, TensorInitialization.secondMoment(data.x(), data.y(), 0, n, low1), 0.01,
                    "P2 (control variate)");
            assertClose(new double[][] {m1(w)},
                    new double[][] {TensorInitialization.firstMoment(data.x(), data.y(), 0, n, low2)}, 0.01,
                    "M1 (control variate)");
            est = TensorInitialization.fourthMomentSlice(data.x(), data.y(), 0, n, v, beta, low12);
            for (int p = 0; p < k; p++) assertClose(exact[p], est[p], 0.02, "R3[" + p + "] (control variate)");
        }
    }

    @Test
    void landsNearTheTeacherFromSamples() {
        try (Workspace ws = Workspace.shared(); Kernels kernels = Kernels.create(Provider.lookup(), 1)) {
            ReluTeacher teacher = new ReluTeacher(ws, 10, 3, 2, 0.5, 21);
            double[][] w = DoubleRows.of(teacher.weights());
            Dataset data = Dataset.generate(ws, kernels, teacher, 300_000, 22);
            TwoLayerStudent s = new TwoLayerStudent(ws, 3, 10, Activation.RELU, OutputLayer.ONES);
            TensorInitialization.apply(s, data.x(), data.y(), 23);
            double tensor = ParameterRecovery.relativeError(DoubleRows.of(s.w), w);
            Initialization.GAUSSIAN.apply(kernels, s, 1, 23);
            double random = ParameterRecovery.relativeError(DoubleRows.of(s.w), w);
            // measured: ~0.03 for the tensor init (3 seeds), ~1 for a Gaussian one
            assertTrue(tensor < 0.1, "tensor init relative error " + tensor);
            assertTrue(random > 0.5, "a random init is far from W*: " + random);
        }
    }

    @Test
    void sameSeedSameEstimateAndBadInputIsRefused() {
        try (Workspace ws = Workspace.shared(); Kernels kernels = Kernels.create(Provider.lookup(), 1)) {
            ReluTeacher teacher = new ReluTeacher(ws, 6, 2, 2, 0, 1);
            Dataset data = Dataset.generate(ws, kernels, teacher, 3000, 2);
            double[][] a = TensorInitialization.estimate(data.x(), data.y(), 2, 5),
                    b = TensorInitialization.estimate(data.x(), data.y(), 2, 5);
            for (int j = 0; j < 2; j++) assertArrayEquals(a[j], b[j]);
            assertEquals("tensor init: K = 7 neurons, expected 1 to d = 6",
                    assertThrows(IllegalArgumentException.class,
                            () -> TensorInitialization.estimate(data.x(), data.y(), 7, 5)).getMessage());
            assertEquals("tensor init: n = 2 samples, expected at least 3 (three moment estimates)",
                    assertThrows(IllegalArgumentException.class,
                            () -> TensorInitialization.estimate(data.x().rows(0, 2), data.y().rows(0, 2), 2, 5))
                            .getMessage());
            TwoLayerStudent abs = new TwoLayerStudent(ws, 2, 6, Activation.ABS, OutputLayer.ONES);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> TensorInitialization.apply(abs, data.x(), data.y(), 5))
                    .getMessage().startsWith("tensor init is for a ReLU student with output weights fixed to 1"));
        }
    }

    private static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + "[" + i + "][" + j + "]");
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }
}
