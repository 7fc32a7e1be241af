package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.core.BadInputTest.fails;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RidgeSolver} and its blocked {@link Cholesky}: α against a plain float64 Cholesky solve of the same
 * float matrix over sizes that cross block edges, the λ sweep's reuse of a factor, non-positive-definite
 * input naming its pivot, and bad arguments.
 */
class RidgeSolverTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = TestMatrices.underTest(2); }

    @AfterAll
    static void close() { kernels.close(); }

    /** The ReLU NTK (scale 1/d) of n Gaussian points in d dimensions, n × n, both triangles filled. */
    static Matrix ntk(Workspace ws, int n, int d, long seed) {
        return ntk(kernels, ws, n, d, seed);
    }

    static Matrix ntk(Kernels kernels, Workspace ws, int n, int d, long seed) {
        Matrix x = ws.matrix(n, d), k = ws.matrix(n, n), sq = ws.vector(n);
        kernels.gaussianFill(x, seed, 0f, 1f);
        kernels.gemm(false, true, 1f, x, x, 0f, k);
        for (int i = 0; i < n; i++) sq.set(0, i, k.get(i, i));
        kernels.kernelFromGram(KernelFunction.RELU_NTK, 1f / d, k, sq, sq, k);
        return k;
    }

    /**
     * (K + nλI)⁻¹y by an unblocked Cholesky in float64 on the float entries of K's strict upper triangle and
     * the diagonal {@code diag} (the solver keeps its factor's diagonal in K's).
     */
    static double[] reference(Matrix k, double[] diag, double lambda, double[] y) {
        int n = k.rows();
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = (i == j ? diag[i] + n * lambda : k.get(j, i));
                for (int p = 0; p < j; p++) s -= l[i][p] * l[j][p];
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] w = y.clone();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < i; p++) w[i] -= l[i][p] * w[p];
            w[i] /= l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int p = i + 1; p < n; p++) w[i] -= l[p][i] * w[p];
            w[i] /= l[i][i];
        }
        return w;
    }

    static double[] diagonal(Matrix k) {
        double[] d = new double[k.rows()];
        for (int i = 0; i < d.length; i++) d[i] = k.get(i, i);
        return d;
    }

    static double[] randomY(Workspace ws, int n, Random rnd, Matrix[] out) {
        double[] y = new double[n];
        out[0] = ws.column(n);
        for (int i = 0; i < n; i++) {
            out[0].set(i, 0, (float) rnd.nextGaussian());
            y[i] = out[0].get(i, 0);
        }
        return y;
    }

    @Test
    void matchesAFloat64SolveAcrossBlockEdges() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 3, 17, 100, 257}) {
            for (int block : new int[] {16, 256}) {
                try (Workspace ws = Workspace.shared()) {
                    Matrix k = ntk(ws, n, 5, n), yv[] = new Matrix[1];
                    double[] y = randomY(ws, n, rnd, yv), diag = diagonal(k);
                    try (RidgeSolver solver = new RidgeSolver(kernels, k, block)) {
                        for (double lambda : new double[] {1e-1, 1e-3, 1e-5}) {
                            RidgeSolver.Solution s = solver.solve(lambda, yv[0]);
                            double[] want = reference(k, diag, lambda, y);
                            double err = 0, norm = 0;
                            for (int i = 0; i < n; i++) {
                                err += (s.alpha()[i] - want[i]) * (s.alpha()[i] - want[i]);
                                norm += want[i] * want[i];
                            }
                            String at = "n = " + n + ", block " + block + ", λ = " + lambda;
                            assertTrue(s.relativeResidual() <= 1.01 * RidgeSolver.TOLERANCE,
                                    at + ": residual " + s.relativeResidual());
                            // α's error is at most cond · residual; cond(K + nλI) ≤ 1 + max eigenvalue/(nλ) ≈ 1/λ here
                            assertTrue(Math.sqrt(err / norm) <= 2 * RidgeSolver.TOLERANCE / lambda,
                                    at + ": relative error "
                                            + Math.sqrt(err / norm) + " after " + s.iterations() + " iterations");
                        }
                    }
                }
            }
        }
    }

    /**
     * A factor serves λ within REFACTOR_RATIO; beyond it the solver refactors; both give the same α as fresh solvers.
     */
    @Test
    void aSweepReusesTheFactorWithinItsRatio() {
        int n = 300;
        try (Workspace ws = Workspace.shared()) {
            Matrix k = ntk(ws, n, 4, 7), yv[] = new Matrix[1];
            double[] y = randomY(ws, n, new Random(2), yv), diag = diagonal(k);
            try (RidgeSolver solver = new RidgeSolver(kernels, k, 64)) {
                RidgeSolver.Solution first = solver.solve(1e-2, yv[0]);
                assertEquals(1e-2, first.factorLambda());
                assertTrue(first.iterations() <= 3, "a fresh factor needs a few iterations: " + first.iterations());
                RidgeSolver.Solution near = solver.solve(1e-3, yv[0]);
                assertEquals(1e-2, near.factorLambda(), "within the ratio: no refactorization");
                RidgeSolver.Solution far = solver.solve(1e-5, yv[0]);
                assertEquals(1e-5, far.factorLambda(), "beyond the ratio: refactored");
                for (RidgeSolver.Solution s : new RidgeSolver.Solution[] {near, far}) {
                    double[] want = reference(k, diag, s.lambda(), y);
                    for (int i = 0; i < n; i++) {
                        assertEquals(want[i], s.alpha()[i],
                                2 * RidgeSolver.TOLERANCE / s.lambda() * norm(want) / Math.sqrt(n) * 10,
                                "λ = " + s.lambda() + " α[" + i + "]");
                    }
                }
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) s += e * e;
        return Math.sqrt(s);
    }

    @Test
    void indefiniteMatricesNameTheirPivot() {
        try (Workspace ws = Workspace.shared()) {
            Matrix k = ws.matrix(2, 2, new float[] {1, 2, 2, 1}); // eigenvalues 3 and −1
            try (RidgeSolver solver = new RidgeSolver(kernels, k)) {
                NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                        () -> solver.factor(0));
                assertEquals(1, e.pivot());
                assertEquals(-3, e.value(), 1e-6);
                for (String s : new String[] {"pivot 1 is -3", "λ = 0.0", "n = 2", "try a larger λ, at least 3.00"}) {
                    assertTrue(e.getMessage().contains(s), e.getMessage());
                }
                solver.factor(1.0); // K + 2I: eigenvalues 5 and 1
                assertEquals(1.0, solver.factorLambda());
            }
            // A rank-one kernel (PSD, singular) across several blocks: no float factor without a ridge.
            int n = 70;
            Matrix r = ws.matrix(n, n);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) r.set(i, j, (float) ((1 + i % 3) * (1 + j % 3)));
            try (RidgeSolver solver = new RidgeSolver(kernels, r, 16)) {
                NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                        () -> solver.factor(0));
                assertTrue(e.pivot() >= 1 && e.pivot() < n, e.getMessage());
                Matrix y = ws.column(n).fill(1f);
                assertThrows(NotPositiveDefiniteException.class, () -> solver.solve(0, y));
                assertTrue(solver.solve(1e-3, y).relativeResidual() <= RidgeSolver.TOLERANCE);
            }
        }
    }

    @Test
    void badArguments() {
        try (Workspace ws = Workspace.shared()) {
            fails(IllegalArgumentException.class, () -> new RidgeSolver(kernels, ws.matrix(3, 4)), "3x4", "square");
            fails(IllegalArgumentException.class, () -> new RidgeSolver(kernels, ws.matrix(0, 0)), "0x0");
            fails(IllegalArgumentException.class, () -> new RidgeSolver(kernels, ws.matrix(3, 3).t()), "transposed");
            fails(IllegalArgumentException.class, () -> new RidgeSolver(null, ws.matrix(3, 3)), "kernels is null");
            Matrix nan = ws.matrix(3, 3);
            nan.set(1, 1, Float.NaN);
            fails(IllegalArgumentException.class, () -> new RidgeSolver(kernels, nan), "K(1, 1) = NaN");
            Matrix k = ntk(ws, 10, 3, 1);
            try (RidgeSolver solver = new RidgeSolver(kernels, k)) {
                Matrix y = ws.column(10).fill(1f);
                fails(IllegalArgumentException.class, () -> solver.solve(-1e-3, y), "λ = -0.001", ">= 0");
                fails(IllegalArgumentException.class, () -> solver.solve(Double.NaN, y), "λ = NaN");
                fails(IllegalArgumentException.class, () -> solver.factor(Double.POSITIVE_INFINITY), "λ = Infinity");
                fails(IllegalArgumentException.class, () -> solver.solve(1e-3, ws.column(9)), "length 9",
                        "expected 10");
                Matrix bad = ws.column(10).fill(1f);
                bad.set(4, 0, Float.POSITIVE_INFINITY);
                fails(IllegalArgumentException.class, () -> solver.solve(1e-3, bad), "y[4] = Infinity");
                fails(IllegalArgumentException.class, () -> solver.multiply(ws.matrix(2, 9), new double[10]),
                        "10 columns");
                fails(IllegalArgumentException.class, () -> solver.multiply(ws.matrix(2, 10), new double[9]),
                        "length 9");
                double[] ones = new double[10];
                java.util.Arrays.fill(ones, 0.5);
                double[] got = solver.multiply(k, ones);
                for (int i = 0; i < 10; i++) {
                    double want = 0;
                    for (int j = 0; j < 10; j++) want += 0.5 * k.get(i, j);
                    assertEquals(want, got[i], 1e-12 * (1 + Math.abs(want)));
                }
            }
            Workspace closed = Workspace.shared();
            Matrix gone = closed.matrix(3, 3);
            closed.close();
            fails(IllegalStateException.class, () -> new RidgeSolver(kernels, gone), "closed workspace");
        }
    }
}
