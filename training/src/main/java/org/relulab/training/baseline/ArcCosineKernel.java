package org.relulab.training.baseline;

import org.relulab.core.KernelFunction;

/**
 * Cho and Saul's arc-cosine kernel of degree 0 or 1: κ₀ = E[1{u &gt; 0}1{v &gt; 0}] = (π − θ)/(2π) and
 * κ₁ = E[ReLU(u)ReLU(v)] = (‖x‖‖x′‖ sin θ + (π − θ) xᵀx′)/(2π), u = wᵀx, v = wᵀx′, w ~ N(0, I/d).
 * κ₁ is the last-layer (random-features) kernel of a ReLU network.
 */
public record ArcCosineKernel(int degree) implements DotProductKernel {
    public ArcCosineKernel {
        if (degree != 0 && degree != 1)
            throw new IllegalArgumentException("ArcCosineKernel: degree " + degree + " (expected 0 or 1)");
    }

    @Override
    public KernelFunction function() {
        return degree == 0 ? KernelFunction.ARC_COSINE_0 : KernelFunction.ARC_COSINE_1;
    }

    @Override
    public String describe() {
        return "arc-cosine kernel κ" + (degree == 0 ? "₀" : "₁") + ", inputs scaled by 1/d";
    }
}
