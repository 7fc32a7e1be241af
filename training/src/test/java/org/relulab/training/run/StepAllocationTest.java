package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.optim.TruncatedGradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * A training step (batch, forward, backward, update) allocates nothing on the Java heap once compiled,
 * for every output layer, full-batch and mini-batch, plain and truncated GD. Measured as in vector-core's
 * AllocationTest: rounds of steps after a warm-up, until a round allocates nothing (C1 code boxes vectors
 * until C2 has compiled the kernels); a per-step allocation fails every round.
 */
@org.junit.jupiter.api.Order(1) // before other classes train in this JVM: see training/pom.xml
class StepAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();
    private static final int ROUND = 150, MAX_ROUNDS = 80;

    @Test
    void trainingStepsAllocateNothing() {
        for (Activation act : new Activation[] {Activation.ABS, Activation.RELU}) {
            for (OutputLayer out : OutputLayer.values()) {
                for (String optimizer : new String[] {"gd", "sgd", "truncated"}) {
                    try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
                        int d = 12, m = 40, n = 600, batch = optimizer.equals("sgd") ? 64 : n;
                        Dataset data = Dataset.generate(ws, k, new AbsTeacher(ws, d, false, 1, 1), n, 2);
                        TwoLayerStudent s = new TwoLayerStudent(ws, m, d, act, out);
                        Initialization.GAUSSIAN.apply(k, s, 1, 3);
                        Batches batches = new Batches(ws, data, batch, 4);
                        TwoLayerStep step = new TwoLayerStep(ws, s, batch);
                        Optimizer opt = optimizer.equals("truncated")
                                ? new TruncatedGradientDescent(ws, m, 0.01, 0.5, 0.1, 500)
                                : new GradientDescent(0.01);
                        long[] t = {0};
                        Runnable one = () -> {
                            batches.load(k, t[0]);
                            step.forward(k, batches.x(), batches.y());
                            step.backward(k, batches.x());
                            opt.update(k, s, step, t[0]++);
                        };
                        assertSteadyStateAllocatesNothing(one, act + " " + out + " " + optimizer);
                    }
                }
            }
        }
    }

    static void assertSteadyStateAllocatesNothing(Runnable step, String what) {
        for (int i = 0; i < 6000; i++) step.run(); // C1 code does no escape analysis: let C2 take over
        StringBuilder seen = new StringBuilder();
        // At least MAX_ROUNDS rounds and at least 20 s: on a loaded machine the C2 queue can hold the step in
        // C1 code (which allocates what C2 scalar-replaces) for seconds. A step that allocates never passes.
        long until = System.nanoTime() + 20_000_000_000L;
        for (int round = 0; round < MAX_ROUNDS || System.nanoTime() < until; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++) step.run();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated == 0) return;
            if (round < MAX_ROUNDS) seen.append(round == 0 ? "" : ", ").append(allocated);
        }
        fail("every round of " + ROUND + " training steps (" + what + ") allocated heap bytes (the first rounds): "
                + seen);
    }
}
