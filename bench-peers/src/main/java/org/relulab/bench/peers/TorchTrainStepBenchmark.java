package org.relulab.bench.peers;

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

/**
 * PyTorch's full-batch gradient step on relulab's TrainStepBenchmark problem: n = 4096 samples, d = 128
 * inputs, m = 1024 hidden units, f(x) = Σ_i (a_i/m) ReLU(w_iᵀx) (relulab's {@code OutputLayer.MEAN}), the
 * objective J = (1/(2n)) Σ_j (f(x_j) − y_j)² (relulab's {@code TwoLayerStep}), gradient descent on W and a
 * with η = 10⁻³ (relulab's {@code GradientDescent(1e-3)}), all float32. Two steps:
 *
 * <ul>
 *   <li>{@code autograd}: the idiomatic step, {@link TorchAutogradStep} (forward, {@code mse_loss},
 *       {@code backward()}, {@code torch::optim::SGD}), each step's tensors freed at its end by a JavaCPP
 *       {@code PointerScope};
 *   <li>{@code allocationFree}: an expert's step, {@link TorchManualStep} (preallocated tensors, {@code
 *       mm_out}, in-place ReLU, the backward pass by hand).
 * </ul>
 *
 * Threads: {@link TorchThreads#use} (libtorch's intra-op threads and OpenBLAS's both at {@code threads},
 * read back in setup; {@code intraOpThreads} sets the first apart). Average time per step, forks, warmup and
 * measurement as TrainStepBenchmark's, so the two run side by side; {@code -prof gc} gives the Java heap
 * bytes per step (JavaCPP's handles; libtorch's own memory is native and not counted there).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TorchTrainStepBenchmark {
    static final int N = 4096, D = 128, M = 1024;
    static final double LR = 1e-3; // small: the parameters barely move over a benchmark

    @Param({"1", "2"})
    public int threads;

    /**
     * libtorch's intra-op threads (element-wise kernels, reductions) when not {@code threads}; 0: {@code
     * threads}. OpenBLAS (GEMM, GEMV) always runs {@code threads}. Both are measured by default: on the 2-core
     * Intel Xeon of results/intel-xeon-2c-20261205-peers the two pools at 2 threads each made the 2-thread step
     * 2.9× slower (36.5 against 12.5 ms, allocation-free) than element-wise work on one thread and the BLAS on two
     * (see {@link TorchThreads}).
     */
    @Param({"0", "1"})
    public int intraOpThreads;

    private TorchTwoLayerProblem problem;
    private TorchAutogradStep autograd;
    private TorchManualStep manual;

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        System.out.println(TorchThreads.use(intraOpThreads == 0 ? threads : intraOpThreads, threads));
        problem = new TorchTwoLayerProblem(N, D, M, 1);
        autograd = new TorchAutogradStep(problem, LR);
        manual = new TorchManualStep(problem, LR);
        double idiomatic = autograd.step(), expert = manual.step();
        if (!Double.isFinite(idiomatic) || Math.abs(idiomatic - expert) > 1e-4 * Math.abs(idiomatic)) {
            throw new IllegalStateException("torch step benchmark: first losses " + idiomatic + " (autograd) and "
                    + expert + " (allocation-free), expected equal and finite");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        autograd.close();
        manual.close();
        problem.close();
    }

    @Benchmark
    public double autograd() {
        return autograd.step();
    }

    @Benchmark
    public double allocationFree() {
        return manual.step();
    }
}
