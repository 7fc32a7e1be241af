package org.relulab.training.config;

import org.relulab.core.Workspace;
import org.relulab.training.optim.ConicParticleGradientDescent;
import org.relulab.training.optim.ExactSolution;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.optim.TruncatedGradientDescent;

/** The update rules a run can train with ({@code --optimizer}), each building itself from a run's configuration. */
public enum OptimizerKind implements Keyed {
    /** Full-batch gradient descent, with weight decay and a learning-rate schedule. */
    GD("gd"),
    /** Mini-batch SGD: the same rule on batches of {@code --batch} rows. */
    SGD("sgd"),
    /** LMZ20's truncated GD: neurons whose norm passes 1/λ freeze, λ₀ then λ₁. */
    TRUNCATED("truncated"),
    /** AS21's conic particle GD on J + λ·(path norm), with norm-dependent steps. */
    AS21("as21"),
    /**
     * No steps: the exact ridge solution of a learner linear in its trained weights (ALL19's NTK and last-layer
     * learners), λ chosen on held-out data ({@link org.relulab.training.baseline.TangentRidge}).
     */
    EXACT("exact");

    private final String key;

    OptimizerKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /** Whether weight decay and learning-rate schedules apply (the others have their own rule). */
    public boolean plainDescent() {
        return this == GD || this == SGD;
    }

    /** The optimizer {@code c} describes; its buffers in {@code ws}. */
    public Optimizer create(Workspace ws, RunConfig c) {
        OptimizerConfig o = c.optimizer();
        int m = c.student().m();
        return switch (this) {
            case TRUNCATED -> new TruncatedGradientDescent(ws, m, o.lr(), o.lambda0(), o.lambda1(), o.stage1Steps());
            case AS21 -> new ConicParticleGradientDescent(ws, m, o.lr(), o.regLambda());
            case EXACT -> new ExactSolution();
            case GD, SGD -> new GradientDescent(o.lr(), o.weightDecay(), o.schedule(), c.steps());
        };
    }
}
