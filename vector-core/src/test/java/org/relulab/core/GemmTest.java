package org.relulab.core;

import static org.relulab.core.TestMatrices.EPS;
import static org.relulab.core.TestMatrices.assertBitIdentical;
import static org.relulab.core.TestMatrices.assertClose;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/** GEMM of the provider under test against a float64 reference, and against its twin. */
class GemmTest {
    static final int[][] SHAPES = { // m, n, k
            {1, 1, 1}, {3, 7, 17}, {17, 33, 31}, {8, 8, 256}, {9, 9, 257}, {100, 127, 33}, {127, 100, 300},
            {33, 17, 1021}, {1021, 3, 7}, {3, 1021, 15}, {145, 17, 513}, {4099, 1, 3}, {1, 4099, 5}, {7, 15, 0},
    };
    static final float[][] ALPHA_BETA = {{1f, 0f}, {-2f, 0f}, {0.5f, 1f}, {-1.5f, 0.25f}};

    static Kernels kernels, simd, scalar;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(2);
        simd = Kernels.create(Provider.SIMD, 2);
        scalar = Kernels.create(Provider.SCALAR, 2);
    }

    @AfterAll
    static void close() {
        kernels.close();
        simd.close();
        scalar.close();
    }

    /** Float64 C = α·op(A)·op(B) + β·C0 and a bound (k + 4)·ε·(|α|·Σ|a||b| + |β·c0|) per element. */
    static double[][][] reference(float alpha, double[][] a, double[][] b, float beta, double[][] c0) {
        int m = a.length, k = m == 0 ? 0 : a[0].length, n = c0.length == 0 ? 0 : c0[0].length;
        double[][] want = new double[m][n], tol = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, mag = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                    mag += Math.abs(a[i][p] * b[p][j]);
                }
                double old = beta == 0f ? 0 : beta * c0[i][j];
                want[i][j] = alpha * s + old;
                tol[i][j] = (k + 4) * EPS * (Math.abs(alpha) * mag + Math.abs(old)) + 1e-30;
            }
        }
        return new double[][][] {want, tol};
    }

    /** op(A) as m × k in the chosen form: flag off on a plain view, flag on over stored Aᵀ, or a .t() view. */
    static Matrix operand(Workspace ws, Random rnd, int rows, int cols, boolean trans, Layout layout) {
        Matrix m = TestMatrices.random(ws, rnd, trans ? cols : rows, trans ? rows : cols, layout);
        return m;
    }

    static double[][] op(Matrix m, boolean trans) {
        return TestMatrices.toDouble(trans ? m.t() : m);
    }

    @Test
    void allTransposeFormsLayoutsAndScalesAgainstFloat64() {
        Random rnd = new Random(42);
        Layout[] layouts = Layout.values();
        try (Workspace ws = Workspace.shared()) {
            for (int[] s : SHAPES) {
                for (int form = 0; form < 4; form++) {
                    boolean ta = (form & 1) != 0, tb = (form & 2) != 0;
                    for (float[] ab : ALPHA_BETA) {
                        Matrix a = operand(ws, rnd, s[0], s[2], ta, layouts[rnd.nextInt(4)]);
                        Matrix b = operand(ws, rnd, s[2], s[1], tb, layouts[rnd.nextInt(4)]);
                        Matrix c = TestMatrices.random(ws, rnd, s[0], s[1], layouts[rnd.nextInt(4)]);
                        if (ab[1] == 0f) c.fill(Float.NaN); // β = 0 must not read C
                        double[][][] ref = reference(ab[0], op(a, ta), op(b, tb), ab[1], TestMatrices.toDouble(c));
                        kernels.gemm(ta, tb, ab[0], a, b, ab[1], c);
                        String what = "gemm " + s[0] + "x" + s[1] + "x" + s[2] + " transA=" + ta + " transB=" + tb
                                + " alpha=" + ab[0] + " beta=" + ab[1] + " A=" + a + " B=" + b + " C=" + c;
                        assertClose(what, ref[0], ref[1], c);
                    }
                }
            }
        }
    }

    @Test
    void simdAgreesWithScalarTwin() {
        Random rnd = new Random(7);
        try (Workspace ws = Workspace.shared()) {
            for (int[] s : SHAPES) {
                for (int form = 0; form < 4; form++) {
                    boolean ta = (form & 1) != 0, tb = (form & 2) != 0;
                    Matrix a = operand(ws, rnd, s[0], s[2], ta, Layout.OFFSET);
                    Matrix b = operand(ws, rnd, s[2], s[1], tb, Layout.TRANSPOSED_OFFSET);
                    Matrix c0 = TestMatrices.random(ws, rnd, s[0], s[1], Layout.DENSE);
                    Matrix c1 = ws.matrix(s[0], s[1]).copyFrom(c0), c2 = ws.matrix(s[0], s[1]).copyFrom(c0);
                    double[][][] ref = reference(0.75f, op(a, ta), op(b, tb), -0.5f, TestMatrices.toDouble(c0));
                    simd.gemm(ta, tb, 0.75f, a, b, -0.5f, c1);
                    scalar.gemm(ta, tb, 0.75f, a, b, -0.5f, c2);
                    double[][] twoTol = ref[1];
                    for (double[] row : twoTol) for (int j = 0; j < row.length; j++) row[j] *= 2;
                    assertClose("simd vs scalar twin, " + s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb,
                            TestMatrices.toDouble(c2), twoTol, c1);
                }
            }
        }
    }

    @Test
    void everyEdgeOfTheBlocking() {
        int mr = SimdMicroKernel.MR, nr = SimdMicroKernel.NR, kc = SimdGemm.KC, mc = SimdGemm.MC, nc = SimdGemm.NC;
        int[][] shapes = {
                {mr - 1, nr, kc}, {mr, nr, kc}, {mr + 1, nr + 1, kc + 1}, {mr, nr - 1, kc - 1},
                {mc - 1, nr + 1, 9}, {mc, 2 * nr, 5}, {mc + 1, nr - 1, 2 * kc + 1}, {2 * mc + mr + 1, 3, 3},
                {3, nc - 1, 2}, {2, nc, 3}, {mr + 1, nc + 1, 4}, {1, 2 * nc + nr + 1, 1},
        };
        Random rnd = new Random(3);
        try (Workspace ws = Workspace.shared()) {
            for (int[] s : shapes) {
                for (int form = 0; form < 4; form++) {
                    boolean ta = (form & 1) != 0, tb = (form & 2) != 0;
                    Matrix a = operand(ws, rnd, s[0], s[2], ta, Layout.DENSE);
                    Matrix b = operand(ws, rnd, s[2], s[1], tb, Layout.OFFSET);
                    Matrix c = TestMatrices.random(ws, rnd, s[0], s[1], Layout.OFFSET);
                    double[][][] ref = reference(1f, op(a, ta), op(b, tb), 1f, TestMatrices.toDouble(c));
                    kernels.gemm(ta, tb, 1f, a, b, 1f, c);
                    assertClose("blocking edge " + s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb,
                            ref[0], ref[1], c);
                }
            }
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        int[][] shapes = {{300, 200, 150}, {60, 2000, 64}, {1000, 9, 700}};
        Random rnd = new Random(11);
        try (Workspace ws = Workspace.shared()) {
            for (Provider p : Provider.values()) {
                for (int[] s : shapes) {
                    Matrix a = TestMatrices.random(ws, rnd, s[0], s[2], Layout.DENSE);
                    Matrix b = TestMatrices.random(ws, rnd, s[1], s[2], Layout.DENSE);
                    Matrix want = null;
                    for (int threads = 1; threads <= 4; threads++) {
                        Matrix c = ws.matrix(s[0], s[1]);
                        Matrix h = ws.matrix(s[0], s[1]);
                        try (Kernels k = Kernels.create(p, threads)) {
                            k.gemm(false, true, 1f, a, b, 0f, c, Activation.ABS, h);
                        }
                        if (want == null) want = c;
                        else
                            assertBitIdentical(p + " " + threads + " threads vs 1, " + s[0] + "x" + s[1] + "x" + s[2],
                                    want, c);
                    }
                }
            }
        }
    }

    @Test
    void fusedEpilogueMatchesPlainGemmThenActivation() {
        Random rnd = new Random(5);
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : Activation.values()) {
                for (int[] s : new int[][] {{37, 45, 300}, {8, 8, 8}, {130, 17, 1}}) {
                    Matrix a = TestMatrices.random(ws, rnd, s[0], s[2], Layout.OFFSET);
                    Matrix b = TestMatrices.random(ws, rnd, s[2], s[1], Layout.TRANSPOSED);
                    Matrix c0 = TestMatrices.random(ws, rnd, s[0], s[1], Layout.DENSE);
                    Matrix plain = ws.matrix(s[0], s[1]).copyFrom(c0), fused = ws.matrix(s[0], s[1]).copyFrom(c0);
                    Matrix h = ws.matrix(s[0], s[1]), h2 = ws.matrix(s[0], s[1]);
                    kernels.gemm(false, false, 1.25f, a, b, 0.5f, plain);
                    kernels.activate(act, plain, h2);
                    kernels.gemm(false, false, 1.25f, a, b, 0.5f, fused, act, h);
                    assertBitIdentical(act + " pre-activation", plain, fused);
                    assertBitIdentical(act + " activation", h2, h);
                }
            }
        }
    }

    @Test
    void fusedEpilogueInPlaceLeavesTheActivation() {
        Random rnd = new Random(8);
        try (Workspace ws = Workspace.shared()) {
            for (Activation act : Activation.values()) {
                for (int[] s : new int[][] {{37, 45, 300}, {8, 33, 2049}, {130, 17, 1}}) { // 2049: several KC slices
                    Matrix a = TestMatrices.random(ws, rnd, s[0], s[2], Layout.DENSE);
                    Matrix b = TestMatrices.random(ws, rnd, s[2], s[1], Layout.OFFSET);
                    Matrix c = ws.matrix(s[0], s[1]), inPlace = ws.matrix(s[0], s[1]);
                    kernels.gemm(false, false, 1f, a, b, 0f, c);
                    kernels.activate(act, c, c);
                    kernels.gemm(false, false, 1f, a, b, 0f, inPlace, act, inPlace);
                    TestMatrices.assertBitIdentical(act + " in place " + s[0] + "x" + s[1] + "x" + s[2], c, inPlace);
                }
            }
        }
    }

    @Test
    void transposedOutputIsComputedAsItsTranspose() {
        Random rnd = new Random(9);
        try (Workspace ws = Workspace.shared()) {
            Matrix a = TestMatrices.random(ws, rnd, 23, 19, Layout.DENSE);
            Matrix b = TestMatrices.random(ws, rnd, 19, 31, Layout.DENSE);
            Matrix c = TestMatrices.random(ws, rnd, 23, 31, Layout.TRANSPOSED);
            Matrix h = ws.matrix(31, 23).t();
            double[][][] ref = reference(2f, op(a, false), op(b, false), 0f, TestMatrices.toDouble(c));
            kernels.gemm(false, false, 2f, a, b, 0f, c, Activation.RELU, h);
            assertClose("C transposed", ref[0], ref[1], c);
            for (int i = 0; i < 23; i++) {
                for (int j = 0; j < 31; j++)
                    org.junit.jupiter.api.Assertions.assertEquals(Math.max(c.get(i, j), 0f), h.get(i, j));
            }
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(3, 0), b = ws.matrix(0, 4), c = ws.matrix(3, 4).fill(-2f), h = ws.matrix(3, 4);
            kernels.gemm(false, false, 1f, a, b, 0.5f, c, Activation.ABS, h);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    org.junit.jupiter.api.Assertions.assertEquals(-1f, c.get(i, j));
                    org.junit.jupiter.api.Assertions.assertEquals(1f, h.get(i, j));
                }
            }
            c.fill(Float.NaN);
            kernels.gemm(false, false, 1f, a, b, 0f, c);
            org.junit.jupiter.api.Assertions.assertEquals(0f, c.get(2, 3));
        }
    }

    @Test
    void batchedEqualsOneGemmPerProblem() {
        int batch = 5, m = 19, n = 23, k = 29;
        Random rnd = new Random(13);
        try (Workspace ws = Workspace.shared()) {
            Matrix as = TestMatrices.random(ws, rnd, batch * k, m, Layout.DENSE); // each problem's A stored k x m
            Matrix bs = TestMatrices.random(ws, rnd, batch * k, n, Layout.DENSE);
            Matrix cs = TestMatrices.random(ws, rnd, batch * m, n, Layout.DENSE);
            Matrix copy = ws.matrix(batch * m, n).copyFrom(cs);
            long sa = (long) k * as.stride(), sb = (long) k * bs.stride(), sc = (long) m * cs.stride();
            kernels.gemmBatched(true, false, 0.5f, as.rows(0, k), sa, bs.rows(0, k), sb, 2f, cs.rows(0, m), sc, batch);
            for (int p = 0; p < batch; p++) {
                Matrix one = copy.rows(p * m, (p + 1) * m);
                kernels.gemm(true, false, 0.5f, as.rows(p * k, (p + 1) * k), bs.rows(p * k, (p + 1) * k), 2f, one);
                assertBitIdentical("problem " + p, one, cs.rows(p * m, (p + 1) * m));
            }
        }
    }
}
