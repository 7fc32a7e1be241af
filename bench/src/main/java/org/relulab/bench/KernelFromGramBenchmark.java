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
import org.relulab.core.Workspace;

/**
 * The element-wise transform of a Gram matrix into a kernel matrix ({@link Kernels#kernelFromGram}), SIMD
 * against the scalar twin: calls per second and 10⁹ elements per second ("gelements"). The Gram matrix is
 * that of n Gaussian points in d = 16 (cosines spread over [−1, 1], the diagonal exactly 1). Sizes: n = 1021
 * (4 MB a matrix: in L3, not a multiple of any vector length) and 4099 (67 MB: from memory). The output is
 * a second matrix, so every call sees the same input. Single-threaded.
 *
 * <p>Forks: 2, for the spread between JVMs. Warmup 3 × 1 s is past C2 compiling the loop; measurement
 * 5 × 2 s holds at least a few calls of the scalar twin at n = 4099 (about 0.5 s a call). The ReLU NTK takes
 * arccos once on the SIMD path and twice in the twin; the |·| NTK takes arcsin there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class KernelFromGramBenchmark {
    private static final int D = 16;

    @Param({"1021", "4099"})
    public int n;

    @Param({"RELU_NTK", "ABS_NTK"})
    public String function;

    @Param({"simd", "scalar"})
    public String provider;

    private Kernels kernels;
    /** Owns the matrices below from the trial's setup to its teardown. */
    private Workspace workspace;
    private Matrix gram, sq, out;
    private KernelFunction f;
    private double gelements;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.create(ProviderParam.parse(provider), 1);
        workspace = Workspace.shared();
        f = KernelFunction.valueOf(function);
        Matrix x = workspace.matrix(n, D);
        kernels.gaussianFill(x, 3, 0f, 1f);
        gram = workspace.matrix(n, n);
        kernels.gemm(false, true, 1f, x, x, 0f, gram);
        sq = workspace.vector(n);
        for (int i = 0; i < n; i++) sq.set(0, i, gram.get(i, i));
        out = workspace.matrix(n, n);
        gelements = (double) n * n / 1e9;
        check();
    }

    /** Throws unless sampled elements agree with the float64 formula: the benchmark's views are right. */
    private void check() {
        kernels.kernelFromGram(f, 1f / D, gram, sq, sq, out);
        for (int s = 0; s < 1000; s++) {
            int i = (int) ((s * 7919L) % n), j = (int) ((s * 104729L) % n);
            double want = f.value(gram.get(i, j) / (double) D, sq.get(0, i) / (double) D, sq.get(0, j) / (double) D);
            double tol = 1e-4 * Math.sqrt(sq.get(0, i) * (double) sq.get(0, j)) / D;
            if (!(Math.abs(out.get(i, j) - want) <= tol)) {
                throw new IllegalStateException(
                        f + " at (" + i + ", " + j + ") = " + out.get(i, j) + ", expected " + want + " ± " + tol);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workspace.close();
        kernels.close();
    }

    @Benchmark
    public void kernelFromGram(ElementCounter elements) {
        kernels.kernelFromGram(f, 1f / D, gram, sq, sq, out);
        elements.gelements += gelements;
    }
}
