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
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;

/**
 * One full-batch gradient step of f(x) = Σ_i (a_i/m) ReLU(w_iᵀx) at n = 4096 samples, d = 128 inputs,
 * m = 1024 hidden units (forward, backward, update: {@code step}), beside the two GEMMs no step can avoid
 * (Z = X·Wᵀ and ∇W = Gᵀ·X: {@code twoGemms}) on the same operands. The trainer's target is step ≤ 1.25 ×
 * twoGemms; both run in one JMH run so their ratio is measured under the same conditions. Average time
 * per call; forks and iterations as in {@link GemmBenchmark}. Run with {@code -prof gc} to see the step's
 * heap bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {
    static final int N = 4096, D = 128, M = 1024;

    @Param({"1", "2"})
    public int threads;

    private Workspace ws;
    private Kernels kernels;
    private TwoLayerStudent student;
    private TwoLayerStep step;
    private GradientDescent gd;
    private Matrix x, y, z, g, gradW;

    @Setup(Level.Trial)
    public void setUp() {
        ws = Workspace.shared();
        kernels = Kernels.create(Provider.lookup(), threads);
        x = ws.matrix(N, D);
        y = ws.column(N);
        kernels.gaussianFill(x, 1, 0f, 1f);
        kernels.gaussianFill(y, 2, 0f, 1f);
        student = new TwoLayerStudent(ws, M, D, Activation.RELU, OutputLayer.MEAN);
        Initialization.GAUSSIAN.apply(kernels, student, 1, 3);
        step = new TwoLayerStep(ws, student, N);
        gd = new GradientDescent(1e-3); // small: the parameters barely move over a benchmark
        z = ws.matrix(N, M);
        g = ws.matrix(N, M);
        gradW = ws.matrix(M, D);
        kernels.gaussianFill(g, 4, 0f, 1f);
        double loss = step.forward(kernels, x, y);
        if (!Double.isFinite(loss)) throw new IllegalStateException("step benchmark: initial loss " + loss);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
        ws.close();
    }

    @Benchmark
    public double step() {
        double loss = step.forward(kernels, x, y);
        step.backward(kernels, x);
        gd.update(kernels, student, step, 0);
        return loss;
    }

    @Benchmark
    public Matrix twoGemms() {
        kernels.gemm(false, true, 1f, x, student.w, 0f, z); // plain: the reference is the GEMMs alone
        kernels.gemm(true, false, 1f, g, x, 0f, gradW);
        return gradW;
    }
}
