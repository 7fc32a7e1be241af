package org.relulab.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What fusing the ReLU into the GEMM is worth: C = X·Wᵀ and H = ReLU(C) in one call ({@link #fused}) against
 * the GEMM followed by a separate ReLU pass over C ({@link #separate}), and H = ReLU(X·Wᵀ) alone with the
 * activation applied in place ({@link #fusedInPlace}: no C, what a ReLU layer's training step needs). The
 * first two write the same C and H; "gflop"
 * counts the GEMM's flops only, so the two GFLOP/s figures compare directly. Default shape: fwd, the
 * forward pass of the training step (C is 4096×1024, 16 MB: the separate pass reads it back from memory).
 *
 * <p>Mode, forks, warmup and measurement are {@link GemmTrial}'s, as for {@link GemmBenchmark}.
 */
public class FusedGemmBenchmark extends RelulabGemmTrial {
    @Param({"fwd"})
    public String shape;

    @Setup(Level.Trial)
    public void setUp() {
        open(shape);
        operands.clearOutputs();
        fused(new FlopCounter());
        operands.check("fused gemm + relu before measuring", true);
        operands.clearOutputs();
        separate(new FlopCounter());
        operands.check("gemm, then relu, before measuring", true);
        operands.clearOutputs();
        operands.multiply(kernels);
        fusedInPlace(new FlopCounter());
        operands.check("gemm, then relu in place, before measuring", true);
        operands.clearOutputs(); // the check in tearDown then sees what the measured calls wrote
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        try {
            if (params.getBenchmark().endsWith("fusedInPlace")) operands.multiply(kernels); // C, to check H against

            operands.check("gemm + relu after measuring", true);
        } finally {
            close();
        }
    }

    @Benchmark
    public void fused(FlopCounter flops) {
        operands.multiplyRelu(kernels);
        flops.gflop += gflop;
    }

    @Benchmark
    public void fusedInPlace(FlopCounter flops) {
        operands.multiplyReluInPlace(kernels);
        flops.gflop += gflop;
    }

    @Benchmark
    public void separate(FlopCounter flops) {
        operands.multiply(kernels);
        kernels.relu(operands.c, operands.h);
        flops.gflop += gflop;
    }
}
