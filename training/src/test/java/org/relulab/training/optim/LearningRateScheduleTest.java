package org.relulab.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.ReluNetworkStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/** {@link LearningRateSchedule}'s factors, and {@link GradientDescent} moving each block by η_t = η·factor(t, T). */
class LearningRateScheduleTest {
    @Test
    void factorsRunFromOneToZero() {
        assertEquals(1, LearningRateSchedule.CONSTANT.factor(999, 1000));
        assertEquals(1, LearningRateSchedule.COSINE.factor(0, 1000));
        assertEquals(0.5, LearningRateSchedule.COSINE.factor(500, 1000), 1e-15);
        assertEquals((1 + Math.cos(Math.PI * 0.25)) / 2, LearningRateSchedule.COSINE.factor(250, 1000), 1e-15);
        assertEquals(0, LearningRateSchedule.COSINE.factor(1000, 1000), 1e-15);
        assertEquals(1, LearningRateSchedule.LINEAR.factor(0, 1000));
        assertEquals(0.75, LearningRateSchedule.LINEAR.factor(250, 1000));
        assertEquals(LearningRateSchedule.COSINE, LearningRateSchedule.of("cosine"));
        assertEquals("--lr-schedule 'exp': expected constant, cosine or linear",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.of("exp")).getMessage());
    }

    @Test
    void gradientDescentScalesItsStepAndWeightDecayByTheFactor() {
        double lr = 0.5, wd = 0.1;
        long steps = 10;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            ReluNetworkStudent s = ReluNetworkStudent.twoLayer(ws, 3, 5, TrainedLayers.ALL);
            s.initialize(k, 3, 0.1);
            LearnerStep step = new ReluNetworkStep(ws, s, 4);
            Matrix x = ws.matrix(4, 3), y = ws.column(4);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) x.set(i, j, (float) Math.sin(3 * i + j));
                y.set(i, 0, i - 1.5f);
            }
            for (long t : new long[] {0, 3, 7}) {
                step.forward(k, x, y);
                step.backward(k, x);
                float[][] before = blocks(s), gradients = new float[s.blocks()][];
                for (int b = 0; b < s.blocks(); b++) gradients[b] = step.gradient(b).toArray();
                new GradientDescent(lr, wd, LearningRateSchedule.COSINE, steps).update(k, s, step, t);
                double eta = lr * (1 + Math.cos(Math.PI * t / steps)) / 2;
                float[][] after = blocks(s);
                for (int b = 0; b < s.blocks(); b++) {
                    for (int i = 0; i < before[b].length; i++) {
                        double expected = (1 - eta * wd) * before[b][i] - eta * gradients[b][i];
                        assertEquals(expected, after[b][i], 1e-6 * (1 + Math.abs(expected)),
                                "step " + t + ", block " + b + ", " + i);
                    }
                }
            }
        }
    }

    private static float[][] blocks(Learner s) {
        float[][] out = new float[s.blocks()][];
        for (int b = 0; b < s.blocks(); b++) out[b] = s.block(b).toArray();
        return out;
    }
}
