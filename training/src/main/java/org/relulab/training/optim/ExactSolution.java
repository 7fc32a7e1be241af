package org.relulab.training.optim;

import org.relulab.core.Kernels;
import org.relulab.training.baseline.TangentRidge;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.student.Learner;

/**
 * {@code --optimizer exact}: takes no gradient steps. The run solves its learner, linear in its trained weights, by
 * ridge regression on its tangent features at initialization ({@link TangentRidge}); this rule only names it in the
 * manifest and refuses to step.
 */
public final class ExactSolution implements Optimizer {
    @Override
    public void update(Kernels k, Learner s, LearnerStep grads, long step) {
        throw new IllegalStateException("--optimizer exact takes no gradient steps (the run solves its learner)");
    }

    @Override
    public String describe() {
        return "exact: ridge regression of y - F(x; theta0) on the tangent features at init, lambda chosen on a "
                + "held-out 20% of the training set among " + TangentRidge.options().describeGrid() + ", then refit";
    }
}
