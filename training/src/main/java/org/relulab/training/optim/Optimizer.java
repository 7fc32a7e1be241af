package org.relulab.training.optim;

import org.relulab.core.Kernels;
import org.relulab.training.model.Learner;
import org.relulab.training.model.LearnerStep;

/** An update rule applied after each gradient computation; allocation-free per call. */
public interface Optimizer {
    /** Updates the student from the gradients in {@code grads}; {@code step} counts from 0. */
    void update(Kernels k, Learner s, LearnerStep grads, long step);

    /** One line naming the rule and its parameters. */
    String describe();
}
