package org.relulab.training.optim;

import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.training.model.TrainingStep;
import org.relulab.training.model.TwoLayerStudent;

/** θ ← θ − η∇J for W and, when trainable, a. Full-batch or mini-batch depends on what the trainer feeds it. */
public final class GradientDescent implements Optimizer {
    private final float lr;

    public GradientDescent(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr = " + lr + ": expected a positive number");
        this.lr = (float) lr;
    }

    @Override
    public void update(Kernels k, TwoLayerStudent s, TrainingStep grads, long step) {
        k.axpy(-lr, grads.gradW, s.w);
        if (s.output.trainable()) k.axpy(-lr, grads.gradA, s.a);
    }

    @Override
    public String describe() { return String.format(Locale.ROOT, "gradient descent, lr %s", lr); }
}
