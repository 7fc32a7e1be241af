package org.relulab.training.run;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.ReluNetworkStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;
import org.relulab.training.teacher.All19Fig1Teacher;

/**
 * An SGD step of ALL19's learners (mini-batch, forward, backward, update with weight decay) allocates nothing
 * on the Java heap once compiled, for two and three layers and every {@link TrainedLayers}; so does a
 * prediction on a test chunk. Measured as in {@link StepAllocationTest}: rounds of 150 steps after a warm-up,
 * until a round allocates 0 bytes (ThreadMXBean.getCurrentThreadAllocatedBytes); a per-step allocation fails
 * every round.
 */
@org.junit.jupiter.api.Order(2) // before other classes train in this JVM: see training/pom.xml
class ReluNetworkStepAllocationTest {
    static final int D = 4, M = 48;

    @Test
    void sgdStepsWithWeightDecayAllocateNothing() {
        for (int layers : new int[] {2, 3}) {
            for (TrainedLayers trained : TrainedLayers.values()) {
                try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
                    ReluNetworkStudent s = layers == 2
                            ? ReluNetworkStudent.twoLayer(ws, D, M, trained)
                            : ReluNetworkStudent.threeLayer(ws, D, M, M + 3, trained);
                    s.initialize(k, 3, 0.1);
                    assertSgdAllocatesNothing(ws, k, s, rows -> new ReluNetworkStep(ws, s, rows),
                            layers + " layers, trained " + trained.key());
                }
            }
        }
    }

    /**
     * SGD with weight decay on 600 points of ALL19's Fig. 1 target, batches of 50, and a prediction on all 600
     * every 50 steps, with steps of the learner made by {@code steps} (its argument: the rows).
     */
    static void assertSgdAllocatesNothing(Workspace ws, Kernels k, Learner s, IntFunction<LearnerStep> steps,
            String what) {
        int n = 600, batch = 50;
        Dataset data = Dataset.generate(ws, k, new All19Fig1Teacher(ws), n, 2, InputDistribution.SPHERE);
        Batches batches = new Batches(ws, data, batch, 4);
        LearnerStep step = steps.apply(batch), eval = steps.apply(n);
        Matrix pred = ws.column(n);
        GradientDescent sgd = new GradientDescent(1e-3, 1e-4);
        long[] t = {0};
        Runnable one = () -> {
            batches.load(k, t[0]++);
            step.forward(k, batches.x(), batches.y());
            step.backward(k, batches.x());
            sgd.update(k, s, step, 0);
            if (t[0] % 50 == 0) eval.predict(k, data.x(), pred);
        };
        StepAllocationTest.assertSteadyStateAllocatesNothing(one, what);
    }
}
