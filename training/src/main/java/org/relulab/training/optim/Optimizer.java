package org.relulab.training.optim;

import org.relulab.core.Kernels;
import org.relulab.training.model.TrainingStep;
import org.relulab.training.model.TwoLayerStudent;

/** An update rule applied after each gradient computation; allocation-free per call. */
public interface Optimizer {
    /** Updates the student from the gradients in {@code grads}; {@code step} counts from 0. */
    void update(Kernels k, TwoLayerStudent s, TrainingStep grads, long step);

    /** One line naming the rule and its parameters. */
    String describe();
}
