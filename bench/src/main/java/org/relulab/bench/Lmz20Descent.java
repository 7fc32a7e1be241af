package org.relulab.bench;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * One LMZ20 run at input dimension d and one seed, sized by {@link Lmz20Scaling} (m = 4d, n = 10d², η = m/2),
 * built from the trainer's own classes with the trainer's seeds (teacher seed, training set seed + 1, test set
 * seed + 3, initialization seed + 5), so it is the run {@code relulab train --d d --m 4d --n 10d² --test-n 10d²
 * --seed seed} makes, without its output folder. {@link #descendTo} takes full-batch GD steps until the test
 * loss falls to a target; the steps allocate nothing.
 */
final class Lmz20Descent implements AutoCloseable {
    final int d, m, n;
    /** Owns the data sets, the student and the step buffers until {@link #close}; shared, for the GEMM threads. */
    private final Workspace ws = Workspace.shared();
    private final Dataset train, test;
    private final TwoLayerStudent student;
    private final TwoLayerStep step, evalStep;
    private final GradientDescent gd;
    private long steps;
    private double testLoss = Double.NaN;

    Lmz20Descent(Kernels k, int d, long seed) {
        this(k, d, Lmz20Scaling.width(d), Lmz20Scaling.samples(d), seed);
    }

    /**
     * A run of the same setting at any d, m and n (η = m/2 still): {@link StepTimeBenchmark} varies them one at a time.
     */
    Lmz20Descent(Kernels k, int d, int m, int n, long seed) {
        this.d = d;
        this.m = m;
        this.n = n;
        try {
            AbsTeacher teacher = new AbsTeacher(ws, d, false, 1, seed);
            train = Dataset.generate(ws, k, teacher, n, seed + 1);
            test = Dataset.generate(ws, k, teacher, n, seed + 3);
            student = new TwoLayerStudent(ws, m, d, Activation.ABS, OutputLayer.TIED);
            Initialization.GAUSSIAN.apply(k, student, 1, seed + 5);
            step = new TwoLayerStep(ws, student, n);
            evalStep = new TwoLayerStep(ws, student, n);
            gd = new GradientDescent(Lmz20Scaling.learningRate(m));
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    /**
     * Full-batch GD steps until the test loss, measured before the first step and every {@code checkEvery}
     * steps, is at most {@code target}; or until {@code maxSteps} steps were taken, or {@code maxNanos} have
     * passed at a check (Long.MAX_VALUE: no limit). Returns the steps taken so far; {@link #reached} says
     * whether the target was met. Throws {@link IllegalStateException} when the loss is no longer finite.
     */
    long descendTo(Kernels k, double target, long maxSteps, int checkEvery, long maxNanos) {
        if (checkEvery < 1) throw new IllegalArgumentException("checkEvery = " + checkEvery + ": expected at least 1");
        long start = System.nanoTime();
        while (true) {
            if (steps % checkEvery == 0 || steps >= maxSteps) {
                testLoss = evalStep.forward(k, test.x(), test.y());
                if (!Double.isFinite(testLoss)) {
                    throw new IllegalStateException(
                            "LMZ20 run at d = " + d + " diverged: test loss " + testLoss + " at step " + steps);
                }
                if (testLoss <= target || steps >= maxSteps || System.nanoTime() - start >= maxNanos) return steps;
            }
            step(k);
        }
    }

    /**
     * One full-batch GD step: forward and backward over the n training samples, then the update. Returns the training
     * loss before it.
     */
    double step(Kernels k) {
        double loss = step.forward(k, train.x(), train.y());
        step.backward(k, train.x());
        gd.update(k, student, step, steps++);
        return loss;
    }

    /** The test loss at the last check of {@link #descendTo}. */
    double testLoss() {
        return testLoss;
    }

    /** Whether the last check found the test loss at most {@code target}. */
    boolean reached(double target) {
        return testLoss <= target;
    }

    @Override
    public void close() {
        ws.close();
    }
}
