package org.relulab.training.student;

import java.io.IOException;
import java.nio.file.Path;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.step.LinearizedStep;

/**
 * The linearized network, ALL19's "NTK" learner (two or three layers) and the finite-width NTK baseline of
 * LMZ20: the first-order Taylor expansion of a {@link ReluNetworkStudent} around its initialization θ₀,
 * <pre>
 *   F_lin(x; θ) = F(x; θ₀) + ⟨∇_θ F(x; θ₀), θ − θ₀⟩,
 * </pre>
 * over the blocks its {@link TrainedLayers} trains. F_lin is affine in θ: gradient descent on the squared loss
 * is regression on the fixed tangent features ∇_θ F(x; θ₀), whose Gram matrix is the network's empirical NTK.
 * With {@link TrainedLayers#LAST} the tangent features are the random ReLU features h_L(x; θ₀)/√m_L and F_lin is
 * the network itself with only a trained (F is linear in a): random features.
 *
 * <p>Two networks of the same shape: {@link #initial()}, θ₀, frozen after {@link #initialize}; and
 * {@link #network()}, θ, whose trained blocks are this learner's {@link #block}s (W, b1, V, b2, a order) and
 * whose other blocks stay equal to θ₀'s. {@link LinearizedStep} computes F_lin and its gradient. Memory
 * belongs to the workspace given at construction.
 */
public final class LinearizedNetwork implements Learner {
    private final ReluNetworkStudent initial, theta;

    private LinearizedNetwork(ReluNetworkStudent initial, ReluNetworkStudent theta) {
        this.initial = initial;
        this.theta = theta;
    }

    /** The linearization of the three-layer network of {@link ReluNetworkStudent#threeLayer}. */
    public static LinearizedNetwork threeLayer(Workspace ws, int d, int m1, int m2, TrainedLayers trained) {
        return new LinearizedNetwork(ReluNetworkStudent.threeLayer(ws, d, m1, m2, trained),
                ReluNetworkStudent.threeLayer(ws, d, m1, m2, trained));
    }

    /** The linearization of the two-layer network of {@link ReluNetworkStudent#twoLayer}. */
    public static LinearizedNetwork twoLayer(Workspace ws, int d, int m, TrainedLayers trained) {
        return new LinearizedNetwork(ReluNetworkStudent.twoLayer(ws, d, m, trained),
                ReluNetworkStudent.twoLayer(ws, d, m, trained));
    }

    /**
     * Draws θ₀ as {@link ReluNetworkStudent#initialize} does (same seed, same draws) and starts θ at θ₀,
     * every block copied, trained or not.
     */
    public void initialize(Kernels k, long seed, double outputStd) {
        initial.initialize(k, seed, outputStd);
        for (int l = 1; l <= initial.hiddenLayers(); l++) {
            theta.weights(l).copyFrom(initial.weights(l));
            theta.bias(l).copyFrom(initial.bias(l));
        }
        theta.a.copyFrom(initial.a);
    }

    /** θ₀: the network at initialization, the linearization point. Frozen: nothing may move it. */
    public ReluNetworkStudent initial() {
        return initial;
    }

    /** θ: the network whose trained blocks the optimizer moves; F(x; θ) is the network F_lin approximates. */
    public ReluNetworkStudent network() {
        return theta;
    }

    @Override
    public int inputDim() { return theta.d; }

    @Override
    public int blocks() { return theta.blocks(); }

    /** Trained block i of θ, in the order W, b1, V, b2, a (untrained ones left out). */
    @Override
    public Matrix block(int i) { return theta.block(i); }

    @Override
    public String blockName(int i) { return theta.blockName(i); }

    /** One line: the linearization, then the network's own line. */
    @Override
    public String describe() {
        return "linearized at init (NTK regime) F(x;theta0) + <grad F(x;theta0), theta - theta0> of the "
                + theta.describe();
    }

    /** The weights θ of the linearized network, named as {@link ReluNetworkStudent}'s. */
    @Override
    public void saveWeights(Path dir) throws IOException {
        theta.saveWeights(dir);
    }
}
