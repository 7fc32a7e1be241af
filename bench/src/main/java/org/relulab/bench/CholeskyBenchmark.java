package org.relulab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.relulab.core.KernelFunction;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.RidgeSolver;
import org.relulab.core.Workspace;

/**
 * The float Cholesky factorization of K + nλI that kernel ridge regression runs once per few λ
 * ({@link RidgeSolver#factor}: the lower triangle restored from the upper, then the blocked factorization),
 * for the ReLU NTK of n Gaussian points in d = 8 at λ = 10⁻⁴: calls per second and GFLOP/s counted as n³/3
 * (the secondary metric "gflop"). Sizes 2000 and 8000 (16 and 256 MB); 1 and 2 threads.
 *
 * <p>Forks: 2, for the spread between JVMs. Warmup 2 × 4 s: C2 compiles the GEMM kernels within the first
 * call. Measurement 5 × 4 s: at least two calls an iteration at n = 8000 on one thread (about 2 s a call).
 * Before and after measuring, L·Lᵀ is held against K + nλI at sampled entries in float64.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 5, time = 4)
public class CholeskyBenchmark {
    private static final int D = 8;
    private static final double LAMBDA = 1e-4;

    @Param({"2000", "8000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"simd"})
    public String provider;

    private Kernels kernels;
    /** Owns the kernel matrix from the trial's setup to its teardown. */
    private Workspace workspace;
    private Matrix k;
    private RidgeSolver solver;
    private double[] diagonal;
    private double gflop;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.create(ProviderParam.parse(provider), threads);
        workspace = Workspace.shared();
        Matrix x = workspace.matrix(n, D), sq = workspace.vector(n);
        kernels.gaussianFill(x, 5, 0f, 1f);
        k = workspace.matrix(n, n);
        kernels.gemm(false, true, 1f, x, x, 0f, k);
        diagonal = new double[n];
        for (int i = 0; i < n; i++) sq.set(0, i, k.get(i, i));
        kernels.kernelFromGram(KernelFunction.RELU_NTK, 1f / D, k, sq, sq, k);
        for (int i = 0; i < n; i++) diagonal[i] = k.get(i, i);
        solver = new RidgeSolver(kernels, k);
        gflop = Math.pow(n, 3) / 3 / 1e9;
        solver.factor(LAMBDA);
        check("before measuring");
    }

    /** L·Lᵀ against K + nλI (K from the upper triangle) at 200 sampled entries, in float64. */
    private void check(String when) {
        for (int s = 0; s < 200; s++) {
            int i = (int) ((s * 7919L) % n), j = (int) ((s * 104729L) % n);
            if (j > i) { int t = i; i = j; j = t; }
            double llt = 0, scale = 0;
            for (int p = 0; p <= j; p++) {
                llt += (double) k.get(i, p) * k.get(j, p);
                scale += Math.abs((double) k.get(i, p) * k.get(j, p));
            }
            double want = i == j ? diagonal[i] + n * LAMBDA : k.get(j, i);
            if (!(Math.abs(llt - want) <= 1e-4 * scale)) {
                throw new IllegalStateException(
                        "Cholesky " + when + ": (L·Lᵀ)(" + i + ", " + j + ") = " + llt + ", expected "
                                + want + " ± " + 1e-4 * scale);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            check("after measuring");
        } finally {
            solver.close();
            workspace.close();
            kernels.close();
        }
    }

    @Benchmark
    public void factor(FlopCounter flops) {
        solver.factor(LAMBDA);
        flops.gflop += gflop;
    }
}
