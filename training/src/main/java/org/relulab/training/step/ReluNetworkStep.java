package org.relulab.training.step;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.student.ReluNetworkStudent;

/**
 * Forward and backward passes of a {@link ReluNetworkStudent} on batches of up to {@code rows} samples. Every
 * buffer is allocated once at construction, from the workspace given; calls allocate nothing.
 *
 * <p>Objective: J = (1/(2n)) Σ_j (F(x_j) − y_j)², whose gradient {@link #backward} computes for the trained
 * blocks; {@link #forward} reports the mean squared error 2J. Weight decay is the optimizer's
 * ({@link org.relulab.training.optim.GradientDescent}).
 *
 * <p>Forward, hidden layer l = 1, 2 with input H_0 = X (n × d) and factor s_l ({@link
 * ReluNetworkStudent#inputScale}): every row of H_l set to b_l, then H_l = ReLU(s_l·H_{l−1}·W_lᵀ + H_l) in one
 * fused GEMM, in place; F = H_L·a/√m_L. Backward: r = (F − y)/n; ∇a = H_Lᵀ·r/√m_L; G_L = (r·aᵀ/√m_L) ⊙ 1{H_L &gt; 0}
 * over H_L's buffer; then down the layers ∇W_l = s_l·G_lᵀ·H_{l−1}, ∇b_l = G_lᵀ·1 and, below the top,
 * G_{l−1} = (s_l·G_l·W_l) ⊙ 1{H_{l−1} &gt; 0}.
 */
public final class ReluNetworkStep implements LearnerStep {
    private final ReluNetworkStudent s;
    private final int layers;
    /** Activations H_l (rows × m_l); the top one is overwritten by G_L in backward. */
    private final Matrix[] h;
    /** G_l for the layers under the top (rows × m_l), when the hidden layers are trained. */
    private final Matrix[] g;
    private final Matrix f;
    /** All zeros: gatherRows with it copies a bias row into every row of a batch. */
    private final int[] zeros;
    private final Matrix[] gradW, gradB;
    private final Matrix gradA;
    private final Matrix[] gradients;
    /** Views of the first n rows, made when n changes (a fixed batch size allocates nothing). */
    private final Matrix[] hb, gb;
    private Matrix fb;
    private int n = -1;

    public ReluNetworkStep(Workspace ws, ReluNetworkStudent student, int rows) {
        if (rows < 1) throw new IllegalArgumentException("batch of " + rows + " rows: expected at least 1");
        s = student;
        layers = s.hiddenLayers();
        boolean hidden = s.trained.hidden();
        h = new Matrix[layers];
        g = new Matrix[layers];
        gradW = new Matrix[layers];
        gradB = new Matrix[layers];
        for (int l = 1; l <= layers; l++) {
            h[l - 1] = ws.matrix(rows, s.width(l));
            if (hidden && l < layers) g[l - 1] = ws.matrix(rows, s.width(l));
            if (hidden) {
                gradW[l - 1] = ws.matrix(s.weights(l).rows(), s.weights(l).cols());
                gradB[l - 1] = ws.matrix(1, s.width(l));
            }
        }
        gradA = s.trained.output() ? ws.matrix(1, s.a.cols()) : null;
        f = ws.column(rows);
        zeros = new int[rows];
        gradients = new Matrix[s.blocks()];
        int i = 0;
        for (int l = 0; l < layers && hidden; l++) {
            gradients[i++] = gradW[l];
            gradients[i++] = gradB[l];
        }
        if (gradA != null) gradients[i] = gradA;
        hb = new Matrix[layers];
        gb = new Matrix[layers];
    }

    /** The gradient of J for the student's trained block i ({@link ReluNetworkStudent#block}), same shape. */
    @Override
    public Matrix gradient(int i) { return gradients[i]; }

    /**
     * The forward pass on x (n × d) with labels y (n × 1), n ≤ rows: leaves the residual F − y for
     * {@link #backward} and returns the mean squared error.
     */
    @Override
    public double forward(Kernels k, Matrix x, Matrix y) {
        Matrix top = hiddenLayers(k, x);                                             // sets fb's rows
        k.gemv(false, s.outputScale(), top, s.a, 0f, fb);
        k.axpy(-1f, y, fb);
        return k.sumOfSquares(fb) / n;
    }

    /** Predictions F(x) for x (n × d) into out (n × 1), n ≤ rows. */
    @Override
    public void predict(Kernels k, Matrix x, Matrix out) {
        k.gemv(false, s.outputScale(), hiddenLayers(k, x), s.a, 0f, out);
        n = -1; // the buffers no longer hold a forward pass's residual
    }

    /**
     * H_1 … H_L for the rows of x (n × d, n ≤ rows), kept for {@link #backward}; returns H_L. The caller writes
     * F − y into {@link #output()} before a backward: {@link #forward} does, and so does {@link LinearizedStep}
     * with the linearized F.
     */
    Matrix hiddenLayers(Kernels k, Matrix x) {
        useRows(x);
        Matrix in = x;
        for (int l = 1; l <= layers; l++) {
            Matrix hl = hb[l - 1];
            k.gatherRows(s.bias(l), zeros, 0, hl);                                   // every row b_l
            k.gemm(false, true, s.inputScale(l), in, s.weights(l), 1f, hl, Activation.RELU, hl);
            in = hl;
        }
        return in;
    }

    /** H_l (n × m_l) of the last {@link #hiddenLayers} call, l = 1 … L; backward overwrites H_L. */
    Matrix hidden(int layer) {
        return hb[layer - 1];
    }

    /** The n × 1 buffer that {@link #backward} reads as F − y (and scales in place). */
    Matrix output() { return fb; }

    private void useRows(Matrix x) {
        int rows = x.rows();
        if (rows < 1 || rows > f.rows()) {
            throw new IllegalArgumentException("batch of " + rows + " rows: expected 1 to " + f.rows());
        }
        if (x.cols() != s.d) throw new IllegalArgumentException("x has " + x.cols() + " columns: expected d = " + s.d);
        if (fb == null || fb.rows() != rows) {
            for (int l = 0; l < layers; l++) {
                hb[l] = h[l].rows(0, rows);
                gb[l] = g[l] == null ? null : g[l].rows(0, rows);
            }
            fb = f.rows(0, rows);
        }
        n = rows;
    }

    /** The gradients of J at the last {@link #forward} into {@link #gradient}(i), for every trained block. */
    @Override
    public void backward(Kernels k, Matrix x) {
        LearnerStep.requireForwardRows(x, n);
        Matrix r = fb, top = hb[layers - 1];
        k.scale(1f / n, r, r);                                                       // r = (F − y)/n
        if (gradA != null) k.gemv(true, s.outputScale(), top, r, 0f, gradA);         // ∇a = H_Lᵀ·r/√m_L
        if (s.trained.hidden()) {
            k.scale(s.outputScale(), r, r);
            k.outerActivateBackward(Activation.RELU, r, s.a, top, top);              // G_L, over H_L
            Matrix gl = top;
            for (int l = layers; l >= 1; l--) {
                Matrix in = l == 1 ? x : hb[l - 2];
                k.gemm(true, false, s.inputScale(l), gl, in, 0f, gradW[l - 1]);     // ∇W_l = s_l·G_lᵀ·H_{l−1}
                k.colSums(gl, gradB[l - 1]);                                         // ∇b_l = G_lᵀ·1
                if (l > 1) {
                    Matrix below = gb[l - 2];
                    k.gemm(false, false, s.inputScale(l), gl, s.weights(l), 0f, below); // s_l·G_l·W_l
                    k.activateBackward(Activation.RELU, below, in, below);           // ⊙ 1{H_{l−1} > 0}
                    gl = below;
                }
            }
        }
        n = -1; // H_L now holds G_L: a second backward needs a new forward
    }
}
