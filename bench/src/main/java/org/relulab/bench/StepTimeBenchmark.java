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
import org.relulab.core.Provider;

/**
 * The time of one step of {@link TimeToEpsilonBenchmark}'s training ({@link Lmz20Descent#step}: forward,
 * backward and GD update of the LMZ20 student on the abs teacher's data) as d, m and n are varied one at a
 * time around d = 32, m = 128, n = 10240 ({@link StepSize}), against its flop count 4nmd. Average time per step; one
 * fork, short iterations
 * (a step is 0.3 to 50 ms), one GEMM thread as in the time-to-ε benchmark. Secondary metrics
 * ({@link StepCounters}): steps and the benchmark thread's CPU seconds per iteration, whose ratio is the CPU
 * time per step (two clock reads per step, about a microsecond).
 *
 * <pre>java -jar benchmarks.jar StepTimeBenchmark -p size=d16,d32,d64</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class StepTimeBenchmark {
    @Param({"d4", "d8", "d16", "d32", "d64", "d128", "d256", "m16", "m32", "m64", "m128", "m256", "m512", "m1024",
            "n1280", "n2560", "n5120", "n10240", "n20480", "n40960", "n81920"})
    public String size;

    @Param({"1"})
    public int threads;

    private Kernels kernels;
    private Lmz20Descent run;

    @Setup(Level.Trial)
    public void setUp() {
        StepSize s = StepSize.parse(size);
        kernels = Kernels.create(Provider.lookup(), threads);
        run = new Lmz20Descent(kernels, s.d(), s.m(), s.n(), 1);
        double loss = run.step(kernels);
        if (!Double.isFinite(loss))
            throw new IllegalStateException("step time benchmark " + size + ": initial loss " + loss);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        run.close();
        kernels.close();
    }

    @Benchmark
    public double step(StepCounters counters) {
        long cpu = StepCounters.cpuNanos();
        double loss = run.step(kernels);
        counters.add(1, cpu);
        return loss;
    }
}
