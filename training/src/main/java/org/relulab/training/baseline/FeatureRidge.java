package org.relulab.training.baseline;

import java.util.ArrayList;
import java.util.List;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.RidgeSolver;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;

/**
 * Ridge regression on explicit features, the primal twin of {@link KernelRidge} with the kernel
 * {@link TangentKernel}: β = (ΦᵀΦ + nλI)⁻¹Φᵀy, the same predictions as kernel ridge with K = ΦΦᵀ (Φ·β = K·α for
 * α = (K + nλI)⁻¹y), from a p × p system instead of an n × n one, so the cheaper of the two when the p features are
 * fewer than the points. The λ grid, the held-out split, the choice of λ and the refit on all points are
 * {@link KernelRidge}'s; {@link RidgeSolver} solves (A + p·λ′I) with λ′ = nλ/p for A = ΦᵀΦ of order p. A is formed
 * in float, and its condition number is the square of Φ's: near the ridgeless limit (λ ≲ 10⁻⁶ on ALL19's features)
 * the held-out MSE can differ from the dual's by about 1 % (TangentRidgeTest).
 */
public final class FeatureRidge {
    private FeatureRidge() {}

    /**
     * Fits on {@code train}, chooses λ on its held-out part, refits on all of it and scores on {@code test}; the
     * result's coefficients are β, one per feature.
     *
     * @throws IllegalArgumentException as {@link KernelRidge#fit}, or for feature matrices that would not fit
     * @throws ArithmeticException when no λ of the grid could be solved
     */
    public static KernelRidge.Result fit(Kernels k, TangentFeatures features, Dataset train, Dataset test,
            KernelRidge.Options options) {
        TangentKernel kernel = new TangentKernel(features);
        int nVal = KernelRidge.checkArguments(k, kernel, train, test, options);
        int n = train.size(), nFit = n - nVal, p = features.count();
        long bytes = MemoryBudget.matrixBytes(n + test.size(), p) + MemoryBudget.matrixBytes(p, p)
                + RidgeSolver.scratchBytes(p);
        MemoryBudget.require("FeatureRidge: " + n + " training and " + test.size() + " test points with " + p
                + " features need " + MemoryBudget.gb(bytes), bytes, MemoryBudget.physicalBytes());
        double[] grid = options.lambdas();
        long t0 = System.nanoTime();
        double gramSeconds = 0;
        List<KernelRidge.Step> sweep = new ArrayList<>();
        // Selection: the features of the fitted and held-out rows and ΦᵀΦ, freed before the refit allocates.
        try (Workspace ws = Workspace.shared()) {
            long t1 = System.nanoTime();
            Matrix phiFit = jacobian(k, ws, features, train.x().rows(0, nFit)),
                    phiVal = jacobian(k, ws, features, train.x().rows(nFit, n));
            Matrix a = ws.matrix(p, p), b = ws.column(p);
            normalEquations(k, phiFit, train.y().rows(0, nFit), a, b);
            gramSeconds += KernelRidge.seconds(t1);
            try (RidgeSolver solver = new RidgeSolver(k, a)) {
                for (double lambda : grid) {
                    try {
                        RidgeSolver.Solution s = solver.solve(lambda * nFit / p, b);
                        double mse = KernelRidge.mse(solver.multiply(phiVal, s.alpha()), train.y().rows(nFit, n));
                        sweep.add(new KernelRidge.Step(lambda, mse, s.iterations(), s.factorLambda() * p / nFit,
                                null));
                    } catch (ArithmeticException e) {
                        sweep.add(new KernelRidge.Step(lambda, Double.NaN, 0, Double.NaN, e.getMessage()));
                        break; // smaller λ are worse conditioned still
                    }
                }
            }
        }
        KernelRidge.Step best = KernelRidge.best("FeatureRidge", sweep, grid), ridgeless = KernelRidge.ridgeless(sweep);
        // Refit: the features of every training and test row and ΦᵀΦ, in this block only.
        try (Workspace ws = Workspace.shared()) {
            long t1 = System.nanoTime();
            Matrix phi = jacobian(k, ws, features, train.x()), phiTest = jacobian(k, ws, features, test.x());
            Matrix a = ws.matrix(p, p), b = ws.column(p);
            normalEquations(k, phi, train.y(), a, b);
            gramSeconds += KernelRidge.seconds(t1);
            double[] scaled = new double[grid.length];
            for (int i = 0; i < grid.length; i++) scaled[i] = grid[i] * n / p;
            try (RidgeSolver solver = new RidgeSolver(k, a)) {
                RidgeSolver.Solution s = KernelRidge.solveOrLarger(solver, b, scaled, best.lambda() * n / p);
                int at = 0;
                while (scaled[at] != s.lambda()) at++;
                double testMse = KernelRidge.mse(solver.multiply(phiTest, s.alpha()), test.y());
                double trainMse = KernelRidge.mse(solver.multiply(phi, s.alpha()), train.y());
                return new KernelRidge.Result(kernel.describe() + ", solved in the primal (" + p + " features)", n,
                        nFit, nVal, test.size(), List.copyOf(sweep), grid[at], ridgeless.lambda(),
                        ridgeless.validationMse(), testMse, trainMse, gramSeconds,
                        KernelRidge.seconds(t0) - gramSeconds, s.alpha());
            }
        }
    }

    /** a = ΦᵀΦ (p × p) and b = Φᵀy (p × 1). */
    private static void normalEquations(Kernels k, Matrix phi, Matrix y, Matrix a, Matrix b) {
        k.gemm(true, false, 1f, phi, phi, 0f, a);
        k.gemv(true, 1f, phi, y, 0f, b);
    }

    /** The explicit features of the rows of x (n × p), in {@code ws}; the pass behind them is freed. */
    private static Matrix jacobian(Kernels k, Workspace ws, TangentFeatures features, Matrix x) {
        Matrix phi = ws.matrix(x.rows(), features.count());
        try (Workspace tmp = Workspace.shared()) {
            features.jacobian(features.pass(k, tmp, x), phi);
        }
        return phi;
    }
}
