package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.TestMatrices.EPS;
import static org.relulab.core.TestMatrices.SIZES;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/**
 * Element-wise kernels, activations and their backward passes: the provider under test against a
 * float64 reference, and SIMD against its scalar twin, over awkward sizes, offsets, strides and mixed
 * layouts, in place and out of place.
 */
class ElementwiseTest extends ProvidersUnderTest {
    interface Op {
        void run(Kernels k, Matrix x, Matrix y, Matrix out);
    }

    /** Runs {@code op} on every size and layout; each output element must be within one rounding of f(x, y). */
    static void check(String name, Op op, DoubleBinaryOperator f, boolean outIsY) {
        Random rnd = new Random(name.hashCode());
        Layout[] layouts = Layout.values();
        try (Workspace ws = Workspace.shared()) {
            for (int n : SIZES) {
                for (int shape = 0; shape < 3; shape++) {
                    int rows = shape == 0 ? 1 : shape == 1 ? 3 : Math.max(1, n / 37);
                    int cols = shape == 2 ? 37 : n;
                    for (int variant = 0; variant < 4; variant++) {
                        Layout lx = layouts[variant], ly = layouts[(variant + shape) % 4], lo = layouts[rnd.nextInt(4)];
                        Matrix x = TestMatrices.random(ws, rnd, rows, cols, lx);
                        Matrix y = TestMatrices.random(ws, rnd, rows, cols, ly);
                        Matrix outSim = outIsY ? y : TestMatrices.view(ws, rnd, rows, cols, lo);
                        Matrix yScalar = ws.matrix(rows, cols).copyFrom(y);
                        Matrix outSc = outIsY ? yScalar : ws.matrix(rows, cols);
                        double[][] xd = TestMatrices.toDouble(x), yd = TestMatrices.toDouble(y);
                        Matrix out = outIsY ? y : outSim;
                        Kernels k = kernels;
                        op.run(k, x, y, out);
                        op.run(scalar, x, outIsY ? yScalar : y, outSc);
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < cols; j++) {
                                double want = f.applyAsDouble(xd[i][j], yd[i][j]);
                                double got = out.get(i, j), twin = outSc.get(i, j);
                                double tol = 2 * EPS * (Math.abs(want) + Math.abs(xd[i][j]) + Math.abs(yd[i][j]));
                                if (!(Math.abs(got - want) <= tol) || !(Math.abs(got - twin) <= tol)) {
                                    fail(name + " " + rows + "x" + cols + " x=" + x + " y=" + y + " out=" + out
                                            + " at (" + i + ", "
                                            + j + "): got " + got + ", float64 " + want + ", scalar twin " + twin);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void axpy() {
        check("axpy", (k, x, y, o) -> k.axpy(-0.75f, x, y), (x, y) -> -0.75 * x + y, true);
    }

    @Test
    void scaleOutOfPlace() {
        check("scale", (k, x, y, o) -> k.scale(1.5f, x, o), (x, y) -> 1.5 * x, false);
    }

    @Test
    void scaleInPlace() {
        check("scale in place", (k, x, y, o) -> k.scale(-3f, y, y), (x, y) -> -3 * y, true);
    }

    @Test
    void add() {
        check("add", (k, x, y, o) -> k.add(x, y, o), Double::sum, false);
    }

    @Test
    void addInPlace() {
        check("add in place", (k, x, y, o) -> k.add(x, y, y), Double::sum, true);
    }

    @Test
    void multiply() {
        check("multiply", (k, x, y, o) -> k.multiply(x, y, o), (x, y) -> x * y, false);
    }

    @Test
    void relu() {
        check("relu", (k, x, y, o) -> k.relu(x, o), (x, y) -> Math.max(x, 0), false);
    }

    @Test
    void absInPlace() {
        check("abs in place", (k, x, y, o) -> k.abs(y, y), (x, y) -> Math.abs(y), true);
    }

    @Test
    void identity() {
        check("identity", (k, x, y, o) -> k.activate(Activation.IDENTITY, x, o), (x, y) -> x, false);
    }

    @Test
    void reluBackward() {
        check("reluBackward", (k, z, g, o) -> k.reluBackward(g, z, o), (z, g) -> z > 0 ? g : 0, false);
    }

    @Test
    void reluBackwardInPlace() {
        check("reluBackward in place", (k, z, g, o) -> k.reluBackward(g, z, g), (z, g) -> z > 0 ? g : 0, true);
    }

    @Test
    void absBackward() {
        check("absBackward", (k, z, g, o) -> k.absBackward(g, z, o), (z, g) -> Math.signum(z) * g, false);
    }

    @Test
    void identityBackward() {
        check("identityBackward", (k, z, g, o) -> k.activateBackward(Activation.IDENTITY, g, z, o), (z, g) -> g, false);
    }

    /**
     * NaN and ±Inf go through as IEEE says: relu(NaN) = NaN, |−Inf| = Inf, a NaN pre-activation poisons the gradient.
     */
    @Test
    void nanAndInfinityPropagate() {
        float[] z = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 2f, -2f, Float.NaN, 1f};
        float[] g = {1f, 1f, 1f, 1f, 1f, Float.POSITIVE_INFINITY, Float.NaN, 0f, Float.NEGATIVE_INFINITY};
        int n = 3 * z.length; // long enough for the vector body on every species up to 16 lanes... and a tail
        float[] zz = new float[4 * n], gg = new float[4 * n];
        for (int i = 0; i < zz.length; i++) {
            zz[i] = z[i % z.length];
            gg[i] = g[(i / 2) % g.length];
        }
        try (Workspace ws = Workspace.shared()) {
            Matrix zm = ws.matrix(1, zz.length, zz), gm = ws.matrix(1, gg.length, gg);
            for (Kernels k : new Kernels[] {simd, scalar}) {
                Matrix relu = ws.matrix(1, zz.length), abs = ws.matrix(1, zz.length);
                Matrix dRelu = ws.matrix(1, zz.length), dAbs = ws.matrix(1, zz.length);
                k.relu(zm, relu);
                k.abs(zm, abs);
                k.reluBackward(gm, zm, dRelu);
                k.absBackward(gm, zm, dAbs);
                for (int i = 0; i < zz.length; i++) {
                    String at = k.provider() + " at z=" + zz[i] + ", g=" + gg[i];
                    assertEquals(Math.max(zz[i], 0f), relu.get(0, i), "relu " + at);
                    assertEquals(Math.abs(zz[i]), abs.get(0, i), "abs " + at);
                    float wantRelu = gg[i] * (zz[i] > 0 ? 1f : Float.isNaN(zz[i]) ? Float.NaN : 0f);
                    assertEquals(wantRelu, dRelu.get(0, i), "reluBackward " + at);
                    assertEquals(gg[i] * Math.signum(zz[i]), dAbs.get(0, i), "absBackward " + at);
                }
            }
        }
    }
}
