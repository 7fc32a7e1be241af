package org.relulab.bench;

import org.openjdk.jmh.annotations.Param;
import org.relulab.core.Kernels;

/**
 * A trial of relulab's own GEMM: the kernels of the {@code provider} and {@code threads} parameters, which
 * every such benchmark takes with these values, and the operands of its {@code shape} parameter, opened in
 * the trial's setup and closed in its teardown.
 */
public abstract class RelulabGemmTrial extends GemmTrial {
    @Param({"1", "2"})
    public int threads;

    @Param({"simd"})
    public String provider;

    Kernels kernels;
    GemmOperands operands;
    /** GFLOP of one product, added to the "gflop" counter by each measured call. */
    double gflop;

    void open(String shape) {
        kernels = Kernels.create(ProviderParam.parse(provider), threads);
        operands = new GemmOperands(GemmShape.of(shape), kernels);
        gflop = operands.shape.gflop();
    }

    /** Frees the operands, then stops the kernels. */
    void close() {
        operands.close();
        kernels.close();
    }
}
