package org.relulab.training.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * The gradients of {@link ReluNetworkStep} (float kernels) against central finite differences of the same
 * objective J = (1/2n) Σ (F − y)² evaluated in double, for every parameter block (W, b1, V, b2, a), two and
 * three layers, and every choice of {@link TrainedLayers}; and the weight-decay step against finite
 * differences of J + (λ/2)‖θ‖².
 */
class ReluNetworkGradientCheckTest {
    private static final int D = 4, M1 = 5, M2 = 6, N = 7;
    private static final double H = 1e-6;

    /** Every parameter block in double, in the order W, b1, V, b2, a (b1, b2, a as 1 × m rows). */
    record Params(List<double[][]> blocks) {
        static Params of(ReluNetworkStudent s) {
            List<double[][]> b = new ArrayList<>();
            for (int l = 1; l <= s.hiddenLayers(); l++) {
                b.add(GradientCheckTest.toDouble(s.weights(l)));
                b.add(GradientCheckTest.toDouble(s.bias(l)));
            }
            b.add(GradientCheckTest.toDouble(s.a));
            return new Params(b);
        }

        /** The block named "W", "b1", "V", "b2" or "a". */
        double[][] block(String name) {
            return blocks.get((blocks.size() == 3 ? allNames(2) : allNames(3)).indexOf(name));
        }

        /** F(x) = a·h_L/√m_L, h_l = ReLU(h_{l−1}·W_lᵀ/√m_{l−1} + b_l) (no factor on the first layer). */
        double output(double[] x) {
            double[] in = x;
            int layers = (blocks.size() - 1) / 2;
            for (int l = 0; l < layers; l++) {
                double[][] w = blocks.get(2 * l), b = blocks.get(2 * l + 1);
                double scale = l == 0 ? 1 : 1 / Math.sqrt(in.length);
                double[] out = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    double z = b[0][i];
                    for (int j = 0; j < in.length; j++) z += scale * w[i][j] * in[j];
                    out[i] = Math.max(z, 0);
                }
                in = out;
            }
            double[] a = blocks.get(blocks.size() - 1)[0];
            double f = 0;
            for (int i = 0; i < a.length; i++) f += a[i] * in[i];
            return f / Math.sqrt(a.length);
        }

        double objective(double[][] x, double[] y) { return halfMeanSquaredError(this::output, x, y); }
    }

    /** J = (1/2n) Σ_j (F(x_j) − y_j)². */
    static double halfMeanSquaredError(ToDoubleFunction<double[]> f, double[][] x, double[] y) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) sum += Math.pow(f.applyAsDouble(x[j]) - y[j], 2);
        return sum / (2 * x.length);
    }

    static ReluNetworkStudent network(Workspace ws, int layers, TrainedLayers trained) {
        return layers == 2
                ? ReluNetworkStudent.twoLayer(ws, D, M2, trained)
                : ReluNetworkStudent.threeLayer(ws, D, M1, M2, trained);
    }

    /** The block names of a network, trained or not, in the order of {@link Params}. */
    static List<String> allNames(int layers) {
        return layers == 2 ? List.of("W", "b1", "a") : List.of("W", "b1", "V", "b2", "a");
    }

    @Test
    void everyBlockDepthAndTrainedLayersMatchFiniteDifferences() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (int layers : new int[] {2, 3}) {
                for (TrainedLayers trained : TrainedLayers.values()) {
                    ReluNetworkStudent s = network(ws, layers, trained);
                    s.initialize(k, 10L * layers + trained.ordinal(), 1.0);
                    Matrix x = ws.matrix(N, D), y = ws.column(N);
                    k.gaussianFill(x, 7, 0f, 1f);
                    k.gaussianFill(y, 8, 0.5f, 1f);
                    ReluNetworkStep step = new ReluNetworkStep(ws, s, N);
                    double mse = step.forward(k, x, y);
                    step.backward(k, x);

                    Params p = Params.of(s);
                    double[][] xd = GradientCheckTest.toDouble(x);
                    double[] yd = GradientCheckTest.column(y);
                    assertEquals(2 * p.objective(xd, yd), mse, 1e-5 * mse, "forward's mean squared error");
                    List<String> names = allNames(layers);
                    List<String> expected = names.stream()
                            .filter(n -> n.equals("a") ? trained.output() : trained.hidden()).toList();
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < s.blocks(); i++) got.add(s.blockName(i));
                    assertEquals(expected, got, layers + " layers, " + trained + ": trained blocks");
                    for (int i = 0; i < s.blocks(); i++) {
                        double[][] numeric = finiteDifferences(p, names.indexOf(s.blockName(i)), xd, yd, 0);
                        assertClose(layers + " layers, " + trained + ", dJ/d" + s.blockName(i), numeric,
                                GradientCheckTest.toDouble(step.gradient(i)), 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void weightDecayStepsAlongTheGradientOfTheRegularizedObjective() {
        double lr = 1e-3, lambda = 0.3;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (TrainedLayers trained : TrainedLayers.values()) {
                ReluNetworkStudent s = network(ws, 3, trained);
                s.initialize(k, 5, 0.5);
                Matrix x = ws.matrix(N, D), y = ws.column(N);
                k.gaussianFill(x, 1, 0f, 1f);
                k.gaussianFill(y, 2, 0f, 1f);
                Params before = Params.of(s);
                double[][] xd = GradientCheckTest.toDouble(x);
                double[] yd = GradientCheckTest.column(y);
                GradientDescent gd = new GradientDescent(lr, lambda);
                double penalty = 0;
                for (int i = 0; i < s.blocks(); i++) penalty += lambda / 2 * sumOfSquares(before.block(s.blockName(i)));
                assertEquals(penalty, gd.penalty(k, s), 1e-5 * penalty, trained + ": penalty");
                ReluNetworkStep step = new ReluNetworkStep(ws, s, N);
                step.forward(k, x, y);
                step.backward(k, x);
                gd.update(k, s, step, 0);
                for (int i = 0; i < s.blocks(); i++) {
                    double[][] old = before.block(s.blockName(i)), moved = GradientCheckTest.toDouble(s.block(i));
                    double[][] direction = new double[old.length][old[0].length];
                    for (int r = 0; r < old.length; r++) {
                        for (int c = 0; c < old[r].length; c++) direction[r][c] = (old[r][c] - moved[r][c]) / lr;
                    }
                    // (θ − θ')/η carries the float rounding of θ/η: compare at 1e-3 of the largest component.
                    double[][] numeric = finiteDifferences(before, allNames(3).indexOf(s.blockName(i)), xd, yd, lambda);
                    assertClose(trained + ", (θ − θ')/η for " + s.blockName(i), numeric, direction, 1e-3);
                }
            }
        }
    }

    /** Central differences of J + (λ/2)‖block‖² with respect to every entry of block {@code b}. */
    private static double[][] finiteDifferences(Params p, int b, double[][] x, double[] y, double lambda) {
        double[][] block = p.blocks().get(b);
        return finiteDifferences(block, () -> p.objective(x, y) + lambda / 2 * sumOfSquares(block));
    }

    /** Central differences of {@code objective} with respect to every entry of {@code block}, which it reads. */
    static double[][] finiteDifferences(double[][] block, DoubleSupplier objective) {
        double[][] num = new double[block.length][block[0].length];
        for (int i = 0; i < block.length; i++) {
            for (int j = 0; j < block[i].length; j++) {
                double keep = block[i][j];
                block[i][j] = keep + H;
                double up = objective.getAsDouble();
                block[i][j] = keep - H;
                double down = objective.getAsDouble();
                block[i][j] = keep;
                num[i][j] = (up - down) / (2 * H);
            }
        }
        return num;
    }

    private static double sumOfSquares(double[][] block) {
        double s = 0;
        for (double[] row : block) for (double v : row) s += v * v;
        return s;
    }

    static void assertClose(String what, double[][] want, double[][] got, double relative) {
        assertEquals(want.length + "x" + want[0].length, got.length + "x" + got[0].length, what + ": shape");
        double scale = 0;
        for (double[] row : want) for (double v : row) scale = Math.max(scale, Math.abs(v));
        double tol = relative * Math.max(scale, 1e-3);
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                if (!(Math.abs(want[i][j] - got[i][j]) <= tol)) {
                    fail(what + "[" + i + "][" + j + "]: analytic " + got[i][j] + ", finite difference " + want[i][j]
                            + " ± " + tol);
                }
            }
        }
    }
}
