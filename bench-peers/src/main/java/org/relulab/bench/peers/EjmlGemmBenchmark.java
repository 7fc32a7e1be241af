package org.relulab.bench.peers;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.relulab.bench.FlopCounter;
import org.relulab.bench.GemmShape;

/**
 * EJML's dense row-major float product ({@code mult}, {@code multTransA}, {@code multTransB} on
 * {@link FMatrixRMaj}) on the shapes of relulab's GemmBenchmark: the common pure-Java matrix library,
 * plain scalar Java.
 *
 * <p>Threads: threads=1 runs {@link CommonOps_FDRM}, single-threaded; threads=2 runs its concurrent twin
 * {@link CommonOps_MT_FDRM} on EJML's fork-join pool, sized with {@link EjmlConcurrency#setMaxThreads}
 * (the setup fails unless the pool then has that many threads).
 *
 * <p>Mode, forks, warmup and measurement: {@link PeerGemmTrial}'s, GemmBenchmark's with native access.
 */
public class EjmlGemmBenchmark extends PeerGemmTrial {
    @Param({"1", "2"})
    public int threads;

    private FMatrixRMaj a, b, c;

    public EjmlGemmBenchmark() {
        super("EJML mult");
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (threads < 1) throw new IllegalArgumentException("threads=" + threads + ", expected 1 or more");
        if (threads > 1) {
            EjmlConcurrency.setMaxThreads(threads);
            int pool = EjmlConcurrency.getThreadPool().getParallelism();
            if (pool != threads) {
                throw new IllegalStateException("EJML's pool has " + pool + " threads after setMaxThreads("
                        + threads + "), expected " + threads);
            }
        }
        open();
        GemmShape s = operands.shape;
        // FMatrixRMaj wraps the row-major arrays as they are; C is m × n.
        a = FMatrixRMaj.wrap(s.aRows(), s.aCols(), operands.a);
        b = FMatrixRMaj.wrap(s.bRows(), s.bCols(), operands.b);
        checkOneCall();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checkMeasured();
    }

    @Override
    void output(float[] data) {
        c = FMatrixRMaj.wrap(operands.shape.m, operands.shape.n, data);
    }

    @Override
    float[] result() {
        return c.data;
    }

    @Override
    @Benchmark
    public void gemm(FlopCounter flops) {
        GemmShape s = operands.shape;
        if (threads == 1) {
            if (s.transA && s.transB) CommonOps_FDRM.multTransAB(a, b, c);
            else if (s.transA) CommonOps_FDRM.multTransA(a, b, c);
            else if (s.transB) CommonOps_FDRM.multTransB(a, b, c);
            else CommonOps_FDRM.mult(a, b, c);
        } else {
            if (s.transA && s.transB) CommonOps_MT_FDRM.multTransAB(a, b, c);
            else if (s.transA) CommonOps_MT_FDRM.multTransA(a, b, c);
            else if (s.transB) CommonOps_MT_FDRM.multTransB(a, b, c);
            else CommonOps_MT_FDRM.mult(a, b, c);
        }
        flops.gflop += gflop;
    }
}
