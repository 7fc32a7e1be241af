package org.relulab.training.step;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * Forward and backward passes of a {@link LinearizedNetwork} on batches of up to {@code rows} samples. Every
 * buffer is allocated once at construction, from the workspace given (it lives until that workspace
 * closes); calls allocate nothing. Objective J = (1/(2n)) Σ_j (F_lin(x_j) − y_j)²; {@link #forward} reports 2J.
 *
 * <p>Notation of {@link ReluNetworkStep}: H_0 = X (n × d); Z_l = s_l·H_{l−1}·W_lᵀ + 1·b_l, H_l = ReLU(Z_l) for
 * the hidden layers l = 1 … L (W_1 = W, W_2 = V; s_1 = 1, s_2 = 1/√m1); F = H_L·a/√m_L. A subscript 0 marks
 * θ₀'s blocks, Δ = θ − θ₀, and H_l, Z_l are always taken at θ₀.
 *
 * <p>Forward: the network's forward at θ₀ (H_1 … H_L), then the tangent (JVP) pass along Δ in forward mode,
 * <pre>
 *   Ḣ_0 = 0
 *   Ż_l = s_l·(Ḣ_{l−1}·W_{0,l}ᵀ + H_{l−1}·ΔW_lᵀ) + 1·Δb_l
 *   Ḣ_l = Ż_l ⊙ 1{Z_l &gt; 0}                      (1{Z_l &gt; 0} = 1{H_l &gt; 0})
 *   F_lin = F(θ₀) + Ḟ,   Ḟ = (Ḣ_L·a₀ + H_L·Δa)/√m_L,
 * </pre>
 * computed as F_lin = (H_L·a + Ḣ_L·a₀)/√m_L: F is linear in a, so H_L·a₀ + H_L·Δa = H_L·a and Δa is never
 * formed. ReLU's derivative at 0 is taken as 0, as in the network's backward. Without trained hidden layers
 * ({@link TrainedLayers#LAST}) Ḣ_L = 0 and F_lin = H_L·a/√m_L: the network with only a trained, by the same kernels.
 *
 * <p>Backward: F_lin is affine in θ with slope ∇_θF(x; θ₀), so ∇_θJ = Σ_j r_j·∇_θF(x_j; θ₀), r = (F_lin − y)/n:
 * the network's backward (a vector-Jacobian product) at θ₀ with the linearized residual,
 * <pre>
 *   ∇a = H_Lᵀ·r/√m_L,   G_L = (r·a₀ᵀ/√m_L) ⊙ 1{Z_L &gt; 0}
 *   ∇W_l = s_l·G_lᵀ·H_{l−1},   ∇b_l = G_lᵀ·1,   G_{l−1} = (s_l·G_l·W_{0,l}) ⊙ 1{Z_{l−1} &gt; 0}.
 * </pre>
 *
 * <p>GEMMs per step (forward and backward) with the hidden layers trained: L at θ₀, 2L − 1 in the tangent pass
 * (X·ΔWᵀ; for l = 2 also Ḣ_1·V₀ᵀ and H_1·ΔVᵀ), 2L − 1 in the backward: 8 for three layers (the network's step:
 * 5), five of them n × m1 × m2 (the network's: 3); 3 for two layers (the network's: 2), only X·ΔWᵀ added, n × d
 * × m. Besides: Δ = θ − θ₀ for the hidden blocks (two passes over each) and one more gemv. {@link
 * TrainedLayers#LAST}: no tangent pass, the network's L GEMMs. Nothing is cached across steps: H_l depends only
 * on θ₀ and the batch, but a full batch may come back in another row order.
 */
public final class LinearizedStep implements LearnerStep {
    private final ReluNetworkStudent s0, s;
    private final int layers;
    /** The network's step at θ₀: H_l, the residual buffer, the backward and the gradients. */
    private final ReluNetworkStep atInit;
    /** ΔW_l, Δb_l = θ − θ₀ for the hidden layers; null when those are not trained. */
    private final Matrix[] deltaW, deltaB;
    /** Ż_l, then Ḣ_l over it (rows × m_l); null when the hidden layers are not trained. */
    private final Matrix[] tangent;
    /** Views of the first n rows of {@link #tangent}, made when n changes (a fixed batch size allocates nothing). */
    private final Matrix[] tb;
    /** All zeros: gatherRows with it copies Δb_l into every row of a batch. */
    private final int[] zeros;
    private int n = -1;

    public LinearizedStep(Workspace ws, LinearizedNetwork network, int rows) {
        atInit = new ReluNetworkStep(ws, network.initial(), rows); // checks rows
        s0 = network.initial();
        s = network.network();
        layers = s.hiddenLayers();
        boolean hidden = s.trained.hidden();
        deltaW = new Matrix[layers];
        deltaB = new Matrix[layers];
        tangent = new Matrix[layers];
        tb = new Matrix[layers];
        for (int l = 1; l <= layers && hidden; l++) {
            deltaW[l - 1] = ws.matrix(s.weights(l).rows(), s.weights(l).cols());
            deltaB[l - 1] = ws.matrix(1, s.width(l));
            tangent[l - 1] = ws.matrix(rows, s.width(l));
        }
        zeros = new int[rows];
    }

    /** The gradient of J for the learner's trained block i ({@link LinearizedNetwork#block}), same shape. */
    @Override
    public Matrix gradient(int i) { return atInit.gradient(i); }

    /**
     * The forward pass on x (n × d) with labels y (n × 1), n ≤ rows: leaves the residual F_lin − y for
     * {@link #backward} and returns the mean squared error.
     */
    @Override
    public double forward(Kernels k, Matrix x, Matrix y) {
        Matrix top = atInit.hiddenLayers(k, x);                                      // checks x
        Matrix f = atInit.output();
        outputs(k, x, top, f);
        k.axpy(-1f, y, f);
        n = x.rows();
        return k.sumOfSquares(f) / n;
    }

    /** Predictions F_lin(x) for x (n × d) into out (n × 1), n ≤ rows. */
    @Override
    public void predict(Kernels k, Matrix x, Matrix out) {
        outputs(k, x, atInit.hiddenLayers(k, x), out);
        n = -1; // the buffers no longer hold a forward pass's residual
    }

    /** out = (H_L·a + Ḣ_L·a₀)/√m_L, given H_L at θ₀ for the rows of x. */
    private void outputs(Kernels k, Matrix x, Matrix top, Matrix out) {
        k.gemv(false, s.outputScale(), top, s.a, 0f, out);                          // F(θ₀) + H_L·Δa/√m_L
        if (tangent[0] != null) k.gemv(false, s.outputScale(), tangents(k, x), s0.a, 1f, out); // + Ḣ_L·a₀/√m_L
    }

    /** The tangent pass: Ḣ_1 … Ḣ_L for the rows of x along Δ = θ − θ₀; returns Ḣ_L. */
    private Matrix tangents(Kernels k, Matrix x) {
        if (tb[0] == null || tb[0].rows() != x.rows()) {
            for (int l = 0; l < layers; l++) tb[l] = tangent[l].rows(0, x.rows());
        }
        Matrix in = x, dIn = null;                                                   // H_{l−1}, Ḣ_{l−1} (Ḣ_0 = 0)
        for (int l = 1; l <= layers; l++) {
            Matrix dW = deltaW[l - 1], db = deltaB[l - 1], dz = tb[l - 1], hl = atInit.hidden(l);
            float sl = s.inputScale(l);
            difference(k, s.weights(l), s0.weights(l), dW);
            difference(k, s.bias(l), s0.bias(l), db);
            k.gatherRows(db, zeros, 0, dz);                                          // every row Δb_l
            k.gemm(false, true, sl, in, dW, 1f, dz);                                 // + s_l·H_{l−1}·ΔW_lᵀ
            if (dIn != null) k.gemm(false, true, sl, dIn, s0.weights(l), 1f, dz);   // + s_l·Ḣ_{l−1}·W_{0,l}ᵀ
            k.activateBackward(Activation.RELU, dz, hl, dz);                         // Ḣ_l = Ż_l ⊙ 1{H_l > 0}
            in = hl;
            dIn = dz;
        }
        return dIn;
    }

    /** delta = theta − theta0. */
    private static void difference(Kernels k, Matrix theta, Matrix theta0, Matrix delta) {
        k.scale(1f, theta, delta);
        k.axpy(-1f, theta0, delta);
    }

    /** The gradients of J at the last {@link #forward} into {@link #gradient}(i), for every trained block. */
    @Override
    public void backward(Kernels k, Matrix x) {
        LearnerStep.requireForwardRows(x, n);
        atInit.backward(k, x);                                                       // VJP at θ₀, r = (F_lin − y)/n
        n = -1; // H_L now holds G_L: a second backward needs a new forward
    }
}
