package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TrainedLayers;

/**
 * {@link TangentFeatures} and {@link TangentKernel} on tiny ALL19 networks against a brute-force Jacobian: central
 * finite differences, in double, of a double-precision forward pass, one parameter at a time. The features, the
 * kernel ⟨∇F(x), ∇F(x′)⟩, Jᵀα and F(x; θ₀) must all agree with it.
 */
class TangentFeaturesTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = Kernels.create(); }

    @AfterAll
    static void close() { kernels.close(); }

    @ParameterizedTest
    @CsvSource({"3, ALL", "3, LAST", "3, HIDDEN", "2, ALL", "2, LAST", "2, HIDDEN"})
    void featuresKernelAndTransposeMatchFiniteDifferences(int layers, TrainedLayers trained) {
        int d = 4, n = 7, m1 = 5, m2 = 6;
        try (Workspace ws = Workspace.shared()) {
            ReluNetworkStudent net = layers == 3
                    ? ReluNetworkStudent.threeLayer(ws, d, m1, m2, trained)
                    : ReluNetworkStudent.twoLayer(ws, d, m1, trained);
            net.initialize(kernels, 11, 0.7);
            Matrix x = ws.matrix(n, d), z = ws.matrix(n - 2, d);
            kernels.gaussianFill(x, 3, 0f, 1f);
            kernels.gaussianFill(z, 4, 0f, 1f);
            TangentFeatures f = new TangentFeatures(net, trained);
            double[][] jx = finiteDifferences(net, x), jz = finiteDifferences(net, z);
            assertEquals(jx[0].length, f.count(), "p");

            TangentFeatures.Pass px = f.pass(kernels, ws, x);
            Matrix phi = ws.matrix(n, f.count());
            f.jacobian(px, phi);
            for (int i = 0; i < n; i++) {
                assertEquals(forward(net, x, i), px.f().get(i, 0), 1e-5 * (1 + Math.abs(forward(net, x, i))), "F");
                for (int j = 0; j < f.count(); j++) {
                    assertEquals(jx[i][j], phi.get(i, j), 1e-4 * (1 + Math.abs(jx[i][j])), "dF/dθ_" + j + " at " + i);
                }
            }

            Matrix k = ws.matrix(n, n - 2);
            new TangentKernel(f).crossGram(kernels, x, z, k);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n - 2; j++) {
                    double dot = 0, scale = 0;
                    for (int q = 0; q < f.count(); q++) {
                        dot += jx[i][q] * jz[j][q];
                        scale += Math.abs(jx[i][q] * jz[j][q]);
                    }
                    assertEquals(dot, k.get(i, j), 1e-4 * (1 + scale), "K(" + i + ", " + j + ")");
                }
            }

            double[] alpha = new double[n];
            for (int i = 0; i < n; i++) alpha[i] = Math.sin(i + 1.0);
            double[] jtAlpha = f.transposeTimes(kernels, ws, px, alpha);
            for (int q = 0; q < f.count(); q++) {
                double want = 0, scale = 0;
                for (int i = 0; i < n; i++) {
                    want += jx[i][q] * alpha[i];
                    scale += Math.abs(jx[i][q] * alpha[i]);
                }
                assertEquals(want, jtAlpha[q], 1e-4 * (1 + scale), "(Jᵀα)_" + q);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3, ALL", "2, LAST"})
    void aStepAddedToTheBlocksMovesFAsTheFeaturesSay(int layers, TrainedLayers trained) {
        int d = 4, n = 5;
        try (Workspace ws = Workspace.shared()) {
            ReluNetworkStudent net = layers == 3
                    ? ReluNetworkStudent.threeLayer(ws, d, 6, 5, trained)
                    : ReluNetworkStudent.twoLayer(ws, d, 6, trained);
            net.initialize(kernels, 5, 1);
            Matrix x = ws.matrix(n, d);
            kernels.gaussianFill(x, 8, 0f, 1f);
            TangentFeatures f = new TangentFeatures(net, trained);
            double[][] j = finiteDifferences(net, x);
            double[] step = new double[f.count()], before = new double[n];
            for (int q = 0; q < step.length; q++) step[q] = 1e-3 * Math.cos(q);
            for (int i = 0; i < n; i++) before[i] = forward(net, x, i);
            Matrix[] blocks = new Matrix[net.blocks()];
            for (int b = 0; b < blocks.length; b++) blocks[b] = net.block(b);
            f.addTo(step, blocks);
            for (int i = 0; i < n; i++) {
                double linear = before[i];
                for (int q = 0; q < step.length; q++) linear += j[i][q] * step[q];
                assertEquals(linear, forward(net, x, i), 1e-4, "F after the step at " + i); // second order: ~1e-6
            }
            assertThrows(IllegalArgumentException.class, () -> f.addTo(new double[step.length + 1], blocks));
        }
    }

    /** ∂F(x_i)/∂θ_q by central differences in double, q over the trained blocks in their order, row-major. */
    static double[][] finiteDifferences(ReluNetworkStudent net, Matrix x) {
        int p = 0;
        for (int b = 0; b < net.blocks(); b++) p += (int) net.block(b).size();
        double[][] jac = new double[x.rows()][p];
        double h = 1e-3;
        int q = 0;
        for (int b = 0; b < net.blocks(); b++) {
            Matrix block = net.block(b);
            for (int r = 0; r < block.rows(); r++) {
                for (int c = 0; c < block.cols(); c++, q++) {
                    float v = block.get(r, c);
                    for (int i = 0; i < x.rows(); i++) {
                        block.set(r, c, v);
                        double up = forward(net, x, i, b, r, c, v + h), down = forward(net, x, i, b, r, c, v - h);
                        jac[i][q] = (up - down) / (2 * h);
                    }
                    block.set(r, c, v);
                }
            }
        }
        return jac;
    }

    /** F(x_i; θ) in double from the network's float weights. */
    static double forward(ReluNetworkStudent net, Matrix x, int i) {
        return forward(net, x, i, -1, 0, 0, 0);
    }

    /** F(x_i; θ) in double, with entry (r, c) of trained block b read as {@code value} (b = −1: none). */
    private static double forward(ReluNetworkStudent net, Matrix x, int i, int b, int r, int c, double value) {
        double[] in = new double[x.cols()];
        for (int j = 0; j < in.length; j++) in[j] = x.get(i, j);
        Matrix changed = b < 0 ? null : net.block(b);
        for (int l = 1; l <= net.hiddenLayers(); l++) {
            Matrix w = net.weights(l), bias = net.bias(l);
            double[] out = new double[net.width(l)];
            for (int u = 0; u < out.length; u++) {
                double z = 0;
                for (int j = 0; j < in.length; j++) z += entry(w, u, j, changed, r, c, value) * in[j];
                z = z * (l == 1 ? 1 : 1 / Math.sqrt(net.width(l - 1))) + entry(bias, 0, u, changed, r, c, value);
                out[u] = Math.max(z, 0);
            }
            in = out;
        }
        double f = 0;
        for (int u = 0; u < in.length; u++) f += entry(net.a, 0, u, changed, r, c, value) * in[u];
        return f / Math.sqrt(in.length);
    }

    private static double entry(Matrix m, int i, int j, Matrix changed, int r, int c, double value) {
        return m == changed && i == r && j == c ? value : m.get(i, j);
    }
}
