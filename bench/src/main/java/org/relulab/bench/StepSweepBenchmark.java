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
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;

/**
 * The training step's work besides its two GEMMs, sweep by sweep, on {@link TrainStepBenchmark}'s problem (n = 4096
 * samples, m = 1024 ReLU units): the forward's outputs H·c ({@code outputs}), and the backward's dc = Hᵀ·r with
 * G = (r·cᵀ) ⊙ σ'(H) as two calls ({@code backwardTwoCalls}, two sweeps over the 16 MiB of H) or as the fused one
 * ({@code backwardFused}, one sweep). Run it in one JMH run with TrainStepBenchmark to set the sweeps beside the step
 * and its GEMMs. Average time per call; the secondary metrics ({@link StepCounters}) give the benchmark thread's CPU
 * time, the steadier clock on a loaded machine at one thread. Forks and iterations as in TrainStepBenchmark.
 *
 * <pre>java -jar benchmarks.jar 'StepSweepBenchmark|TrainStepBenchmark'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StepSweepBenchmark {
    @Param({"1", "2"})
    public int threads;

    private Workspace ws;
    private Kernels kernels;
    /** H (n × m, ReLU outputs), G (n × m), r (n), c and dc (m). */
    private Matrix h, g, r, c, dc;

    @Setup(Level.Trial)
    public void setUp() {
        int n = TrainStepBenchmark.N, m = TrainStepBenchmark.M;
        ws = Workspace.shared();
        kernels = Kernels.create(Provider.lookup(), threads);
        h = ws.matrix(n, m);
        g = ws.matrix(n, m);
        r = ws.column(n);
        c = ws.matrix(1, m);
        dc = ws.matrix(1, m);
        kernels.gaussianFill(h, 5, 0f, 1f);
        kernels.relu(h, h);
        kernels.gaussianFill(r, 6, 0f, 1f / n);
        kernels.gaussianFill(c, 7, 0f, 1f / m);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
        ws.close();
    }

    @Benchmark
    public Matrix outputs(StepCounters counters) {
        long cpu = StepCounters.cpuNanos();
        kernels.gemv(false, 1f, h, c, 0f, r);
        counters.add(1, cpu);
        return r;
    }

    @Benchmark
    public Matrix backwardTwoCalls(StepCounters counters) {
        long cpu = StepCounters.cpuNanos();
        kernels.gemv(true, 1f, h, r, 0f, dc);
        kernels.outerActivateBackward(Activation.RELU, r, c, h, g);
        counters.add(1, cpu);
        return g;
    }

    @Benchmark
    public Matrix backwardFused(StepCounters counters) {
        long cpu = StepCounters.cpuNanos();
        kernels.outerActivateBackward(Activation.RELU, r, c, h, g, 1f, h, dc);
        counters.add(1, cpu);
        return g;
    }
}
