package org.relulab.training.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.step.ReluNetworkGradientCheckTest.Params;
import org.relulab.training.student.Learner;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.TrainedLayers;

/**
 * {@link LinearizedStep} (float kernels) against the linearized objective J = (1/2n) Σ (F_lin − y)² written
 * out in double from its definition, at a θ away from θ₀: the forward's mean squared error (the tangent pass)
 * and the gradient of every trained block against central finite differences (the backward), for two and
 * three layers and every {@link TrainedLayers}. J is quadratic in θ, so the differences are exact but for
 * rounding.
 */
class LinearizedGradientCheckTest {
    private static final int D = 4, N = 7;

    /** F_lin(x) = F(x; θ₀) + ⟨∇F(x; θ₀), θ − θ₀⟩ in double, forward mode, from every block of θ₀ and of θ. */
    record Linearization(Params initial, Params theta) {
        double output(double[] x) {
            double[] h = x, dh = new double[x.length];                 // H_{l−1} at θ₀ and its tangent
            int layers = (initial.blocks().size() - 1) / 2;
            for (int l = 0; l < layers; l++) {
                double[][] w0 = initial.blocks().get(2 * l), b0 = initial.blocks().get(2 * l + 1);
                double[][] w = theta.blocks().get(2 * l), b = theta.blocks().get(2 * l + 1);
                double scale = l == 0 ? 1 : 1 / Math.sqrt(h.length);
                double[] out = new double[w0.length], dout = new double[w0.length];
                for (int i = 0; i < w0.length; i++) {
                    double z = b0[0][i], dz = b[0][i] - b0[0][i];
                    for (int j = 0; j < h.length; j++) {
                        z += scale * w0[i][j] * h[j];
                        dz += scale * (w0[i][j] * dh[j] + (w[i][j] - w0[i][j]) * h[j]);
                    }
                    out[i] = Math.max(z, 0);
                    dout[i] = z > 0 ? dz : 0;
                }
                h = out;
                dh = dout;
            }
            double[] a0 = initial.blocks().get(2 * layers)[0], a = theta.blocks().get(2 * layers)[0];
            double f = 0;
            for (int i = 0; i < h.length; i++) f += a0[i] * (h[i] + dh[i]) + (a[i] - a0[i]) * h[i];
            return f / Math.sqrt(h.length);
        }

        double objective(double[][] x, double[] y) {
            return ReluNetworkGradientCheckTest.halfMeanSquaredError(this::output, x, y);
        }
    }

    static LinearizedNetwork linearized(Workspace ws, int layers, TrainedLayers trained) {
        return layers == 2
                ? LinearizedNetwork.twoLayer(ws, D, 6, trained)
                : LinearizedNetwork.threeLayer(ws, D, 5, 6, trained);
    }

    /** θ = θ₀ + std·N(0, 1) on every trained block (the others stay at θ₀). */
    static void moveAway(Workspace ws, Kernels k, Learner net, long seed, float std) {
        for (int i = 0; i < net.blocks(); i++) {
            Matrix b = net.block(i), noise = ws.matrix(b.rows(), b.cols());
            k.gaussianFill(noise, seed + i, 0f, std);
            k.axpy(1f, noise, b);
        }
    }

    @Test
    void forwardAndGradientsMatchTheLinearizedObjectiveInDouble() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (int layers : new int[] {2, 3}) {
                for (TrainedLayers trained : TrainedLayers.values()) {
                    String what = layers + " layers, " + trained;
                    LinearizedNetwork net = linearized(ws, layers, trained);
                    net.initialize(k, 10L * layers + trained.ordinal(), 1.0);
                    moveAway(ws, k, net, 40, 0.5f);
                    Matrix x = ws.matrix(N, D), y = ws.column(N);
                    k.gaussianFill(x, 7, 0f, 1f);
                    k.gaussianFill(y, 8, 0.5f, 1f);
                    LinearizedStep step = new LinearizedStep(ws, net, N);
                    double mse = step.forward(k, x, y);
                    step.backward(k, x);

                    Linearization lin = new Linearization(Params.of(net.initial()), Params.of(net.network()));
                    double[][] xd = GradientCheckTest.toDouble(x);
                    double[] yd = GradientCheckTest.column(y);
                    assertEquals(2 * lin.objective(xd, yd), mse, 1e-5 * mse, what + ": forward's mean squared error");
                    List<String> expected = ReluNetworkGradientCheckTest.allNames(layers).stream()
                            .filter(n -> n.equals("a") ? trained.output() : trained.hidden()).toList();
                    assertEquals(expected, blockNames(net), what + ": trained blocks");
                    for (int i = 0; i < net.blocks(); i++) {
                        double[][] block = lin.theta().block(net.blockName(i));
                        double[][] numeric = ReluNetworkGradientCheckTest.finiteDifferences(block,
                                () -> lin.objective(xd, yd));
                        ReluNetworkGradientCheckTest.assertClose(what + ", dJ/d" + net.blockName(i), numeric,
                                GradientCheckTest.toDouble(step.gradient(i)), 1e-4);
                    }
                }
            }
        }
    }

    private static List<String> blockNames(Learner s) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < s.blocks(); i++) names.add(s.blockName(i));
        return names;
    }
}
