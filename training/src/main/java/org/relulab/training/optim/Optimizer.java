package org.relulab.training.optim;

import java.util.List;
import org.relulab.core.Kernels;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.student.Learner;

/** An update rule applied after each gradient computation; allocation-free per call. */
public interface Optimizer {
    /** Updates the student from the gradients in {@code grads}; {@code step} counts from 0. */
    void update(Kernels k, Learner s, LearnerStep grads, long step);

    /** One line naming the rule and its parameters. */
    String describe();

    /** Metrics of the rule itself, logged as extra columns (from the evaluation step); none by default. */
    default List<LoggedMetric> metrics(LearnerStep evalStep, Learner learner) {
        return List.of();
    }
}
