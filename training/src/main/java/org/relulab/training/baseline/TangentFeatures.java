package org.relulab.training.baseline;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * The tangent features ∇_θF(x; θ₀) of an ALL19 network ({@link ReluNetworkStudent}) at a fixed θ₀, over the blocks
 * {@link TrainedLayers} trains: the features on which the NTK learner (F linearized at θ₀) and the last-layer learner
 * (F linear in a) regress. Per hidden layer l, with pre-activation z_l = s_l·W_l·h_{l−1} + b_l, ∂F/∂W_l = s_l·δ_l ⊗
 * h_{l−1} and ∂F/∂b_l = δ_l, where δ_L = (a/√m_L) ⊙ 1{z_L &gt; 0} and δ_{l−1} = (s_l·W_lᵀδ_l) ⊙ 1{z_{l−1} &gt; 0}; and
 * ∂F/∂a = h_L/√m_L. Writing A_l = [s_l·h_{l−1}, 1] (the layer's input with a 1 for its bias), layer l's part of the
 * features is δ_l ⊗ A_l, so the tangent kernel is K = Σ_l (Δ_lΔ_lᵀ) ⊙ (A_lA_lᵀ) + H_LH_Lᵀ/m_L, a few GEMMs of width
 * at most m_l + 1 ({@link TangentKernel}), never the n × p Jacobian.
 *
 * <p>The flat order of the p parameters is the network's block order (W, b1, V, b2, a, the untrained left out),
 * each matrix row-major: the order in which {@link #addTo} adds a step θ − θ₀ to the learner's blocks. Matrices of a
 * {@link Pass} live in the workspace the caller gives.
 */
public final class TangentFeatures {
    private final ReluNetworkStudent net;
    private final TrainedLayers trained;
    private final int parameters;

    /** The features of {@code initial} (θ₀, which must not move while this is used) over {@code trained}. */
    public TangentFeatures(ReluNetworkStudent initial, TrainedLayers trained) {
        if (initial == null || trained == null) {
            throw new IllegalArgumentException("TangentFeatures: the network and the trained layers must not be null");
        }
        this.net = initial;
        this.trained = trained;
        int[] widths = new int[net.hiddenLayers()];
        for (int l = 1; l <= widths.length; l++) widths[l - 1] = net.width(l);
        this.parameters = TangentRidge.parameters(net.d, widths, trained);
    }

    /** p, the number of trained parameters (features). */
    public int count() {
        return parameters;
    }

    /** The input dimension d of the network. */
    public int inputDim() {
        return net.d;
    }

    /** One line naming the features. */
    public String describe() {
        return "tangent features at init over trained " + trained.key() + " (" + parameters + " parameters) of the "
                + net.describe();
    }

    /**
     * One forward pass at θ₀ over n rows: per hidden layer l (index l − 1) the augmented input A_l (n × (m_{l−1} + 1))
     * and δ_l (n × m_l), when the hidden layers are trained (else null); the top features H_L/√m_L (n × m_L), when
     * the output is trained (else null); and F(x; θ₀) (n × 1).
     */
    public record Pass(Matrix[] inputs, Matrix[] deltas, Matrix top, Matrix f) {}

    /** The {@link Pass} of the rows of x (n × d), every matrix in {@code ws}. */
    public Pass pass(Kernels k, Workspace ws, Matrix x) {
        if (x.cols() != net.d) {
            throw new IllegalArgumentException("TangentFeatures: inputs are " + x.shape() + " (expected d = " + net.d
                    + " columns)");
        }
        int n = x.rows(), layers = net.hiddenLayers();
        requireMemory(n);
        Matrix[] h = new Matrix[layers + 1];
        h[0] = x;
        int[] zeros = new int[n];
        for (int l = 1; l <= layers; l++) {
            h[l] = ws.matrix(n, net.width(l));
            k.gatherRows(net.bias(l), zeros, 0, h[l]); // every row b_l
            k.gemm(false, true, net.inputScale(l), h[l - 1], net.weights(l), 1f, h[l], Activation.RELU, h[l]);
        }
        Matrix f = ws.column(n);
        k.gemv(false, net.outputScale(), h[layers], net.a, 0f, f);
        Matrix[] inputs = null, deltas = null;
        if (trained.hidden()) {
            inputs = new Matrix[layers];
            deltas = new Matrix[layers];
            for (int l = 1; l <= layers; l++) {
                Matrix in = ws.matrix(n, inputWidth(l) + 1);
                k.scale(net.inputScale(l), h[l - 1], in.cols(0, inputWidth(l)));
                for (int i = 0; i < n; i++) in.set(i, inputWidth(l), 1f);
                inputs[l - 1] = in;
            }
            Matrix ones = ws.column(n).fill(net.outputScale());
            deltas[layers - 1] = ws.matrix(n, net.width(layers));
            k.outerActivateBackward(Activation.RELU, ones, net.a, h[layers], deltas[layers - 1]); // δ_L
            for (int l = layers; l > 1; l--) {
                Matrix below = ws.matrix(n, net.width(l - 1));
                k.gemm(false, false, net.inputScale(l), deltas[l - 1], net.weights(l), 0f, below);
                k.activateBackward(Activation.RELU, below, h[l - 1], below); // ⊙ 1{h_{l−1} > 0}
                deltas[l - 2] = below;
            }
        }
        Matrix top = null;
        if (trained.output()) {
            top = ws.matrix(n, net.width(layers));
            k.scale(net.outputScale(), h[layers], top);
        }
        return new Pass(inputs, deltas, top, f);
    }

    /** out (n × p) = the explicit features of the rows of a {@link Pass}, in the flat order. */
    public void jacobian(Pass pass, Matrix out) {
        int n = pass.f().rows();
        if (out.rows() != n || out.cols() != parameters) {
            throw new IllegalArgumentException("TangentFeatures.jacobian: out is " + out.shape() + " (expected " + n
                    + "x" + parameters + ")");
        }
        for (int i = 0; i < n; i++) {
            int col = 0;
            for (int l = 0; pass.deltas() != null && l < pass.deltas().length; l++) {
                Matrix delta = pass.deltas()[l], in = pass.inputs()[l];
                int m = delta.cols(), c = in.cols() - 1;
                for (int r = 0; r < m; r++) {
                    float dr = delta.get(i, r);
                    for (int j = 0; j < c; j++) out.set(i, col + r * c + j, dr * in.get(i, j));
                }
                col += m * c;
                for (int r = 0; r < m; r++) out.set(i, col + r, delta.get(i, r));
                col += m;
            }
            for (int r = 0; pass.top() != null && r < pass.top().cols(); r++) out.set(i, col + r, pass.top().get(i, r));
        }
    }

    /** Jᵀα: Σ_i α_i·∇_θF(x_i; θ₀) over the rows of a {@link Pass}, in the flat order (the dual solution's θ − θ₀). */
    public double[] transposeTimes(Kernels k, Workspace ws, Pass pass, double[] alpha) {
        int n = pass.f().rows();
        if (alpha.length != n) {
            throw new IllegalArgumentException(
                    "TangentFeatures.transposeTimes: " + alpha.length + " coefficients for " + n + " rows");
        }
        double[] out = new double[parameters];
        int col = 0;
        for (int l = 0; pass.deltas() != null && l < pass.deltas().length; l++) {
            Matrix delta = pass.deltas()[l], in = pass.inputs()[l];
            int m = delta.cols(), c = in.cols() - 1;
            Matrix scaled = ws.matrix(n, c + 1), sum = ws.matrix(m, c + 1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= c; j++) scaled.set(i, j, (float) alpha[i] * in.get(i, j));
            }
            k.gemm(true, false, 1f, delta, scaled, 0f, sum); // Δ_lᵀ·diag(α)·A_l
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < c; j++) out[col + r * c + j] = sum.get(r, j);
                out[col + m * c + r] = sum.get(r, c);
            }
            col += m * (c + 1);
        }
        if (pass.top() != null) {
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < pass.top().cols(); r++) out[col + r] += alpha[i] * pass.top().get(i, r);
            }
        }
        return out;
    }

    /** Adds a step θ − θ₀ in the flat order to {@code blocks}, the learner's trained blocks in their order. */
    public void addTo(double[] step, Matrix[] blocks) {
        if (step.length != parameters) {
            throw new IllegalArgumentException(
                    "TangentFeatures.addTo: a step of " + step.length + " values (expected " + parameters + ")");
        }
        int at = 0;
        for (Matrix b : blocks) {
            for (int i = 0; i < b.rows(); i++) {
                for (int j = 0; j < b.cols(); j++) b.set(i, j, (float) (b.get(i, j) + step[at++]));
            }
        }
        if (at != parameters) {
            throw new IllegalArgumentException(
                    "TangentFeatures.addTo: the blocks hold " + at + " parameters (expected " + parameters + ")");
        }
    }

    /** The width of layer l's input: d for the first layer, m_{l−1} above. */
    private int inputWidth(int l) {
        return l == 1 ? net.d : net.width(l - 1);
    }

    /** Refuses, before allocating, the matrices of a pass over n rows that would not fit in memory. */
    private void requireMemory(int n) {
        long bytes = 0;
        for (int l = 1; l <= net.hiddenLayers(); l++) {
            bytes += 2 * MemoryBudget.matrixBytes(n, net.width(l)) + MemoryBudget.matrixBytes(n, inputWidth(l) + 1);
        }
        MemoryBudget.require("TangentFeatures: a pass over " + n + " rows needs " + MemoryBudget.gb(bytes), bytes,
                MemoryBudget.physicalBytes());
    }
}
