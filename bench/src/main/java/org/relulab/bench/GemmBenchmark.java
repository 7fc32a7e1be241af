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

/**
 * C = op(A)·op(B) for each {@link GemmShape} on 1 and 2 threads: calls per second (the primary score) and
 * GFLOP/s (the secondary metric "gflop").
 *
 * <p>Throughput is the only mode: a second, AverageTime method would double a run that already takes
 * minutes, and time per call is the reciprocal of the score ({@link JmhTable} prints it beside it). So the
 * JSON holds one record per shape, thread count and provider, with both figures in it.
 *
 * <p>Forks: 2, because each JVM makes its own inlining and register-allocation choices for the kernels
 * and lays out its own off-heap memory; the error then includes that spread between JVMs. Warmup 3 × 2 s:
 * time for C2 to compile the kernels and then for several calls of the largest shape (sq2048 is 17 GFLOP,
 * about 0.3 s a call on one thread). Measurement 5 × 2 s: several calls per iteration at every shape. The
 * 14 default trials take about 8 minutes. Forks get {@code --add-modules jdk.incubator.vector}: the SIMD
 * kernels need it, JMH's own JVM does not.
 *
 * <p>The scalar twin is slow (seconds per call at sq2048), so it is not in the default set:
 * {@code -p provider=scalar} selects it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GemmBenchmark {
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "fwd", "gtx", "gw", "skinny"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"simd"})
    public String provider;

    private Kernels kernels;
    private GemmOperands operands;
    private double gflop;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.create(ProviderParam.parse(provider), threads);
        operands = new GemmOperands(GemmShape.of(shape), kernels);
        gflop = operands.shape.gflop();
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
            operands.close();
            kernels.close();
        }
    }

    @Benchmark
    public void gemm(FlopCounter flops) {
        operands.multiply(kernels);
        flops.gflop += gflop;
    }
}
