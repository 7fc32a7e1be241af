package org.relulab.bench.peers;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.relulab.bench.FlopCounter;
import org.relulab.bench.GemmShape;

/**
 * PyTorch's {@code torch::mm_out} (org.bytedeco:pytorch, libtorch 2.10 CPU) on the shapes of relulab's
 * GemmBenchmark: float32 tensors A, B and C allocated once, C = op(A)·op(B) into C, a transposed operand
 * passed as the view {@code .t()} (no copy: libtorch hands the strides to the BLAS). This libtorch runs
 * float32 GEMM in OpenBLAS 0.3.31, the OpenBLAS of {@link OpenBlasGemmBenchmark}: the two differ by what
 * libtorch adds around the call (dispatch, shape and stride checks, its choice of transposes). Scores as in
 * GemmBenchmark: calls/s, and GFLOP/s as the secondary metric "gflop".
 *
 * <p>Threads: {@link TorchThreads#use}, libtorch's intra-op threads and OpenBLAS's both set to
 * {@code threads} and read back in setup.
 *
 * <p>Mode, forks, warmup and measurement: {@link PeerGemmTrial}'s.
 */
public class TorchGemmBenchmark extends PeerGemmTrial {
    @Param({"1", "2"})
    public int threads;

    // libtorch's tensors (its CPU allocator's memory), allocated in setUp and released in tearDown; opA
    // and opB are A and B, or their transposed views.
    private Tensor a, b, c, opA, opB;

    public TorchGemmBenchmark() {
        super("torch::mm_out");
    }

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        open();
        GemmShape s = operands.shape;
        a = torch.empty(s.aRows(), s.aCols());
        b = torch.empty(s.bRows(), s.bCols());
        c = torch.empty(s.m, s.n);
        a.data_ptr_float().put(operands.a);
        b.data_ptr_float().put(operands.b);
        opA = s.transA ? a.t() : a;
        opB = s.transB ? b.t() : b;
        System.out.println(TorchThreads.use(threads));
        checkOneCall();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checkMeasured();
        } finally {
            for (Tensor t : new Tensor[] {opA, opB, a, b, c}) t.close();
        }
    }

    @Override
    void output(float[] data) {
        c.data_ptr_float().put(data);
    }

    @Override
    float[] result() {
        float[] out = new float[operands.shape.m * operands.shape.n];
        c.data_ptr_float().get(out);
        return out;
    }

    @Override
    @Benchmark
    public void gemm(FlopCounter flops) {
        torch.mm_out(c, opA, opB);
        flops.gflop += gflop;
    }
}
