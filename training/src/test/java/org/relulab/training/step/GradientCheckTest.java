package org.relulab.training.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
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
 * The gradients of {@link TwoLayerStep} (float kernels) against central finite differences of the same
 * objective J = (1/2n) Σ (f − y)² evaluated in double, for every output layer and both activations.
 */
class GradientCheckTest {
    private static final int D = 5, M = 6, N = 9;
    private static final double H = 1e-6;

    /** J in double at parameters w (m × d) and a (m), for data x (n × d), y (n). */
    static double objective(double[][] w, double[] a, double[][] x, double[] y, Activation act, OutputLayer out) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double f = 0;
            for (int i = 0; i < w.length; i++) {
                double z = 0, norm2 = 0;
                for (int p = 0; p < x[j].length; p++) {
                    z += w[i][p] * x[j][p];
                    norm2 += w[i][p] * w[i][p];
                }
                double c = switch (out) {
                    case TIED -> Math.sqrt(norm2) / w.length;
                    case ONES -> 1;
                    case MEAN -> a[i] / w.length;
                    case SQRT -> a[i] / Math.sqrt(w.length);
                };
                f += c * (act == Activation.RELU ? Math.max(z, 0) : Math.abs(z));
            }
            sum += (f - y[j]) * (f - y[j]);
        }
        return sum / (2 * x.length);
    }

    @Test
    void everyStudentFormAndActivationMatchesFiniteDifferences() {
        Random rnd = new Random(42);
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (OutputLayer out : OutputLayer.values()) {
                for (Activation act : new Activation[] {Activation.RELU, Activation.ABS}) {
                    TwoLayerStudent s = new TwoLayerStudent(ws, M, D, act, out);
                    Initialization.GAUSSIAN.apply(k, s, 1.0, rnd.nextLong());
                    Matrix x = ws.matrix(N, D), y = ws.matrix(N, 1);
                    k.gaussianFill(x, rnd.nextLong(), 0f, 1f);
                    k.gaussianFill(y, rnd.nextLong(), 0.5f, 1f);
                    TwoLayerStep step = new TwoLayerStep(ws, s, N);
                    step.forward(k, x, y);
                    step.backward(k, x);

                    double[][] w = toDouble(s.w), xd = toDouble(x);
                    double[] a = toDouble(s.a)[0], yd = column(y);
                    double scale = 0;
                    double[][] numW = new double[M][D];
                    for (int i = 0; i < M; i++) {
                        for (int p = 0; p < D; p++) {
                            double keep = w[i][p];
                            w[i][p] = keep + H;
                            double up = objective(w, a, xd, yd, act, out);
                            w[i][p] = keep - H;
                            double down = objective(w, a, xd, yd, act, out);
                            w[i][p] = keep;
                            numW[i][p] = (up - down) / (2 * H);
                            scale = Math.max(scale, Math.abs(numW[i][p]));
                        }
                    }
                    double[] numA = new double[M];
                    for (int i = 0; i < M; i++) {
                        double keep = a[i];
                        a[i] = keep + H;
                        double up = objective(w, a, xd, yd, act, out);
                        a[i] = keep - H;
                        double down = objective(w, a, xd, yd, act, out);
                        a[i] = keep;
                        numA[i] = out.trainable() ? (up - down) / (2 * H) : 0;
                    }
                    String what = out + " " + act;
                    double tol = 1e-4 * Math.max(scale, 1e-3);
                    for (int i = 0; i < M; i++) {
                        for (int p = 0; p < D; p++) {
                            assertNear(what + " dJ/dw[" + i + "][" + p + "]", numW[i][p], step.gradW.get(i, p), tol);
                        }
                        if (out.trainable()) assertNear(what + " dJ/da[" + i + "]", numA[i], step.gradA.get(0, i), tol);
                        else assertEquals(0f, step.gradA.get(0, i), what + ": a is not trained");
                    }
                }
            }
        }
    }

    @Test
    void forwardReturnsTheMeanSquaredErrorOfThePredictions() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            TwoLayerStudent s = new TwoLayerStudent(ws, M, D, Activation.ABS, OutputLayer.TIED);
            Initialization.GAUSSIAN.apply(k, s, 1.0, 3);
            Matrix x = ws.matrix(N, D), y = ws.matrix(N, 1), pred = ws.matrix(N, 1);
            k.gaussianFill(x, 4, 0f, 1f);
            k.gaussianFill(y, 5, 0f, 1f);
            TwoLayerStep step = new TwoLayerStep(ws, s, N);
            double mse = step.forward(k, x, y);
            step.predict(k, x, pred);
            double want = 2 * objective(toDouble(s.w), toDouble(s.a)[0], toDouble(x), column(y), Activation.ABS,
                    OutputLayer.TIED);
            assertEquals(want, mse, 1e-5 * want);
            double sum = 0;
            for (int j = 0; j < N; j++) sum += Math.pow(pred.get(j, 0) - y.get(j, 0), 2);
            assertEquals(want, sum / N, 1e-5 * want);
        }
    }

    private static void assertNear(String what, double want, double got, double tol) {
        if (!(Math.abs(want - got) <= tol))
            fail(what + ": analytic " + got + ", finite difference " + want + " ± " + tol);
    }

    static double[][] toDouble(Matrix m) {
        double[][] d = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) for (int j = 0; j < m.cols(); j++) d[i][j] = m.get(i, j);
        return d;
    }

    static double[] column(Matrix m) {
        double[] d = new double[m.rows()];
        for (int i = 0; i < m.rows(); i++) d[i] = m.get(i, 0);
        return d;
    }
}
