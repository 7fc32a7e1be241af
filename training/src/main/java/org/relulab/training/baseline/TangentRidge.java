package org.relulab.training.baseline;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * The exact solution of a learner that is linear in its trained parameters around θ₀ — ALL19's NTK learners
 * F(x; θ₀) + ⟨∇_θF(x; θ₀), θ − θ₀⟩ and its last-layer learners (F linear in a): ridge regression of the residual
 * y − F(x; θ₀) on the tangent features ({@link TangentFeatures}), minimizing (1/n)Σ(F_lin(x_i) − y_i)² + λ‖θ − θ₀‖²,
 * λ chosen on held-out data ({@link KernelRidge}'s protocol: 20 % held out, the ridgeless limit included, refit on
 * all). Solved in the dual ({@link KernelRidge} with {@link TangentKernel}) or, when the features number at most half
 * the fitted points, in the primal ({@link FeatureRidge}): the same predictions from the smaller system. The step
 * θ − θ₀ is Jᵀα in the dual, β in the primal.
 */
public final class TangentRidge {
    private TangentRidge() {}

    /** The fit: what ridge regression found (λ, sweep, test MSE of its predictions), whether primal, and θ − θ₀. */
    public record Fit(KernelRidge.Result result, boolean primal, double[] step) {}

    /** λ = 10⁰, 10⁻¹, …, 10⁻⁸ and then 0 (the ridgeless limit), 20 % held out: whole decades, to keep fits cheap. */
    public static KernelRidge.Options options() {
        double[] grid = new double[10];
        for (int i = 0; i < 9; i++) grid[i] = Math.pow(10, -i);
        grid[9] = 0;
        return new KernelRidge.Options(grid, 0.2);
    }

    /** Whether {@link #fit} solves in the primal: p features at most half the fitted points. */
    public static boolean primal(int parameters, int fitted) {
        return 2L * parameters <= fitted;
    }

    /**
     * Bytes of the largest matrices a fit allocates at once (an estimate for planning, before anything is built): in
     * the dual, the kernel matrices of the refit, n × n and test × n (the selection's are smaller); in the primal, the
     * features of the training and test points and ΦᵀΦ; with the pass over the training points (n × (2·width + 1) per
     * hidden layer). {@code widths} are the hidden layers' m_l; {@code parameters} is p.
     */
    public static long peakBytes(int n, int testN, int d, int[] widths, int parameters,
            KernelRidge.Options options) {
        int nFit = n - (int) Math.round(n * options.validationFraction());
        long solve = primal(parameters, nFit)
                ? MemoryBudget.matrixBytes(n + testN, parameters) + MemoryBudget.matrixBytes(parameters, parameters)
                : MemoryBudget.matrixBytes(n, n) + MemoryBudget.matrixBytes(testN, n);
        long pass = 0;
        for (int l = 0; l < widths.length; l++) {
            pass += 2 * MemoryBudget.matrixBytes(n, widths[l]) + MemoryBudget.matrixBytes(n,
                    (l == 0 ? d : widths[l - 1]) + 1);
        }
        return solve + pass;
    }

    /** p: the parameters of a network of these widths on d inputs over {@code trained} ({@link TangentFeatures}). */
    public static int parameters(int d, int[] widths, TrainedLayers trained) {
        int p = trained.output() ? widths[widths.length - 1] : 0;
        for (int l = 0; l < widths.length && trained.hidden(); l++) p += widths[l] * ((l == 0 ? d : widths[l - 1]) + 1);
        return p;
    }

    /** The exact fit of {@code initial} (θ₀) over {@code trained} on {@code train}, scored on {@code test}. */
    public static Fit fit(Kernels k, ReluNetworkStudent initial, TrainedLayers trained, Dataset train, Dataset test,
            KernelRidge.Options options) {
        TangentFeatures features = new TangentFeatures(initial, trained);
        int nFit = train.size() - (int) Math.round(train.size() * options.validationFraction());
        boolean primal = primal(features.count(), nFit);
        // The residual targets y − F(x; θ₀) and, in the dual, the pass that turns α into Jᵀα; freed on return.
        try (Workspace ws = Workspace.shared()) {
            Dataset r = residual(k, ws, features, train), rTest = residual(k, ws, features, test);
            if (primal) {
                KernelRidge.Result result = FeatureRidge.fit(k, features, r, rTest, options);
                return new Fit(result, true, result.coefficients());
            }
            KernelRidge.Result result = KernelRidge.fit(k, new TangentKernel(features), r, rTest, options);
            try (Workspace tmp = Workspace.shared()) {
                double[] step = features.transposeTimes(k, tmp, features.pass(k, tmp, train.x()),
                        result.coefficients());
                return new Fit(result, false, step);
            }
        }
    }

    /** The data set with labels y − F(x; θ₀), in {@code ws}. */
    private static Dataset residual(Kernels k, Workspace ws, TangentFeatures features, Dataset data) {
        Matrix y = ws.column(data.size());
        try (Workspace tmp = Workspace.shared()) {
            k.scale(-1f, features.pass(k, tmp, data.x()).f(), y); // −F(x; θ₀)
        }
        k.add(data.y(), y, y);
        return new Dataset(data.x(), y);
    }
}
