package org.relulab.training.baseline;

import org.relulab.core.Activation;
import org.relulab.core.KernelFunction;

/**
 * The neural tangent kernel of a two-layer network f(x) = (1/√m) Σ_r a_r σ(w_rᵀx) at infinite width, with
 * w_r ~ N(0, I/d) and a_r of unit variance: E[σ(u)σ(v)] from the output layer plus (xᵀx′/d)·E[σ′(u)σ′(v)]
 * from the first, u = wᵀx, v = wᵀx′ (docs/papers.md). {@code trained} picks the layers that learn: only the last
 * gives the random-features (conjugate) kernel, κ₁ for ReLU; only the first gives (xᵀx′/d)·κ₀ for ReLU.
 * The first-layer term's 1/d is the NTK parametrization (gradients with respect to √d·w); with gradients
 * with respect to w itself it would be d times larger, a different weighting of the two layers.
 */
public record NeuralTangentKernel(Activation activation, Layers trained) implements DotProductKernel {
    /** Which layers of the two-layer network are trained. */
    public enum Layers { BOTH, FIRST, LAST }

    public NeuralTangentKernel {
        if (activation != Activation.RELU && activation != Activation.ABS) {
            throw new IllegalArgumentException(
                    "NeuralTangentKernel: activation " + activation + " (expected RELU or ABS)");
        }
        if (trained == null)
            throw new IllegalArgumentException(
                    "NeuralTangentKernel: trained layers is null (expected BOTH, FIRST or LAST)");
    }

    /** Both layers trained. */
    public NeuralTangentKernel(Activation activation) {
        this(activation, Layers.BOTH);
    }

    @Override
    public KernelFunction function() {
        boolean relu = activation == Activation.RELU;
        return switch (trained) {
            case BOTH -> relu ? KernelFunction.RELU_NTK : KernelFunction.ABS_NTK;
            case FIRST -> relu ? KernelFunction.RELU_NTK_FIRST_LAYER : KernelFunction.ABS_NTK_FIRST_LAYER;
            case LAST -> relu ? KernelFunction.ARC_COSINE_1 : KernelFunction.ABS;
        };
    }

    @Override
    public String describe() {
        String layers = switch (trained) {
            case BOTH -> "both layers";
            case FIRST -> "first layer only";
            case LAST -> "last layer only (random features)";
        };
        return "NTK of a two-layer " + activation.name().toLowerCase(java.util.Locale.ROOT) + " network, " + layers
                + ", inputs scaled by 1/d";
    }
}
