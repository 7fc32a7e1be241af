package org.relulab.training.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.RidgeSolver;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;

/**
 * Kernel ridge regression, α = (K_train + nλI)⁻¹y and predictions K_test·α (docs/papers.md), with λ chosen by
 * held-out error. {@link #fit}:
 * <ol>
 *   <li>splits the training set: the last {@code validationFraction} of its rows (the rows are i.i.d.
 *       draws) are held out, the rest are fitted;
 *   <li>sweeps the λ grid from large to small on the fitted part, each λ scored by the validation MSE; the
 *       sweep stops at the first λ whose system cannot be solved (K + nλI not positive definite in float),
 *       since smaller λ are only worse conditioned. The ridgeless limit λ → 0 is the smallest λ that
 *       solved: λ = 0 itself when K is positive definite in float, else the smallest stable λ of the grid;
 *   <li>refits on the whole training set with the chosen λ (nλ scales with n, so λ carries over) and
 *       reports the test MSE.
 * </ol>
 * The solver ({@link RidgeSolver}) factors in float and refines in double; a factor serves the grid's
 * neighbouring λ through CG, so a sweep refactors only every two decades or so. Memory is checked before
 * any kernel matrix is allocated.
 */
public final class KernelRidge {
    private KernelRidge() {}

    /** The λ grid (strictly decreasing, ≥ 0) and the held-out fraction of the training set. */
    public record Options(double[] lambdas, double validationFraction) {
        public Options {
            if (lambdas == null || lambdas.length == 0) {
                throw new IllegalArgumentException("KernelRidge: the λ grid is empty (expected at least one λ >= 0)");
            }
            lambdas = lambdas.clone();
            for (int i = 0; i < lambdas.length; i++) {
                if (!(lambdas[i] >= 0) || lambdas[i] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(
                            "KernelRidge: λ[" + i + "] = " + lambdas[i] + " (expected a finite value >= 0)");
                }
                if (i > 0 && !(lambdas[i] < lambdas[i - 1])) {
                    throw new IllegalArgumentException(
                            "KernelRidge: λ[" + i + "] = " + lambdas[i] + " after " + lambdas[i - 1]
                                    + " (expected a strictly decreasing grid)");
                }
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException(
                        "KernelRidge: validation fraction " + validationFraction + " (expected between 0 and 1)");
            }
        }

        @Override
        public double[] lambdas() { return lambdas.clone(); }

        /** "{1, 0.1, …, 1e-8, 0}": the grid in one line. */
        public String describeGrid() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < lambdas.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3g", lambdas[i]));
            }
            return sb.append('}').toString();
        }

        /** λ = 10⁰, 10^−0.5, …, 10⁻⁸ and then 0 (the ridgeless limit), 20 % held out. */
        public static Options defaults() {
            double[] grid = new double[18];
            for (int i = 0; i < 17; i++) grid[i] = Math.pow(10, -0.5 * i);
            grid[17] = 0;
            return new Options(grid, 0.2);
        }
    }

    /** One λ of the sweep: its validation MSE and CG iterations, the λ of the factor used, or why it failed. */
    public record Step(double lambda, double validationMse, int iterations, double factorLambda, String failure) {
        public boolean solved() { return failure == null; }
    }

    /**
     * What {@link #fit} found: the sweep, the chosen λ, the ridgeless limit (smallest λ solved) and its
     * validation MSE, the test and training MSE of the refit, seconds spent on Gram matrices and solves, and the
     * refit's coefficients: α (one per training point) for {@link KernelRidge}, the weights β (one per feature) for
     * {@link FeatureRidge}.
     */
    public record Result(String kernel, int trainSize, int fitSize, int validationSize, int testSize, List<Step> sweep,
            double lambda, double ridgelessLambda, double ridgelessValidationMse, double testMse,
            double trainMse, double gramSeconds, double solveSeconds, double[] coefficients) {
        /** The validation MSE of the chosen λ (the held-out score that chose it). */
        public double validationMse() {
            for (Step s : sweep) if (s.lambda() == lambda && s.solved()) return s.validationMse();
            return Double.NaN;
        }

        /** One line for logs. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: n = %d (%d fitted, %d held out), λ = %s, ridgeless λ = %s "
                    + "(validation MSE %.4g), test MSE %.4g on %d points, train MSE %.4g; %.1f s Gram, %.1f s solves",
                    kernel, trainSize, fitSize, validationSize, text(lambda), text(ridgelessLambda),
                    ridgelessValidationMse,
                    testMse, testSize, trainMse, gramSeconds, solveSeconds);
        }

        private static String text(double lambda) {
            return lambda == 0 ? "0" : String.format(Locale.ROOT, "%.3g", lambda);
        }
    }

    /**
     * Fits on {@code train}, chooses λ on its held-out part, refits on all of it and scores on {@code test}.
     *
     * @throws IllegalArgumentException for mismatched data, a split that leaves no point on either side, or
     *     kernel matrices that would not fit in memory
     * @throws ArithmeticException when no λ of the grid could be solved
     */
    public static Result fit(Kernels k, GramKernel kernel, Dataset train, Dataset test, Options options) {
        int nVal = checkArguments(k, kernel, train, test, options);
        int n = train.size(), nTest = test.size(), nFit = n - nVal;
        requireMemory(n, nFit, nVal, nTest, MemoryBudget.physicalBytes());
        double[] grid = options.lambdas();
        long t0 = System.nanoTime();
        Selection selection = select(k, kernel, train, nFit, grid);
        Step best = best("KernelRidge", selection.sweep(), grid), ridgeless = ridgeless(selection.sweep());
        Refit refit = refit(k, kernel, train, test, grid, best.lambda());
        double gramSeconds = selection.gramSeconds() + refit.gramSeconds();
        double solveSeconds = seconds(t0) - gramSeconds;
        return new Result(kernel.describe(), n, nFit, nVal, nTest, List.copyOf(selection.sweep()), refit.lambda(),
                ridgeless.lambda(), ridgeless.validationMse(), refit.testMse(), refit.trainMse(), gramSeconds,
                solveSeconds, refit.alpha());
    }

    /**
     * The solved step of least validation MSE (ties keep the larger λ).
     *
     * @throws ArithmeticException when no λ of the grid was solved
     */
    static Step best(String who, List<Step> sweep, double[] grid) {
        Step best = null;
        for (Step s : sweep) if (s.solved() && (best == null || s.validationMse() < best.validationMse())) best = s;
        if (best == null) {
            throw new ArithmeticException(who + ": no λ of the grid could be solved; the largest, " + grid[0]
                    + ", failed: " + sweep.get(0).failure());
        }
        return best;
    }

    /** The ridgeless limit: the last (smallest) λ solved; null when none was. */
    static Step ridgeless(List<Step> sweep) {
        Step last = null;
        for (Step s : sweep) if (s.solved()) last = s;
        return last;
    }

    /** Checks fit's arguments; returns the number of validation points. */
    static int checkArguments(Kernels k, GramKernel kernel, Dataset train, Dataset test, Options options) {
        if (k == null || kernel == null || train == null || test == null || options == null) {
            throw new IllegalArgumentException(
                    "KernelRidge.fit: kernels, kernel, train, test and options must not be null");
        }
        if (train.dim() != test.dim()) {
            throw new IllegalArgumentException(
                    "KernelRidge: training inputs have d = " + train.dim() + " but test inputs d = "
                            + test.dim() + " (expected the same)");
        }
        int n = train.size();
        int nVal = (int) Math.round(n * options.validationFraction()), nFit = n - nVal;
        if (nVal < 1 || nFit < 1) {
            throw new IllegalArgumentException("KernelRidge: n = " + n + " with validation fraction "
                    + options.validationFraction()
                    + " leaves " + nFit + " points to fit and " + nVal + " to validate (expected at least 1 of each)");
        }
        return nVal;
    }

    /** The λ sweep on the first nFit points, scored on the rest, and the seconds its Gram matrices took. */
    private record Selection(List<Step> sweep, double gramSeconds) {}

    /** Selection: K_fit and K_val live in this method's workspace only, freed before the refit allocates. */
    private static Selection select(Kernels k, GramKernel kernel, Dataset train, int nFit, double[] grid) {
        int n = train.size(), nVal = n - nFit;
        List<Step> sweep = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Workspace ws = Workspace.shared()) {
            Matrix kFit = ws.matrix(nFit, nFit), kVal = ws.matrix(nVal, nFit);
            Matrix xFit = train.x().rows(0, nFit), xVal = train.x().rows(nFit, n);
            kernel.trainGram(k, xFit, kFit);
            kernel.crossGram(k, xVal, xFit, kVal);
            double gramSeconds = seconds(t0);
            try (RidgeSolver solver = new RidgeSolver(k, kFit)) {
                for (double lambda : grid) {
                    try {
                        RidgeSolver.Solution s = solver.solve(lambda, train.y().rows(0, nFit));
                        double mse = mse(solver.multiply(kVal, s.alpha()), train.y().rows(nFit, n));
                        sweep.add(new Step(lambda, mse, s.iterations(), s.factorLambda(), null));
                    } catch (ArithmeticException e) {
                        sweep.add(new Step(lambda, Double.NaN, 0, Double.NaN, e.getMessage()));
                        break; // smaller λ are worse conditioned still
                    }
                }
            }
            return new Selection(sweep, gramSeconds);
        }
    }

    /** The refit on all training points at the chosen λ (or the next larger that solves), and its losses. */
    private record Refit(double lambda, double testMse, double trainMse, double gramSeconds, double[] alpha) {}

    /** Refit: K and K_test live in this method's workspace only. */
    private static Refit refit(Kernels k, GramKernel kernel, Dataset train, Dataset test, double[] grid,
            double chosen) {
        int n = train.size();
        try (Workspace ws = Workspace.shared()) {
            long t1 = System.nanoTime();
            Matrix kTrain = ws.matrix(n, n), kTest = ws.matrix(test.size(), n);
            kernel.trainGram(k, train.x(), kTrain);
            kernel.crossGram(k, test.x(), train.x(), kTest);
            double gramSeconds = seconds(t1);
            try (RidgeSolver solver = new RidgeSolver(k, kTrain)) {
                RidgeSolver.Solution s = solveOrLarger(solver, train.y(), grid, chosen);
                double lambda = s.lambda();
                double testMse = mse(solver.multiply(kTest, s.alpha()), test.y());
                double sum = 0; // y − Kα = nλα: the training residual without another pass over K
                for (double a : s.alpha()) sum += (n * lambda * a) * (n * lambda * a);
                return new Refit(lambda, testMse, sum / n, gramSeconds, s.alpha());
            }
        }
    }

    /** The solution at λ, or at the next larger λ of the grid when λ fails on the larger refit system. */
    static RidgeSolver.Solution solveOrLarger(RidgeSolver solver, Matrix y, double[] grid, double lambda) {
        int at = 0;
        while (grid[at] != lambda) at++;
        for (int i = at;; i--) {
            try {
                return solver.solve(grid[i], y);
            } catch (ArithmeticException e) {
                if (i == 0) throw e;
            }
        }
    }

    /**
     * Refuses, before allocating, kernel matrices that would not fit in {@link MemoryBudget#FRACTION} of {@code
     * physical}.
     */
    static void requireMemory(int n, int nFit, int nVal, int nTest, long physical) {
        long select = MemoryBudget.matrixBytes(nFit, nFit) + MemoryBudget.matrixBytes(nVal, nFit)
                + RidgeSolver.scratchBytes(nFit);
        long refit = MemoryBudget.matrixBytes(n, n) + MemoryBudget.matrixBytes(nTest, n) + RidgeSolver.scratchBytes(n);
        MemoryBudget.require(
                "KernelRidge: n = " + n + " training points need " + MemoryBudget.gb(MemoryBudget.matrixBytes(n, n))
                        + " for the " + n + " x " + n + " kernel matrix and "
                        + MemoryBudget.gb(MemoryBudget.matrixBytes(nTest, n))
                        + " for the " + nTest + " x " + n + " test kernel",
                Math.max(select, refit), physical);
    }

    static double mse(double[] prediction, Matrix y) {
        double s = 0;
        for (int i = 0; i < prediction.length; i++) {
            double e = prediction[i] - y.get(i, 0);
            s += e * e;
        }
        return s / prediction.length;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
