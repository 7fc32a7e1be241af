package org.relulab.training.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;

/**
 * A {@link TwoLayerStep} large enough that its sweeps over the activations (H·c, and the fused Hᵀ·r with G) split
 * across threads gives the loss and gradients of one thread to the bit, at 2, 3 and 8 threads.
 */
class StepThreadCountTest {
    /** n·m = 160 k activations: the sweeps split into up to 5 parts. */
    private static final int D = 8, M = 320, N = 500;

    @Test
    void lossAndGradientsDoNotDependOnTheThreadCount() {
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(N, D), y = ws.column(N);
            try (Kernels k = Kernels.create(Provider.lookup(), 1)) {
                k.gaussianFill(x, 1, 0f, 1f);
                k.gaussianFill(y, 2, 0f, 1f);
            }
            for (OutputLayer out : OutputLayer.values()) {
                for (Activation act : new Activation[] {Activation.RELU, Activation.ABS}) {
                    float[] w1 = null, a1 = null;
                    double loss1 = 0;
                    for (int threads : new int[] {1, 2, 3, 8}) {
                        TwoLayerStudent s = new TwoLayerStudent(ws, M, D, act, out);
                        TwoLayerStep step = new TwoLayerStep(ws, s, N);
                        double loss;
                        try (Kernels k = Kernels.create(Provider.lookup(), threads)) {
                            Initialization.GAUSSIAN.apply(k, s, 1.0, 3);
                            loss = step.forward(k, x, y);
                            step.backward(k, x);
                        }
                        float[] w = step.gradW.toArray(), a = step.gradA.toArray();
                        String what = out + " " + act + " at " + threads + " threads";
                        if (w1 == null) {
                            w1 = w;
                            a1 = a;
                            loss1 = loss;
                            continue;
                        }
                        assertEquals(loss1, loss, what + ": loss");
                        for (int i = 0; i < w.length; i++) {
                            assertEquals(Float.floatToRawIntBits(w1[i]), Float.floatToRawIntBits(w[i]),
                                    what + ": gradW element " + i);
                        }
                        for (int i = 0; i < a.length; i++) {
                            assertEquals(Float.floatToRawIntBits(a1[i]), Float.floatToRawIntBits(a[i]),
                                    what + ": gradA element " + i);
                        }
                    }
                }
            }
        }
    }
}
