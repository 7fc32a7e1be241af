package org.relulab.training.optim;

import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.training.model.Learner;
import org.relulab.training.model.LearnerStep;

/**
 * θ ← θ − η(∇J + λθ) = (1 − ηλ)·θ − η∇J for every trained block θ: gradient descent on J + (λ/2)‖θ‖², λ the
 * weight decay (0: plain gradient descent). Full-batch or mini-batch (SGD) depends on what the trainer feeds
 * it. Blocks: W and, when trainable, a of a {@link TwoLayerStudent}; the trained blocks of a
 * {@link Learner} (biases included).
 */
public final class GradientDescent implements Optimizer {
    private final float lr, decay;
    private final double weightDecay;

    public GradientDescent(double lr) {
        this(lr, 0);
    }

    public GradientDescent(double lr, double weightDecay) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr = " + lr + ": expected a positive number");
        if (!(weightDecay >= 0) || !(lr * weightDecay < 1)) {
            throw new IllegalArgumentException("weight decay = " + weightDecay + " at lr = " + lr
                    + ": expected at least 0 with lr × weight decay below 1");
        }
        this.lr = (float) lr;
        this.weightDecay = weightDecay;
        decay = (float) (1 - lr * weightDecay);
    }

    /** One step on every trained block of {@code s}, from the gradients of its step's last backward. */
    @Override
    public void update(Kernels k, Learner s, LearnerStep grads, long step) {
        for (int i = 0; i < s.blocks(); i++) move(k, grads.gradient(i), s.block(i));
    }

    private void move(Kernels k, Matrix gradient, Matrix theta) {
        if (decay != 1f) k.scale(decay, theta, theta);
        k.axpy(-lr, gradient, theta);
    }

    /** The weight-decay term (λ/2)·Σ‖θ‖² over the trained blocks of {@code s}: add it to J for the objective. */
    public double penalty(Kernels k, Learner s) {
        double sum = 0;
        for (int i = 0; i < s.blocks(); i++) sum += k.sumOfSquares(s.block(i));
        return weightDecay / 2 * sum;
    }

    public double weightDecay() { return weightDecay; }

    @Override
    public String describe() {
        return weightDecay == 0 ? String.format(Locale.ROOT, "gradient descent, lr %s", lr)
                : String.format(Locale.ROOT, "gradient descent, lr %s, weight decay %s", lr, weightDecay);
    }
}
