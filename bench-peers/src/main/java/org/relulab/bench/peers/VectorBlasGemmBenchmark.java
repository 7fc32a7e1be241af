package org.relulab.bench.peers;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.relulab.bench.FlopCounter;
import org.relulab.bench.GemmShape;

/**
 * {@code sgemm} of dev.ludovic.netlib:blas's VectorBLAS, the pure-Java BLAS on the Vector API that Spark
 * uses, on the shapes of relulab's GemmBenchmark, on {@code float[]}. It is Fortran BLAS, column-major: a
 * row-major r × c matrix is its column-major transpose, so the row-major C = op(A)·op(B) is computed as
 * the column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, with B first.
 *
 * <p>Threads: 1 only. VectorBLAS has no threads of its own (each call runs on the calling thread), so a
 * threads=2 row would measure the same single-threaded code; the setup rejects any other value.
 *
 * <p>The setup fails unless the JVM gave out VectorBLAS itself: without the Vector API module it would
 * silently fall back to its scalar Java11BLAS. Mode, forks, warmup and measurement: {@link PeerGemmTrial}'s.
 */
public class VectorBlasGemmBenchmark extends PeerGemmTrial {
    @Param({"1"})
    public int threads;

    private BLAS blas;
    private String transA, transB;
    private float[] c;

    public VectorBlasGemmBenchmark() {
        super("VectorBLAS sgemm");
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (threads != 1) {
            throw new IllegalArgumentException(
                    "threads=" + threads + ": VectorBLAS is single-threaded, expected threads=1");
        }
        blas = JavaBLAS.getInstance();
        if (!blas.getClass().getSimpleName().equals("VectorBLAS")) {
            throw new IllegalStateException("netlib JavaBLAS is " + blas.getClass().getName()
                    + ", expected VectorBLAS (does the fork have --add-modules jdk.incubator.vector?)");
        }
        open();
        transA = operands.shape.transA ? "T" : "N";
        transB = operands.shape.transB ? "T" : "N";
        checkOneCall();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checkMeasured();
    }

    @Override
    void output(float[] c) {
        this.c = c;
    }

    @Override
    float[] result() {
        return c;
    }

    @Override
    @Benchmark
    public void gemm(FlopCounter flops) {
        GemmShape s = operands.shape;
        // Column-major Cᵀ (n × m, ldc = n) = op(B)ᵀ (n × k) · op(A)ᵀ (k × m); B as stored is a column-major
        // bCols × bRows matrix with leading dimension bCols, A likewise with aCols.
        blas.sgemm(transB, transA, s.n, s.m, s.k, 1f, operands.b, s.bCols(), operands.a, s.aCols(), 0f, c, s.n);
        flops.gflop += gflop;
    }
}
