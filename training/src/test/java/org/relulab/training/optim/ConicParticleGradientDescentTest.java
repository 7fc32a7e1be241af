package org.relulab.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.metrics.DoubleRows;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;

/**
 * {@link ConicParticleGradientDescent}: one step equals a − η|a_i|/(s‖w_i‖)·∂G/∂a_i and w − η‖w_i‖/(s|a_i|)·∂G/∂w_i
 * with ∂G from central finite differences of G = J + λ·Σ s|a_i|‖w_i‖ in double; and the step moves the measure
 * μ = Σ c_i‖w_i‖ δ_{w_i/‖w_i‖} the same way whatever the split of each neuron's norm between a_i and w_i.
 */
class ConicParticleGradientDescentTest {
    private static final int D = 5, M = 6, N = 9;
    private static final double H = 1e-6, LR = 0.3, LAMBDA = 0.05;

    /** G = (1/2n) Σ (f − y)² + λ Σ s|a_i|‖w_i‖ in double, f = Σ s·a_i ReLU(w_iᵀx). */
    private static double objective(double[][] w, double[] a, double[][] x, double[] y, double s, double lambda) {
        double loss = 0, path = 0;
        for (int j = 0; j < x.length; j++) {
            double f = 0;
            for (int i = 0; i < w.length; i++) f += s * a[i] * Math.max(0, dot(w[i], x[j]));
            loss += (f - y[j]) * (f - y[j]);
        }
        for (int i = 0; i < w.length; i++) path += s * Math.abs(a[i]) * Math.sqrt(dot(w[i], w[i]));
        return loss / (2 * x.length) + lambda * path;
    }

    @Test
    void oneStepIsTheNormScaledGradientStepOfTheRegularizedObjective() {
        Random rnd = new Random(11);
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (OutputLayer out : new OutputLayer[] {OutputLayer.MEAN, OutputLayer.SQRT}) {
                TwoLayerStudent s = new TwoLayerStudent(ws, M, D, Activation.RELU, out);
                Initialization.GAUSSIAN.apply(k, s, 1.0, rnd.nextLong());
                Matrix x = ws.matrix(N, D), y = ws.column(N);
                k.gaussianFill(x, rnd.nextLong(), 0f, 1f);
                k.gaussianFill(y, rnd.nextLong(), 0.5f, 1f);
                double[][] w = DoubleRows.of(s.w), xd = DoubleRows.of(x);
                double[] a = DoubleRows.of(s.a)[0], yd = DoubleRows.of(y.t())[0];
                double scale = out.scale(M);

                TwoLayerStep step = new TwoLayerStep(ws, s, N);
                step.forward(k, x, y);
                step.backward(k, x);
                ConicParticleGradientDescent opt = new ConicParticleGradientDescent(ws, M, LR, LAMBDA);
                assertEquals(objective(w, a, xd, yd, scale, LAMBDA) - objective(w, a, xd, yd, scale, 0), opt.penalty(s),
                        1e-6);
                opt.update(k, s, step, 0);

                for (int i = 0; i < M; i++) {
                    double norm = Math.sqrt(dot(w[i], w[i])), absA = Math.abs(a[i]);
                    double keep = a[i];
                    a[i] = keep + H;
                    double up = objective(w, a, xd, yd, scale, LAMBDA);
                    a[i] = keep - H;
                    double down = objective(w, a, xd, yd, scale, LAMBDA);
                    a[i] = keep;
                    double expectedA = keep - LR * absA / (scale * norm) * (up - down) / (2 * H);
                    assertClose(expectedA, s.a.get(0, i), out + " a_" + i);
                    for (int p = 0; p < D; p++) {
                        double keepW = w[i][p];
                        w[i][p] = keepW + H;
                        double upW = objective(w, a, xd, yd, scale, LAMBDA);
                        w[i][p] = keepW - H;
                        double downW = objective(w, a, xd, yd, scale, LAMBDA);
                        w[i][p] = keepW;
                        double expectedW = keepW - LR * norm / (scale * absA) * (upW - downW) / (2 * H);
                        assertClose(expectedW, s.w.get(i, p), out + " w_" + i + "," + p);
                    }
                }
            }
        }
    }

    @Test
    void theMeasureMovesTheSameWhateverTheSplitOfEachNeuronsNorm() {
        Random rnd = new Random(3);
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            TwoLayerStudent s = new TwoLayerStudent(ws, M, D, Activation.RELU, OutputLayer.MEAN);
            TwoLayerStudent r = new TwoLayerStudent(ws, M, D, Activation.RELU, OutputLayer.MEAN);
            Initialization.GAUSSIAN.apply(k, s, 1.0, 5);
            for (int i = 0; i < M; i++) { // r: neuron i rescaled to (t·a_i, w_i/t), the same function and measure
                double t = 0.3 + 2.7 * rnd.nextDouble();
                r.a.set(0, i, (float) (s.a.get(0, i) * t));
                for (int p = 0; p < D; p++) r.w.set(i, p, (float) (s.w.get(i, p) / t));
            }
            Matrix x = ws.matrix(40, D), y = ws.column(40);
            k.gaussianFill(x, 8, 0f, 1f);
            k.gaussianFill(y, 9, 0f, 1f);
            for (TwoLayerStudent student : new TwoLayerStudent[] {s, r}) {
                TwoLayerStep step = new TwoLayerStep(ws, student, 40);
                ConicParticleGradientDescent opt = new ConicParticleGradientDescent(ws, M, LR, LAMBDA);
                for (int t = 0; t < 3; t++) {
                    step.forward(k, x, y);
                    step.backward(k, x);
                    opt.update(k, student, step, t);
                }
            }
            double[][] ws1 = DoubleRows.of(s.w), wr = DoubleRows.of(r.w);
            for (int i = 0; i < M; i++) {
                double ns = Math.sqrt(dot(ws1[i], ws1[i])), nr = Math.sqrt(dot(wr[i], wr[i]));
                assertClose(s.a.get(0, i) * ns, r.a.get(0, i) * nr, "mass of neuron " + i);
                for (int p = 0; p < D; p++)
                    assertClose(s.w.get(i, p) / ns, r.w.get(i, p) / nr, "direction of neuron " + i);
            }
        }
    }

    @Test
    void refusesStudentsWithoutATrainedOutputLayerAndBadSteps() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            TwoLayerStudent s = new TwoLayerStudent(ws, M, D, Activation.RELU, OutputLayer.ONES);
            TwoLayerStep step = new TwoLayerStep(ws, s, N);
            ConicParticleGradientDescent opt = new ConicParticleGradientDescent(ws, M, LR, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.update(k, s, step, 0));
            assertEquals(
                    "conic particle GD (AS21) moves a two-layer student with a trained output layer (mean or sqrt); "
                            + "got two-layer relu student, m = 6, output ones",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new ConicParticleGradientDescent(ws, M, 0.5, 2));
            assertEquals("reg lambda = 2.0 at lr = 0.5: expected at least 0 with lr × lambda below 1", e.getMessage());
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Math.abs(expected - actual) > 2e-4 * Math.max(1, Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int p = 0; p < u.length; p++) s += u[p] * v[p];
        return s;
    }
}
