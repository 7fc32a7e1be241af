package org.relulab.training.optim;

import java.util.List;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.TwoLayerStudent;

/**
 * LMZ20's Algorithm 1: w_i ← w_i − η·1{‖w_i‖² ≤ 1/λ}·∇_{w_i}J, so neurons whose squared norm exceeds 1/λ are
 * frozen; λ = λ₀ for the first {@code stage1Steps} steps, then λ₁ (the paper's two stages). The norms are
 * those of the forward pass that produced the gradient. Trainable output weights, if any, take plain steps.
 */
public final class TruncatedGradientDescent implements Optimizer {
    private final float lr;
    private final double lambda0, lambda1;
    private final long stage1Steps;
    private final Matrix factors;

    public TruncatedGradientDescent(Workspace ws, int m, double lr, double lambda0, double lambda1, long stage1Steps) {
        if (!(lr > 0) || Double.isInfinite(lr))
            throw new IllegalArgumentException("lr = " + lr + ": expected a positive number");
        if (!(lambda0 > 0) || !(lambda1 > 0)) {
            throw new IllegalArgumentException(
                    "lambda0 = " + lambda0 + ", lambda1 = " + lambda1 + ": expected positive numbers");
        }
        if (stage1Steps < 0)
            throw new IllegalArgumentException("stage-1 steps = " + stage1Steps + ": expected at least 0");
        this.lr = (float) lr;
        this.lambda0 = lambda0;
        this.lambda1 = lambda1;
        this.stage1Steps = stage1Steps;
        factors = ws.column(m);
    }

    /** The λ in force at {@code step}. */
    public double lambda(long step) {
        return step < stage1Steps ? lambda0 : lambda1;
    }

    @Override
    public void update(Kernels k, Learner learner, LearnerStep step0, long step) {
        if (!(learner instanceof TwoLayerStudent s) || !(step0 instanceof TwoLayerStep grads)) {
            throw new IllegalArgumentException(
                    "truncated GD is LMZ20's rule for a two-layer student; got " + learner.describe());
        }
        double limit = 1 / lambda(step);
        Matrix norms2 = grads.norms2();
        for (int i = 0; i < s.m; i++) factors.set(i, 0, norms2.get(i, 0) <= limit ? -lr : 0f);
        k.axpyRows(factors, grads.gradW, s.w);
        if (s.output.trainable()) k.axpy(-lr, grads.gradA, s.a);
    }

    /** How many neurons the rule freezes at {@code step}, given the norms of the last forward pass. */
    public int frozen(TwoLayerStep grads, int m, long step) {
        double limit = 1 / lambda(step);
        int count = 0;
        for (int i = 0; i < m; i++) if (grads.norms2().get(i, 0) > limit) count++;
        return count;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "truncated gradient descent (LMZ20 Alg. 1), lr %s, lambda %s for %d steps, then %s",
                lr, lambda0, stage1Steps, lambda1);
    }

    /** The frozen-neuron count, from the norms the evaluation pass leaves in the two-layer step. */
    @Override
    public List<LoggedMetric> metrics(LearnerStep evalStep, Learner learner) {
        TwoLayerStep step = (TwoLayerStep) evalStep;
        int m = ((TwoLayerStudent) learner).m;
        return List.of(new LoggedMetric() {
            @Override
            public List<String> columns() {
                return List.of("frozen");
            }

            @Override
            public void values(long t, double[] into, int offset) {
                into[offset] = frozen(step, m, t);
            }
        });
    }
}
