package org.relulab.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;

/**
 * The two PyTorch steps compute relulab's step: on a small problem (sizes that are no multiple of a vector),
 * the hand-written backward of {@link TorchManualStep}, autograd's gradients in {@link TorchAutogradStep} and
 * relulab's {@link TwoLayerStep} (ReLU, {@code OutputLayer.MEAN}) agree on the loss and the gradients, and one
 * update leaves the same W and a in all three. float32 throughout: the tolerance is relative to the largest
 * element.
 */
class TorchStepTest {
    private static final int N = 67, D = 9, M = 21;
    private static final double LR = 0.5, TOLERANCE = 1e-5;

    @Test
    @SuppressWarnings("try") // the scope is used by being open: autograd's tensors attach to it
    void handWrittenBackwardAutogradAndRelulabAgree() {
        try (TorchTwoLayerProblem problem = new TorchTwoLayerProblem(N, D, M, 7);
                TorchAutogradStep autograd = new TorchAutogradStep(problem, LR);
                TorchManualStep manual = new TorchManualStep(problem, LR);
                Workspace ws = Workspace.confined();
                Kernels kernels = Kernels.create(Provider.lookup(), 1)) {
            TwoLayerStudent student = new TwoLayerStudent(ws, M, D, Activation.RELU, OutputLayer.MEAN);
            student.w.copyFrom(values(problem.w));
            student.a.copyFrom(values(problem.a));
            Matrix x = ws.matrix(N, D).copyFrom(values(problem.x));
            Matrix y = ws.column(N).copyFrom(values(problem.y));
            TwoLayerStep step = new TwoLayerStep(ws, student, N);

            double relulabMse = step.forward(kernels, x, y);
            step.backward(kernels, x);
            double manualMse = manual.gradients();
            try (PointerScope scope = new PointerScope()) {
                double autogradMse = autograd.gradients();
                assertEquals(relulabMse, autogradMse, TOLERANCE * relulabMse, "MSE, autograd against relulab");
                assertEquals(relulabMse, manualMse, TOLERANCE * relulabMse, "MSE, by hand against relulab");
                assertClose("dJ/dW, autograd", step.gradW.toArray(), values(autograd.w().grad()));
                assertClose("dJ/da, autograd", step.gradA.toArray(), values(autograd.a().grad()));
            }
            assertClose("dJ/dW, by hand", step.gradW.toArray(), values(manual.gradW()));
            assertClose("dJ/da, by hand", step.gradA.toArray(), values(manual.gradA()));

            new GradientDescent(LR).update(kernels, student, step, 0);
            autograd.step();
            manual.step();
            assertClose("W after a step, autograd", student.w.toArray(), values(autograd.w()));
            assertClose("a after a step, autograd", student.a.toArray(), values(autograd.a()));
            assertClose("W after a step, by hand", student.w.toArray(), values(manual.w()));
            assertClose("a after a step, by hand", student.a.toArray(), values(manual.a()));
        }
    }

    /** A float32 tensor's elements, row-major. */
    private static float[] values(Tensor t) {
        try (Tensor dense = t.contiguous()) {
            float[] out = new float[(int) dense.numel()];
            dense.data_ptr_float().get(out);
            return out;
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * scale, what + ": element " + i);
        }
    }
}
