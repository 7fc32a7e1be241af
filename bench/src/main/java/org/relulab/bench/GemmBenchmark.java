package org.relulab.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * C = op(A)·op(B) for each {@link GemmShape} on 1 and 2 threads: calls per second (the primary score) and
 * GFLOP/s (the secondary metric "gflop"). Mode, forks, warmup and measurement are {@link GemmTrial}'s,
 * which gives the reasons. The 14 default trials take about 8 minutes.
 *
 * <p>The scalar twin is slow (seconds per call at sq2048), so it is not in the default set:
 * {@code -p provider=scalar} selects it.
 */
public class GemmBenchmark extends RelulabGemmTrial {
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "fwd", "gtx", "gw", "skinny"})
    public String shape;

    @Setup(Level.Trial)
    public void setUp() {
        open(shape);
        operands.clearOutputs();
        operands.multiply(kernels);
        operands.check("gemm before measuring", false);
        operands.clearOutputs(); // the check in tearDown then sees what the measured calls wrote
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            operands.check("gemm after measuring", false);
        } finally {
            close();
        }
    }

    @Benchmark
    public void gemm(FlopCounter flops) {
        operands.multiply(kernels);
        flops.gflop += gflop;
    }
}
