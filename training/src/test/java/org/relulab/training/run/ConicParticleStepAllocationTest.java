package org.relulab.training.run;

import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.optim.ConicParticleGradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.SignedReluTeacher;

/**
 * A step of AS21's conic particle GD (forward, backward, the norm-dependent update with the path-norm term)
 * allocates nothing on the Java heap once compiled, for both trained output layers, full batch and mini-batch;
 * measured as in {@link StepAllocationTest}.
 */
class ConicParticleStepAllocationTest {
    @Test
    void conicParticleStepsAllocateNothing() {
        for (OutputLayer out : new OutputLayer[] {OutputLayer.MEAN, OutputLayer.SQRT}) {
            for (int batch : new int[] {600, 64}) {
                try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
                    int d = 12, m = 40, n = 600;
                    Dataset data = Dataset.generate(ws, k, new SignedReluTeacher(ws, d, 3, 1, 1), n, 2);
                    TwoLayerStudent s = new TwoLayerStudent(ws, m, d, Activation.RELU, out);
                    Initialization.GAUSSIAN.apply(k, s, 1, 3);
                    Batches batches = new Batches(ws, data, batch, 4);
                    TwoLayerStep step = new TwoLayerStep(ws, s, batch);
                    ConicParticleGradientDescent opt = new ConicParticleGradientDescent(ws, m, 0.05, 0.01);
                    long[] t = {0};
                    Runnable one = () -> {
                        batches.load(k, t[0]);
                        step.forward(k, batches.x(), batches.y());
                        step.backward(k, batches.x());
                        opt.update(k, s, step, t[0]++);
                    };
                    StepAllocationTest.assertSteadyStateAllocatesNothing(one, "as21 " + out + " batch " + batch);
                }
            }
        }
    }
}
