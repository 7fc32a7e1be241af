package org.relulab.training.optim;

import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.student.Learner;

/**
 * θ ← θ − η(∇J + λθ) = (1 − ηλ)·θ − η∇J for every trained block θ: gradient descent on J + (λ/2)‖θ‖², λ the
 * weight decay (0: plain gradient descent), η_t = η·{@link LearningRateSchedule#factor} (constant by default).
 * Full-batch or mini-batch (SGD) depends on what the trainer feeds
 * it. Blocks: W and, when trainable, a of a {@link TwoLayerStudent}; the trained blocks of a
 * {@link Learner} (biases included).
 */
public final class GradientDescent implements Optimizer {
    private final double lr, weightDecay;
    private final LearningRateSchedule schedule;
    private final long steps;

    public GradientDescent(double lr) {
        this(lr, 0);
    }

    public GradientDescent(double lr, double weightDecay) {
        this(lr, weightDecay, LearningRateSchedule.CONSTANT, 1);
    }

    /** Step t moves by η·schedule.factor(t, steps) (t counts from 0; the weight decay's factor follows it). */
    public GradientDescent(double lr, double weightDecay, LearningRateSchedule schedule, long steps) {
        if (!(lr > 0) || Double.isInfinite(lr))
            throw new IllegalArgumentException("lr = " + lr + ": expected a positive number");
        if (!(weightDecay >= 0) || !(lr * weightDecay < 1)) {
            throw new IllegalArgumentException("weight decay = " + weightDecay + " at lr = " + lr
                    + ": expected at least 0 with lr × weight decay below 1");
        }
        if (steps < 1) throw new IllegalArgumentException("steps = " + steps + ": expected at least 1");
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.schedule = schedule;
        this.steps = steps;
    }

    /** One step on every trained block of {@code s}, from the gradients of its step's last backward. */
    @Override
    public void update(Kernels k, Learner s, LearnerStep grads, long step) {
        double rate = lr * schedule.factor(step, steps);
        float eta = (float) rate, decay = (float) (1 - rate * weightDecay);
        for (int i = 0; i < s.blocks(); i++) move(k, eta, decay, grads.gradient(i), s.block(i));
    }

    private static void move(Kernels k, float eta, float decay, Matrix gradient, Matrix theta) {
        if (decay != 1f) k.scale(decay, theta, theta);
        k.axpy(-eta, gradient, theta);
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
        String rate = String.format(Locale.ROOT, "lr %s", (float) lr)
                + (schedule == LearningRateSchedule.CONSTANT ? "" : " (" + schedule.key() + " to 0)");
        return weightDecay == 0
                ? "gradient descent, " + rate
                : String.format(Locale.ROOT, "gradient descent, %s, weight decay %s", rate, weightDecay);
    }
}
