package org.relulab.training.config;

import org.relulab.training.optim.LearningRateSchedule;

/**
 * The update rule of a run.
 *
 * @param kind         gd, sgd, truncated or as21
 * @param lr           learning rate η
 * @param batch        mini-batch size (sgd); n for the others
 * @param weightDecay  λ of gradient descent on J + (λ/2)‖θ‖² (gd and sgd)
 * @param schedule     gd and sgd: the learning rate over the run ({@code --lr-schedule})
 * @param lambda0      truncated GD: λ of stage 1
 * @param lambda1      truncated GD: λ of stage 2
 * @param stage1Steps  truncated GD: steps of stage 1
 * @param regLambda    as21: λ of the path-norm regularizer λ·Σ_i s|a_i|‖w_i‖
 */
public record OptimizerConfig(OptimizerKind kind, double lr, int batch, double weightDecay,
        LearningRateSchedule schedule,
        double lambda0, double lambda1, long stage1Steps, double regLambda) {
    public OptimizerConfig {
        RunOption.OPTIMIZER.require(kind);
        RunOption.LR.check(lr);
        RunOption.BATCH.check(batch);
        RunOption.WEIGHT_DECAY.check(weightDecay);
        RunOption.LR_SCHEDULE.require(schedule);
        RunOption.LAMBDA0.check(lambda0);
        RunOption.LAMBDA1.check(lambda1);
        RunOption.STAGE1_STEPS.check(stage1Steps);
        RunOption.REG_LAMBDA.check(regLambda);
        if (weightDecay > 0 && !kind.plainDescent()) {
            throw new IllegalArgumentException(
                    "--weight-decay " + weightDecay + " is for --optimizer gd or sgd (" + kind.key()
                            + " has its own rule)");
        }
        if (schedule != LearningRateSchedule.CONSTANT && !kind.plainDescent()) {
            throw new IllegalArgumentException("--lr-schedule " + schedule.key() + " is for --optimizer gd or sgd ("
                    + kind.key() + " has its own rule)");
        }
        if (regLambda > 0 && kind != OptimizerKind.AS21) {
            throw new IllegalArgumentException("--reg-lambda " + regLambda
                    + " is AS21's path-norm weight, for --optimizer as21 (got " + kind.key() + ")");
        }
        if (!(lr * weightDecay < 1)) {
            throw Range.outOfRange("--weight-decay", weightDecay, "at least 0 with --lr x --weight-decay below 1");
        }
        if (!(lr * regLambda < 1)) {
            throw Range.outOfRange("--reg-lambda", regLambda, "at least 0 with --lr x --reg-lambda below 1");
        }
    }
}
