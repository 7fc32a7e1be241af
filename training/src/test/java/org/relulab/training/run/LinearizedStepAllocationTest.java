package org.relulab.training.run;

import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.step.LinearizedStep;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.TrainedLayers;

/**
 * An SGD step of the linearized network (ALL19's NTK learners: forward at θ₀ and tangent pass, backward,
 * update with weight decay) allocates nothing on the Java heap once compiled, for two and three layers and
 * every {@link TrainedLayers}; so does a prediction on a test chunk. Same loop and measure as
 * {@link ReluNetworkStepAllocationTest}.
 */
@org.junit.jupiter.api.Order(3) // before other classes train in this JVM: see training/pom.xml
class LinearizedStepAllocationTest {
    @Test
    void sgdStepsWithWeightDecayAllocateNothing() {
        int d = ReluNetworkStepAllocationTest.D, m = ReluNetworkStepAllocationTest.M;
        for (int layers : new int[] {2, 3}) {
            for (TrainedLayers trained : TrainedLayers.values()) {
                try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
                    LinearizedNetwork s = layers == 2
                            ? LinearizedNetwork.twoLayer(ws, d, m, trained)
                            : LinearizedNetwork.threeLayer(ws, d, m, m + 3, trained);
                    s.initialize(k, 3, 0.1);
                    ReluNetworkStepAllocationTest.assertSgdAllocatesNothing(ws, k, s,
                            rows -> new LinearizedStep(ws, s, rows),
                            "linearized, " + layers + " layers, trained " + trained.key());
                }
            }
        }
    }
}
