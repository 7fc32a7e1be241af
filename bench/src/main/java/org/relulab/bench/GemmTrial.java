package org.relulab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings of every GEMM benchmark, relulab's and the peers' (which add native access to the forks):
 * one trial state per benchmark, calls per second, and these forks, warmup and measurement, so that their
 * scores compare. A subclass declares its own {@code @Param}s and {@code @Benchmark} methods.
 *
 * <p>Throughput is the only mode: a second, AverageTime method would double a run that already takes
 * minutes, and time per call is the reciprocal of the score ({@link JmhTable} prints it beside it). So the
 * JSON holds one record per shape, thread count and provider, with both figures in it.
 *
 * <p>Forks: 2, because each JVM makes its own inlining and register-allocation choices for the kernels
 * and lays out its own off-heap memory; the error then includes that spread between JVMs. Warmup 3 × 2 s:
 * time for C2 to compile the kernels and then for several calls of the largest shape (sq2048 is 17 GFLOP,
 * about 0.3 s a call on one thread). Measurement 5 × 2 s: several calls per iteration at every shape. Forks
 * get {@code --add-modules jdk.incubator.vector}: the SIMD kernels need it, JMH's own JVM does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class GemmTrial {
}
