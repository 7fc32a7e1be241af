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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;

/**
 * Time-to-ε in the LMZ20 setting: the wall time full-batch GD takes from w_i ~ N(0, I/d) until the test loss
 * is at most ε/d, with m = 4d and n = 10d² growing with d ({@link Lmz20Scaling} gives the choices and ε).
 * Secondary metrics ({@link StepCounters}): "steps", the gradient steps it took, and "cpuSeconds", the CPU
 * time of the benchmark thread, which with one GEMM thread is the run's cost without the waits for a core.
 *
 * <p>Mode SingleShotTime: one call is one whole training run, seconds to minutes long, so there is nothing
 * to repeat within an iteration. Each measured iteration is a fresh run with the next seed ({@code seed},
 * {@code seed} + 1, ...: training data, test set and initialization all change), so JMH's mean and error bar
 * are over seeds, whose plateau lengths differ; the data and student are built in the iteration's setup,
 * outside the timing. One fork: each fork is a fresh JVM, and more forks would only repeat the same seeds
 * ({@code relulab bench scaling} runs one seed per fork instead, in a shuffled order of (d, seed), so that a
 * change of the machine's load spreads over all d). The warmup iteration trains a run of its own seed for
 * {@link #WARMUP_SECONDS} s (no target), which compiles the step and the test evaluation before the first
 * timed run. The test loss is checked every {@link #CHECK_EVERY} steps, a forward pass over n test samples,
 * about 5 % of the step cost, counted in the time. One GEMM thread by default: on a shared machine two
 * threads wait at every GEMM barrier for a descheduled partner, and the exponent is the algorithm's, not the
 * thread count's.
 *
 * <pre>java -jar benchmarks.jar TimeToEpsilonBenchmark -p d=8,12,16 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class TimeToEpsilonBenchmark {
    static final int CHECK_EVERY = 10;
    static final long MAX_STEPS = 500_000, WARMUP_SECONDS = 3, WARMUP_SEED = 1000;

    @Param({"8", "10", "12", "14", "16", "20", "24", "28", "32", "36"}) // the grid of relulab bench scaling
    public int d;

    @Param({"1"})
    public int threads;

    /** The seed of the first measured run; the next runs take the seeds after it. */
    @Param({"1"})
    public long seed;

    private Kernels kernels;
    private Lmz20Descent run;
    private boolean warmup;
    private long runSeed, measured;

    @Setup(Level.Trial)
    public void startKernels() {
        kernels = Kernels.create(Provider.lookup(), threads);
    }

    @Setup(Level.Iteration)
    public void newRun(IterationParams iteration) {
        warmup = iteration.getType() == IterationType.WARMUP;
        runSeed = warmup ? WARMUP_SEED : seed + measured++;
        run = new Lmz20Descent(kernels, d, runSeed);
    }

    @Benchmark
    public long trainToEpsilon(StepCounters counters) {
        if (warmup) return run.descendTo(kernels, 0, MAX_STEPS, CHECK_EVERY, TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));
        double target = Lmz20Scaling.targetLoss(d);
        long cpu = StepCounters.cpuNanos();
        long steps = run.descendTo(kernels, target, MAX_STEPS, CHECK_EVERY, Long.MAX_VALUE);
        if (!run.reached(target)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "d = %d, seed %d: test loss x d %.3e after %d steps, "
                            + "expected at most eps = %.3e",
                    d, runSeed, run.testLoss() * d, steps, Lmz20Scaling.EPSILON));
        }
        counters.add(steps, cpu);
        return steps;
    }

    @TearDown(Level.Iteration)
    public void closeRun() {
        run.close();
    }

    @TearDown(Level.Trial)
    public void stopKernels() {
        kernels.close();
    }
}
