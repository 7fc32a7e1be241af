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
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.LinearizedStep;
import org.relulab.training.step.ReluNetworkStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * One SGD step of ALL19's three-layer learner, all layers trained, at its Fig. 1 shape: a batch of n = 50
 * inputs in d = 4, hidden widths m1 = m2 = {@code m} (forward, backward, update with weight decay:
 * {@code step}), beside the three m1 × m2 GEMMs no step can avoid (H1·Vᵀ, G2ᵀ·H1 and G2·V: {@code threeGemms})
 * on the same operands, the step of the last-layer-only learner ({@code lastLayerStep}: forward and ∇a), and the
 * step of the "3-layer NTK" learner, the network linearized at init ({@code linearizedStep}: 8 GEMMs, five of
 * them n × m × m, and Δ = θ − θ₀ over V, where {@code step} runs 5 GEMMs, three of that size).
 * Average time per call; forks and iterations as in {@link TrainStepBenchmark}. Run with {@code -prof gc} to see
 * the heap bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReluNetworkStepBenchmark {
    static final int N = 50, D = 4;

    @Param({"256", "1000"})
    public int m;

    @Param({"1", "2"})
    public int threads;

    private Workspace ws;
    private Kernels kernels;
    private ReluNetworkStudent all, last;
    private ReluNetworkStep allStep, lastStep;
    private LinearizedNetwork linearized;
    private LinearizedStep linearizedStep;
    private GradientDescent sgd;
    private Matrix x, y, h1, g2, gradV, g1, h2;

    @Setup(Level.Trial)
    public void setUp() {
        ws = Workspace.shared();
        kernels = Kernels.create(Provider.lookup(), threads);
        x = ws.matrix(N, D);
        y = ws.column(N);
        kernels.gaussianFill(x, 1, 0f, 1f);
        kernels.gaussianFill(y, 2, 0f, 1f);
        all = ReluNetworkStudent.threeLayer(ws, D, m, m, TrainedLayers.ALL);
        last = ReluNetworkStudent.threeLayer(ws, D, m, m, TrainedLayers.LAST);
        all.initialize(kernels, 3, 1);
        last.initialize(kernels, 3, 1);
        allStep = new ReluNetworkStep(ws, all, N);
        lastStep = new ReluNetworkStep(ws, last, N);
        sgd = new GradientDescent(1e-6, 1e-4); // small: the parameters barely move over a benchmark
        h1 = ws.matrix(N, m);
        h2 = ws.matrix(N, m);
        g2 = ws.matrix(N, m);
        g1 = ws.matrix(N, m);
        gradV = ws.matrix(m, m);
        kernels.gaussianFill(h1, 4, 0f, 1f);
        kernels.gaussianFill(g2, 5, 0f, 1f);
        double loss = allStep.forward(kernels, x, y);
        if (!Double.isFinite(loss)) throw new IllegalStateException("step benchmark: initial loss " + loss);
        linearized = LinearizedNetwork.threeLayer(ws, D, m, m, TrainedLayers.ALL);
        linearized.initialize(kernels, 3, 1);
        linearizedStep = new LinearizedStep(ws, linearized, N);
        sgdStep(linearized, linearizedStep); // θ ≠ θ₀ from here on: the tangent pass does not add zeros
        double gap = Math.abs(linearizedStep.forward(kernels, x, y) - loss);
        if (!(gap < 1e-3))
            throw new IllegalStateException("step benchmark: linearized loss off the network's by " + gap);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
        ws.close();
    }

    @Benchmark
    public double step() { return sgdStep(all, allStep); }

    @Benchmark
    public double lastLayerStep() { return sgdStep(last, lastStep); }

    @Benchmark
    public double linearizedStep() { return sgdStep(linearized, linearizedStep); }

    private double sgdStep(Learner s, LearnerStep g) {
        double loss = g.forward(kernels, x, y);
        g.backward(kernels, x);
        sgd.update(kernels, s, g, 0);
        return loss;
    }

    @Benchmark
    public Matrix threeGemms() {
        Matrix v = all.weights(2);
        kernels.gemm(false, true, 1f, h1, v, 0f, h2);     // forward, layer 2
        kernels.gemm(true, false, 1f, g2, h1, 0f, gradV); // ∇V
        kernels.gemm(false, false, 1f, g2, v, 0f, g1);    // G1 before its mask
        return g1;
    }
}
