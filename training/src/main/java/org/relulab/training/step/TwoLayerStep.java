package org.relulab.training.step;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.student.TwoLayerStudent;

/**
 * Forward and backward passes of a {@link TwoLayerStudent} on batches of up to {@code rows} samples, with
 * every buffer allocated once at construction (from the workspace given) and nothing allocated per call.
 *
 * <p>Objective: J = (1/(2n)) Σ_j (f(x_j) − y_j)², whose gradient is what {@link #backward} computes; the loss
 * reported is the mean squared error (1/n) Σ_j (f(x_j) − y_j)² = 2J (LMZ20's loss; ZYWG19's is J).
 *
 * <p>One step, n samples: Z = X·Wᵀ with H = σ(Z) fused into the GEMM (for ReLU only H, in place:
 * 1{z &gt; 0} = 1{h &gt; 0}); f = H·c; r = (f − y)/n; for the output layer dc = Hᵀ·r, giving
 * ∇a = scale·dc (trainable) or the extra ∇w_i += dc_i·w_i/(m‖w_i‖) (norm-tied); G = (r·cᵀ) ⊙ σ'(Z) in one
 * pass over Z's (or H's) buffer; ∇W = Gᵀ·X.
 */
public final class TwoLayerStep implements LearnerStep {
    private final TwoLayerStudent s;
    private final Matrix z, h, f, c, norms2, dc, e;
    /** ReLU students keep only H (the activation applied in place); z is then not allocated. */
    private final boolean reluInPlace;
    /** Gradients of J: m × d and 1 × m (zero unless the output is trainable). */
    public final Matrix gradW, gradA;
    /** Views of the first n rows of z, h, f, made when n changes (so a fixed batch size allocates nothing). */
    private Matrix zb, hb, fb;
    private int n = -1;

    public TwoLayerStep(Workspace ws, TwoLayerStudent student, int rows) {
        if (rows < 1) throw new IllegalArgumentException("batch of " + rows + " rows: expected at least 1");
        s = student;
        reluInPlace = s.activation == org.relulab.core.Activation.RELU;
        z = reluInPlace ? null : ws.matrix(rows, s.m);
        h = ws.matrix(rows, s.m);
        f = ws.column(rows);
        c = ws.matrix(1, s.m);
        norms2 = ws.column(s.m);
        dc = ws.matrix(1, s.m);
        e = ws.column(s.m);
        gradW = ws.matrix(s.m, s.d);
        gradA = ws.matrix(1, s.m);
    }

    /** ∇W for block 0, ∇a for block 1 (trainable output), as {@link TwoLayerStudent#block} orders them. */
    @Override
    public Matrix gradient(int i) {
        if (i == 0) return gradW;
        if (i == 1 && s.output.trainable()) return gradA;
        throw new IndexOutOfBoundsException("block " + i + ": expected 0 to " + (s.blocks() - 1));
    }

    /** Squared neuron norms ‖w_i‖² (m × 1) as of the last {@link #forward}. */
    public Matrix norms2() { return norms2; }

    /**
     * The forward pass on x (n × d) with labels y (n × 1), n ≤ rows: leaves the residual f − y for
     * {@link #backward} and returns the mean squared error.
     */
    @Override
    public double forward(Kernels k, Matrix x, Matrix y) {
        useRows(x.rows());
        outputs(k, x, fb);
        k.axpy(-1f, y, fb);
        return k.sumOfSquares(fb) / n;
    }

    /** Predictions f(x) for x (n × d) into out (n × 1), n ≤ rows. */
    @Override
    public void predict(Kernels k, Matrix x, Matrix out) {
        useRows(x.rows());
        outputs(k, x, out);
        n = -1; // the buffers no longer hold a forward pass's residual
    }

    /** Norms, output weights c, Z = X·Wᵀ with H = σ(Z), and out = H·c, for the rows of x (after useRows). */
    private void outputs(Kernels k, Matrix x, Matrix out) {
        k.rowSumsOfSquares(s.w, norms2);
        s.outputWeights(norms2, c);
        // ReLU's mask 1{z > 0} is 1{h > 0}: H alone (activation in place) halves the forward's writes.
        // |·| needs sign(z), so Z is kept beside H.
        if (reluInPlace) k.gemm(false, true, 1f, x, s.w, 0f, hb, s.activation, hb);
        else k.gemm(false, true, 1f, x, s.w, 0f, zb, s.activation, hb);
        k.gemv(false, 1f, hb, c, 0f, out);
    }

    private void useRows(int rows) {
        if (rows < 1 || rows > h.rows()) {
            throw new IllegalArgumentException("batch of " + rows + " rows: expected 1 to " + h.rows());
        }
        if (hb == null || hb.rows() != rows) {
            zb = z == null ? null : z.rows(0, rows);
            hb = h.rows(0, rows);
            fb = f.rows(0, rows);
        }
        n = rows;
    }

    /** The gradients of J at the last {@link #forward} into {@link #gradW} and {@link #gradA}. */
    @Override
    public void backward(Kernels k, Matrix x) {
        LearnerStep.requireForwardRows(x, n);
        Matrix rb = fb;
        k.scale(1f / n, rb, rb);                                // r = (f − y)/n
        switch (s.output) {                                     // output layer first: it reads H
            case ONES -> {}
            case MEAN, SQRT -> k.gemv(true, (float) s.output.scale(s.m), hb, rb, 0f, gradA);
            case TIED -> k.gemv(true, 1f, hb, rb, 0f, dc);        // dc = Hᵀ·r
        }
        Matrix pre = reluInPlace ? hb : zb;                     // what σ' reads: Z, or H for ReLU
        k.outerActivateBackward(s.activation, rb, c, pre, pre); // G = (r·cᵀ) ⊙ σ'(Z), over it
        k.gemm(true, false, 1f, pre, x, 0f, gradW);             // ∇W = Gᵀ·X
        switch (s.output) {
            case ONES, MEAN, SQRT -> {}
            case TIED -> {
                float inv = 1f / s.m;
                for (int i = 0; i < s.m; i++) {
                    double norm = Math.sqrt(norms2.get(i, 0));
                    e.set(i, 0, norm > 0 ? (float) (dc.get(0, i) * inv / norm) : 0f);
                }
                k.axpyRows(e, s.w, gradW);                           // ∇w_i += dc_i·w_i/(m‖w_i‖)
            }
        }
        n = -1; // Z now holds G: a second backward needs a new forward
    }
}
