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
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * The element-wise kernels and reductions on vectors of n floats, SIMD against the scalar twin: calls per
 * second and GB/s (secondary metric "gbytes", counted as {@link ByteCounter} says). Sizes: 1021 floats
 * (4 KB, in L1, not a multiple of any vector length, so the tail code runs), 65536 (256 KB a vector, in
 * L2) and 4194304 (16 MB a vector: the kernels of two or three vectors overflow the 32 MB L3 and run from
 * memory; sumOfSquares and colSums read one, which stays in L3). colSums
 * sums the same n floats viewed as a (n / 1024) × 1024 matrix (1 × 1021 at the smallest size); at the
 * largest that is the 4096 × 1024 gradient of the training step. The kernels are single-threaded.
 *
 * <p>Forks: 2, for the spread between JVMs (inlining choices, memory placement). Warmup 3 × 1 s is well past
 * C2 compiling these small loops; measurement 5 × 1 s gives thousands of calls per iteration even at the
 * largest size. 11 kernels × 3 sizes × 2 providers make about 20 minutes for the class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBenchmark {
    /** Columns of the matrix colSums reduces (the hidden width m of the training step). */
    private static final int GRID_COLS = 1024;

    @Param({"1021", "65536", "4194304"})
    public int n;

    @Param({"simd", "scalar"})
    public String provider;

    private Kernels kernels;
    /** Owns every vector below, from the trial's setup to its teardown. */
    private Workspace workspace;
    private Matrix x, y, z, g, out, grid, colSum;
    /** 10⁹ bytes in one vector of n floats, and in one colSums call. */
    private double vectorGb, colSumsGb;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.create(ProviderParam.parse(provider), 1);
        workspace = Workspace.shared();
        x = gaussian(1);
        y = gaussian(2);
        z = gaussian(3);
        g = gaussian(4);
        out = workspace.vector(n);
        int cols = Math.min(n, GRID_COLS), rows = n / cols;
        grid = Matrix.wrap(x.segment(), x.offset(), rows, cols, cols); // x's floats, reshaped
        colSum = workspace.vector(cols);
        vectorGb = 4.0 * n / 1e9;
        colSumsGb = 4.0 * ((double) rows * cols + cols) / 1e9;
        check();
    }

    private Matrix gaussian(long seed) {
        Matrix v = workspace.vector(n);
        kernels.gaussianFill(v, seed, 0f, 1f);
        return v;
    }

    /** Throws unless relu, dot and colSums give what a float64 loop gives: the benchmark's views are right. */
    private void check() {
        kernels.relu(x, out);
        double dot = 0, magnitude = 0;
        for (int i = 0; i < n; i++) {
            if (out.get(0, i) != Math.max(x.get(0, i), 0f)) {
                throw new IllegalStateException("relu: out[" + i + "] = " + out.get(0, i) + ", expected "
                        + Math.max(x.get(0, i), 0f));
            }
            double t = (double) x.get(0, i) * y.get(0, i);
            dot += t;
            magnitude += Math.abs(t);
        }
        expectClose("dot(x, y)", kernels.dot(x, y), dot, n * Math.ulp(1f) * magnitude);
        kernels.colSums(grid, colSum);
        for (int j : new int[] {0, grid.cols() - 1}) {
            double sum = 0, abs = 0;
            for (int i = 0; i < grid.rows(); i++) {
                sum += grid.get(i, j);
                abs += Math.abs(grid.get(i, j));
            }
            expectClose("colSums[" + j + "]", colSum.get(0, j), sum, grid.rows() * Math.ulp(1f) * abs);
        }
    }

    private static void expectClose(String what, float got, double want, double tol) {
        if (!(Math.abs(got - want) <= tol)) {
            throw new IllegalStateException(what + " = " + got + ", expected " + want + " ± " + tol);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workspace.close();
        kernels.close();
    }

    @Benchmark
    public void relu(ByteCounter bytes) {
        kernels.relu(x, out);
        bytes.gbytes += 2 * vectorGb;
    }

    @Benchmark
    public void abs(ByteCounter bytes) {
        kernels.abs(x, out);
        bytes.gbytes += 2 * vectorGb;
    }

    @Benchmark
    public void reluBackward(ByteCounter bytes) {
        kernels.reluBackward(g, z, out);
        bytes.gbytes += 3 * vectorGb;
    }

    @Benchmark
    public void absBackward(ByteCounter bytes) {
        kernels.absBackward(g, z, out);
        bytes.gbytes += 3 * vectorGb;
    }

    /** y += 1e-3·x: y drifts linearly, by about 10⁵ over 10⁸ calls: far from overflow, never subnormal. */
    @Benchmark
    public void axpy(ByteCounter bytes) {
        kernels.axpy(1e-3f, x, y);
        bytes.gbytes += 3 * vectorGb;
    }

    @Benchmark
    public void scale(ByteCounter bytes) {
        kernels.scale(0.5f, x, out);
        bytes.gbytes += 2 * vectorGb;
    }

    @Benchmark
    public void add(ByteCounter bytes) {
        kernels.add(x, y, out);
        bytes.gbytes += 3 * vectorGb;
    }

    @Benchmark
    public void multiply(ByteCounter bytes) {
        kernels.multiply(x, y, out);
        bytes.gbytes += 3 * vectorGb;
    }

    @Benchmark
    public float dot(ByteCounter bytes) {
        bytes.gbytes += 2 * vectorGb;
        return kernels.dot(x, y);
    }

    @Benchmark
    public float sumOfSquares(ByteCounter bytes) {
        bytes.gbytes += vectorGb;
        return kernels.sumOfSquares(x);
    }

    @Benchmark
    public void colSums(ByteCounter bytes) {
        kernels.colSums(grid, colSum);
        bytes.gbytes += colSumsGb;
    }
}
