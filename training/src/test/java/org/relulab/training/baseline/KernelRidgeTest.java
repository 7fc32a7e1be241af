package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.teacher.AbsTeacher;

/**
 * {@link KernelRidge}: a target in the kernel's span is learnt to near zero test error; LMZ20's |·| teacher
 * gets a test loss between zero and the trivial predictor's; memory and argument checks say what is wrong.
 */
class KernelRidgeTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = Kernels.create(); }

    @AfterAll
    static void close() { kernels.close(); }

    /**
     * y = Σ_j c_j k(x, x_j) over 15 of the training points x_j: the ridgeless interpolant is exactly that
     * function, so the test error falls to rounding as λ → 0, and the sweep picks a small λ.
     */
    @Test
    void aTargetInTheKernelsSpanIsLearnt() {
        int d = 5, n = 400, nTest = 300, centers = 15;
        NeuralTangentKernel kernel = new NeuralTangentKernel(Activation.RELU);
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(n, d), xTest = ws.matrix(nTest, d);
            kernels.gaussianFill(x, 1, 0f, 1f);
            kernels.gaussianFill(xTest, 2, 0f, 1f);
            Matrix c = ws.column(centers);
            kernels.gaussianFill(c, 3, 0f, 1f);
            Matrix xc = x.rows(0, centers);
            Matrix y = label(ws, kernel, x, xc, c), yTest = label(ws, kernel, xTest, xc, c);
            KernelRidge.Result r = KernelRidge.fit(kernels, kernel, new Dataset(x, y), new Dataset(xTest, yTest),
                    KernelRidge.Options.defaults());
            double variance = variance(yTest);
            assertTrue(r.testMse() < 1e-6 * variance, r.summary());
            assertTrue(r.lambda() <= 1e-5, "a target in the span wants a small λ: " + r.summary());
        }
    }

    /** y_i = Σ_j c_j k(x_i, z_j). */
    private static Matrix label(Workspace ws, DotProductKernel kernel, Matrix x, Matrix z, Matrix c) {
        Matrix kxz = ws.matrix(x.rows(), z.rows()), y = ws.column(x.rows());
        kernel.crossGram(kernels, x, z, kxz);
        kernels.gemv(false, 1f, kxz, c, 0f, y);
        return y;
    }

    private static double variance(Matrix y) {
        double s = 0, s2 = 0;
        for (int i = 0; i < y.rows(); i++) {
            s += y.get(i, 0);
            s2 += (double) y.get(i, 0) * y.get(i, 0);
        }
        double mean = s / y.rows();
        return s2 / y.rows() - mean * mean;
    }

    /**
     * LMZ20's teacher f* = (1/d) Σ|x_i| at d = 8 with n = 2000: the kernels learn its degree-0 and degree-2
     * parts, not all of it (LMZ20: Ω(1/d) loss for kernels with poly(d) samples).
     */
    @Test
    void lmz20AbsTeacherGetsASensibleTestLoss() {
        int d = 8, n = 2000, nTest = 1000;
        try (Workspace ws = Workspace.shared()) {
            AbsTeacher teacher = new AbsTeacher(ws, d, false, 1, 5);
            Dataset train = Dataset.generate(ws, kernels, teacher, n, 10),
                    test = Dataset.generate(ws, kernels, teacher, nTest, 20);
            double variance = variance(test.y()); // about (1 − 2/π)/d = 0.045: the constant predictor's loss
            KernelRidge.Result r = KernelRidge.fit(kernels, new NeuralTangentKernel(Activation.RELU), train, test,
                    KernelRidge.Options.defaults());
            // Measured: test MSE 1.1e-3 (2.4 % of the variance), ridgeless (λ = 0) chosen, 5 factorizations for 18 λ.
            assertTrue(r.testMse() > 1e-3 * variance && r.testMse() < 0.1 * variance,
                    "test MSE " + r.testMse() + " against the variance " + variance + ": " + r.summary());
            assertTrue(r.trainMse() <= r.testMse(), r.summary());
            assertEquals(1600, r.fitSize());
            assertEquals(KernelRidge.Options.defaults().lambdas().length, r.sweep().size(),
                    "every λ solved at n = 1600, d = 8");
            long factorizations = r.sweep().stream().filter(s -> s.factorLambda() == s.lambda()).count();
            assertTrue(factorizations < r.sweep().size() / 2, "the sweep reuses factors: " + r.sweep());
        }
    }

    @Test
    void tooLargeForMemoryIsRefusedBeforeAllocating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRidge.requireMemory(60000, 48000, 12000, 10000, 16_000_000_000L));
        for (String s : new String[] {"n = 60000 training points", "14.4 GB for the 60000 x 60000 kernel matrix",
                "2.4 GB for the 10000 x 60000 test kernel", "80% of this machine's 16.0 GB", "(12.8 GB)"}) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        KernelRidge.requireMemory(20000, 16000, 4000, 10000, 16_000_000_000L); // 2.4 GB: fits
        // Through fit, with this machine's memory: 200,000² floats are 160 GB. x is 200,000 x 1.
        try (Workspace ws = Workspace.shared()) {
            Dataset big = new Dataset(ws.matrix(200_000, 1), ws.column(200_000));
            Dataset small = new Dataset(ws.matrix(10, 1), ws.column(10));
            fails(() -> KernelRidge.fit(kernels, new ArcCosineKernel(1), big, small, KernelRidge.Options.defaults()),
                    "n = 200000 training points need 160.0 GB");
        }
    }

    @Test
    void badArguments() {
        fails(() -> new KernelRidge.Options(new double[0], 0.2), "grid is empty");
        fails(() -> new KernelRidge.Options(new double[] {1, -1e-3}, 0.2), "λ[1] = -0.001");
        fails(() -> new KernelRidge.Options(new double[] {1e-3, 1e-2}, 0.2), "strictly decreasing");
        fails(() -> new KernelRidge.Options(new double[] {Double.NaN}, 0.2), "λ[0] = NaN");
        fails(() -> new KernelRidge.Options(new double[] {1}, 1.0), "validation fraction 1.0");
        fails(() -> new NeuralTangentKernel(Activation.IDENTITY), "IDENTITY", "RELU or ABS");
        fails(() -> new ArcCosineKernel(2), "degree 2");
        try (Workspace ws = Workspace.shared()) {
            Dataset three = new Dataset(ws.matrix(3, 2), ws.column(3)), d3 = new Dataset(ws.matrix(5, 3), ws.column(5));
            KernelRidge.Options o = new KernelRidge.Options(new double[] {1}, 0.1);
            fails(() -> KernelRidge.fit(kernels, new ArcCosineKernel(1), three, three, o), "n = 3",
                    "leaves 3 points to fit and 0");
            fails(() -> KernelRidge.fit(kernels, new ArcCosineKernel(1), three, d3, o), "d = 2", "d = 3");
            fails(() -> new ArcCosineKernel(0).crossGram(kernels, ws.matrix(2, 2), ws.matrix(2, 3), ws.matrix(2, 2)),
                    "2x2", "2x3");
        }
    }

    private static void fails(Executable e, String... mustMention) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String s : mustMention)
            assertTrue(ex.getMessage().contains(s), "\"" + ex.getMessage() + "\" should mention \"" + s + "\"");
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }
}
