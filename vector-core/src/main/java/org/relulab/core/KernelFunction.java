package org.relulab.core;

/**
 * The kernels of two-layer networks with Gaussian first-layer weights, as functions of g = xᵀx′ and the
 * squared norms ‖x‖², ‖x′‖² (docs/papers.md, "Kernel baselines"). With a = ‖x‖, b = ‖x′‖, c = g/(ab) clamped to
 * [−1, 1], θ = arccos c, u = wᵀx, v = wᵀx′, w ~ N(0, I):
 * <ul>
 *   <li>κ₀ = E[1{u &gt; 0}1{v &gt; 0}] = (π − θ)/(2π);
 *   <li>κ₁ = E[ReLU(u)ReLU(v)] = (ab sin θ + (π − θ) g)/(2π);
 *   <li>the |·| kernel E[|u||v|]: |t| = ReLU(t) + ReLU(−t) and w → −w is a symmetry, so
 *       E[|u||v|] = 2κ₁(x, x′) + 2κ₁(x, −x′) = (2/π)(ab sin θ + g·arcsin c) = 4κ₁ − g (neural-tangents'
 *       {@code ABRelu(-1, 1)}: ab·g + (b − a)²κ₁ with a = −1, b = 1);
 *   <li>E[sign(u)sign(v)] = 2κ₀(x, x′) − 2κ₀(x, −x′) = 1 − 2θ/π = (2/π) arcsin c.
 * </ul>
 * The NTK of f = (1/√m) Σ a_r σ(w_rᵀx) with a_r² = 1 on average is E[σ(u)σ(v)] + g·E[σ′(u)σ′(v)]: the first
 * term from the output layer, the second from the first layer. A zero input (ab = 0) is given c = 0: every
 * kernel but κ₀ is then 0, as its expectation is; κ₀ is 1/4 (a fair coin for the sign of 0).
 *
 * <p>For weights w ~ N(0, I/d) use the scaled inputs x/√d: g → g/d, ‖x‖² → ‖x‖²/d ({@code scale} in
 * {@link Kernels#kernelFromGram}); the first-layer term's g becomes g/d too, which is the NTK with the
 * gradient taken with respect to the standardized weights √d·w (the NTK parametrization).
 */
public enum KernelFunction {
    /** κ₀ = (π − θ)/(2π), the arc-cosine kernel of degree 0. */
    ARC_COSINE_0(0, 0, 1 / (2 * Math.PI), 0),
    /**
     * κ₁ = (ab sin θ + (π − θ) g)/(2π), the arc-cosine kernel of degree 1: ReLU's last-layer (random-features) kernel.
     */
    ARC_COSINE_1(1 / (2 * Math.PI), 1 / (2 * Math.PI), 0, 0),
    /** κ₁ + g·κ₀: the NTK of a two-layer ReLU network, both layers trained. */
    RELU_NTK(1 / (2 * Math.PI), 1 / Math.PI, 0, 0),
    /** g·κ₀: the NTK of a two-layer ReLU network with only the first layer trained. */
    RELU_NTK_FIRST_LAYER(0, 1 / (2 * Math.PI), 0, 0),
    /** E[|u||v|] = (2/π)(ab sin θ + g arcsin c): the last-layer kernel of the |·| activation. */
    ABS(2 / Math.PI, 2 / Math.PI, 0, -1),
    /** E[|u||v|] + g·(2/π) arcsin c: the NTK of a two-layer |·| network, both layers trained. */
    ABS_NTK(2 / Math.PI, 4 / Math.PI, 0, -2),
    /** g·(2/π) arcsin c: the NTK of a two-layer |·| network with only the first layer trained. */
    ABS_NTK_FIRST_LAYER(0, 2 / Math.PI, 0, -1);

    // Every kernel above is sinWeight·ab·sin θ + (angleDotWeight·g + angleWeight)·(π − θ) + dotWeight·g
    // (arcsin c = (π − θ) − π/2): the SIMD kernel evaluates that one form, with no branch on the function.
    final float sinWeight, angleDotWeight, angleWeight, dotWeight;

    KernelFunction(double sinWeight, double angleDotWeight, double angleWeight, double dotWeight) {
        this.sinWeight = (float) sinWeight;
        this.angleDotWeight = (float) angleDotWeight;
        this.angleWeight = (float) angleWeight;
        this.dotWeight = (float) dotWeight;
    }

    /**
     * The kernel in double precision from the formulas above (the reference the SIMD kernel is held to):
     * {@code dot} = xᵀx′, {@code sqNormX} = ‖x‖², {@code sqNormY} = ‖x′‖². NaN in, NaN out.
     *
     * @param dot g = xᵀx′, the inner product of the two inputs (already scaled, e.g. by 1/d)
     * @param sqNormX ‖x‖², on the same scale as {@code dot}
     * @param sqNormY ‖x′‖², on the same scale as {@code dot}
     * @return k(x, x′); when either norm is 0 the cosine is taken as 0 (see the class comment)
     */
    public double value(double dot, double sqNormX, double sqNormY) {
        double ab = Math.sqrt(sqNormX * sqNormY);
        double c = ab == 0 ? 0 : Math.max(-1, Math.min(1, dot / ab)); // Math.max/min pass NaN through
        return switch (this) {
            case ARC_COSINE_0 -> kappa0(c);
            case ARC_COSINE_1 -> kappa1(ab, c, dot);
            case RELU_NTK -> kappa1(ab, c, dot) + dot * kappa0(c);
            case RELU_NTK_FIRST_LAYER -> dot * kappa0(c);
            case ABS -> absKernel(ab, c, dot);
            case ABS_NTK -> absKernel(ab, c, dot) + dot * signs(c);
            case ABS_NTK_FIRST_LAYER -> dot * signs(c);
        };
    }

    /** κ₀ = (π − θ)/(2π). */
    private static double kappa0(double c) {
        return (Math.PI - Math.acos(c)) / (2 * Math.PI);
    }

    /** κ₁ = (ab sin θ + (π − θ) g)/(2π). */
    private static double kappa1(double ab, double c, double dot) {
        return (ab * Math.sqrt((1 - c) * (1 + c)) + (Math.PI - Math.acos(c)) * dot) / (2 * Math.PI);
    }

    /** E[|u||v|] = (2/π)(ab sin θ + g arcsin c). */
    private static double absKernel(double ab, double c, double dot) {
        return 2 / Math.PI * (ab * Math.sqrt((1 - c) * (1 + c)) + dot * Math.asin(c));
    }

    /** E[sign(u) sign(v)] = 1 − 2θ/π = (2/π) arcsin c. */
    private static double signs(double c) {
        return 2 / Math.PI * Math.asin(c);
    }
}
