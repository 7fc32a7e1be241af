package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.linalg.LinearSystem;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * {@link TangentRidge}, {@link FeatureRidge}: the exact step θ − θ₀ is the ridge optimum (JᵀJ + nλI)⁻¹Jᵀ(y − F(θ₀))
 * solved in double from the brute-force Jacobian, in the primal (p ≤ n/2) and in the dual; primal and dual give the
 * same held-out scores, λ and test error.
 */
class TangentRidgeTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = Kernels.create(); }

    @AfterAll
    static void close() { kernels.close(); }

    /** 2-layer, m = 6, every layer: p = 36; n = 200 solves in the primal, n = 50 in the dual. */
    @ParameterizedTest
    @CsvSource({"200, true", "50, false"})
    void theStepIsTheRidgeOptimum(int n, boolean primal) {
        int d = 4, m = 6;
        double lambda = 1e-3;
        try (Workspace ws = Workspace.shared()) {
            ReluNetworkStudent net = ReluNetworkStudent.twoLayer(ws, d, m, TrainedLayers.ALL);
            net.initialize(kernels, 3, 1);
            Dataset train = data(ws, n, 10), test = data(ws, 30, 20);
            TangentRidge.Fit fit = TangentRidge.fit(kernels, net, TrainedLayers.ALL, train, test,
                    new KernelRidge.Options(new double[] {lambda}, 0.2));
            assertEquals(primal, fit.primal());
            double[][] j = TangentFeaturesTest.finiteDifferences(net, train.x());
            int p = j[0].length;
            double[][] a = new double[p][p];
            double[] b = new double[p];
            for (int i = 0; i < n; i++) {
                double r = train.y().get(i, 0) - TangentFeaturesTest.forward(net, train.x(), i);
                for (int q = 0; q < p; q++) {
                    b[q] += j[i][q] * r;
                    for (int s = 0; s < p; s++) a[q][s] += j[i][q] * j[i][s];
                }
            }
            for (int q = 0; q < p; q++) a[q][q] += n * lambda;
            double[] want = LinearSystem.solve(a, b);
            double norm = 0;
            for (double v : want) norm = Math.max(norm, Math.abs(v));
            for (int q = 0; q < p; q++) assertEquals(want[q], fit.step()[q], 2e-3 * norm, "θ − θ₀ at " + q);
            // the refit's training MSE is that of the optimum
            double mse = 0;
            for (int i = 0; i < n; i++) {
                double f = TangentFeaturesTest.forward(net, train.x(), i);
                for (int q = 0; q < p; q++) f += j[i][q] * want[q];
                mse += Math.pow(f - train.y().get(i, 0), 2) / n;
            }
            assertEquals(mse, fit.result().trainMse(), 1e-3 * mse + 1e-6);
        }
    }

    /**
     * The primal and the dual of one problem: the same λ chosen, the same test MSE, and the same held-out MSE at each
     * λ ≥ 10⁻⁵ (below, the primal's ΦᵀΦ formed in float, whose condition number is the square of Φ's, moves it by up
     * to about 1 %).
     */
    @Test
    void primalAndDualAgree() {
        int d = 4, n = 300;
        try (Workspace ws = Workspace.shared()) {
            ReluNetworkStudent net = ReluNetworkStudent.threeLayer(ws, d, 8, 8, TrainedLayers.LAST);
            net.initialize(kernels, 4, 1);
            Dataset train = data(ws, n, 30), test = data(ws, 100, 40);
            TangentFeatures f = new TangentFeatures(net, TrainedLayers.LAST);
            KernelRidge.Options options = TangentRidge.options();
            KernelRidge.Result p = FeatureRidge.fit(kernels, f, train, test, options),
                    q = KernelRidge.fit(kernels, new TangentKernel(f), train, test, options);
            assertEquals(q.lambda(), p.lambda(), p.summary() + "\n" + q.summary());
            assertEquals(q.testMse(), p.testMse(), 1e-3 * q.testMse());
            int solved = 0;
            for (int i = 0; i < Math.min(p.sweep().size(), q.sweep().size()); i++) {
                if (!p.sweep().get(i).solved() || !q.sweep().get(i).solved() || p.sweep().get(i).lambda() < 1e-5) {
                    continue;
                }
                solved++;
                assertEquals(q.sweep().get(i).validationMse(), p.sweep().get(i).validationMse(),
                        1e-3 * q.sweep().get(i).validationMse(), "λ = " + q.sweep().get(i).lambda());
            }
            assertTrue(solved == 6, "λ = 1 … 1e-5 solved in both: " + p.sweep() + "\n" + q.sweep());
        }
    }

    /** n points on the unit sphere of ℝ^d with labels sin(3x₁) + x₂x₃. */
    private static Dataset data(Workspace ws, int n, long seed) {
        Matrix x = ws.matrix(n, 4), y = ws.column(n);
        kernels.gaussianFill(x, seed, 0f, 1f);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < 4; j++) norm += x.get(i, j) * x.get(i, j);
            for (int j = 0; j < 4; j++) x.set(i, j, (float) (x.get(i, j) / Math.sqrt(norm)));
            y.set(i, 0, (float) (Math.sin(3 * x.get(i, 0)) + x.get(i, 1) * x.get(i, 2)));
        }
        return new Dataset(x, y);
    }
}
