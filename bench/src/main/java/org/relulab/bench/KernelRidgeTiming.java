package org.relulab.bench;

import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.KernelFunction;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.RidgeSolver;
import org.relulab.core.Workspace;
import org.relulab.training.baseline.KernelRidge;
import org.relulab.training.baseline.NeuralTangentKernel;
import org.relulab.training.data.Dataset;
import org.relulab.training.teacher.AbsTeacher;

/**
 * A one-off wall-clock timing of kernel ridge regression at a large n, step by step: the ReLU NTK of LMZ20's
 * |·| teacher data (n training points, d inputs), its Gram matrix (GEMM, then the element-wise transform),
 * one factorization, CG solves, the test kernel and the test MSE. {@code --sweep} then runs the whole
 * {@link KernelRidge#fit} (λ grid on 80 % of the points, refit on all). Not a JMH benchmark: one run, each
 * step once, first calls included (JIT warm-up is part of what a user waits for).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.relulab.bench.KernelRidgeTiming \
 *     [n=20000] [d=8] [test=2000] [lambda=1e-5] [--sweep]
 * </pre>
 */
public final class KernelRidgeTiming {
    private KernelRidgeTiming() {}

    public static void main(String[] args) {
        int n = 20000, d = 8, nTest = 2000;
        double lambda = 1e-5;
        boolean sweep = false;
        for (String a : args) {
            if (a.equals("--sweep")) sweep = true;
            else if (a.startsWith("n=")) n = Integer.parseInt(a.substring(2));
            else if (a.startsWith("d=")) d = Integer.parseInt(a.substring(2));
            else if (a.startsWith("test=")) nTest = Integer.parseInt(a.substring(5));
            else if (a.startsWith("lambda=")) lambda = Double.parseDouble(a.substring(7));
            else
                throw new IllegalArgumentException(
                        "argument '" + a + "': expected n=N, d=D, test=N, lambda=X or --sweep");
        }
        NeuralTangentKernel kernel = new NeuralTangentKernel(Activation.RELU);
        try (Kernels k = Kernels.create(); Workspace data = Workspace.shared()) {
            System.out.println(
                    "kernels: " + k.describe() + "; n = " + n + ", d = " + d + ", test " + nTest + ", λ = " + lambda);
            AbsTeacher teacher = new AbsTeacher(data, d, false, 1, 1);
            Dataset train = Dataset.generate(data, k, teacher, n, 2),
                    test = Dataset.generate(data, k, teacher, nTest, 3);
            long start = System.nanoTime();
            // The kernel matrices live in this workspace until the step-by-step timing ends.
            try (Workspace ws = Workspace.shared()) {
                long t = System.nanoTime();
                Matrix km = ws.matrix(n, n), sq = ws.vector(n);
                t = report("allocate the n x n matrix (zero-filled: page faults)", t);
                k.gemm(false, true, 1f, train.x(), train.x(), 0f, km);
                t = report("Gram GEMM X·Xᵀ", t);
                for (int i = 0; i < n; i++) sq.set(0, i, km.get(i, i));
                k.kernelFromGram(KernelFunction.RELU_NTK, 1f / d, km, sq, sq, km);
                t = report(String.format(Locale.ROOT, "kernel transform (%.2f ns per element)",
                        (System.nanoTime() - t) / ((double) n * n)), t);
                try (RidgeSolver solver = new RidgeSolver(k, km)) {
                    solver.factor(lambda);
                    double s = (System.nanoTime() - t) / 1e9;
                    t = report(String.format(Locale.ROOT, "factor K + nλI (%.1f GFLOP/s as n³/3)",
                            Math.pow(n, 3) / 3 / s / 1e9), t);
                    RidgeSolver.Solution a = solver.solve(lambda, train.y());
                    t = report("CG solve at λ with its own factor: " + a.iterations() + " iterations, residual "
                            + a.relativeResidual(), t);
                    RidgeSolver.Solution b = solver.solve(lambda / 10, train.y());
                    t = report("CG solve at λ/10 with the factor at λ: " + b.iterations() + " iterations, residual "
                            + b.relativeResidual(), t);
                    Matrix kTest = ws.matrix(nTest, n);
                    kernel.crossGram(k, test.x(), train.x(), kTest);
                    double[] prediction = solver.multiply(kTest, a.alpha());
                    double mse = 0;
                    for (int i = 0; i < nTest; i++) mse += Math.pow(prediction[i] - test.y().get(i, 0), 2);
                    report(String.format(Locale.ROOT, "test kernel and predictions: test MSE %.4g", mse / nTest), t);
                }
            }
            System.out.printf(Locale.ROOT, "total (Gram + factor + solves + test): %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            if (sweep) {
                long t = System.nanoTime();
                KernelRidge.Result r = KernelRidge.fit(k, kernel, train, test, KernelRidge.Options.defaults());
                for (KernelRidge.Step s : r.sweep()) System.out.println("  " + s);
                System.out.println(r.summary());
                report("KernelRidge.fit with the default grid", t);
            }
        }
    }

    private static long report(String what, long since) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "%8.2f s  %s%n", (now - since) / 1e9, what);
        return now;
    }
}
