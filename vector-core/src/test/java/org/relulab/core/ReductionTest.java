package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.TestMatrices.EPS;
import static org.relulab.core.TestMatrices.SIZES;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/** dot, sum, sum of squares, row and column sums, gemv: against float64 with a tolerance that grows with length. */
class ReductionTest {
    static Kernels kernels, scalar;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(2);
        scalar = Kernels.create(Provider.SCALAR, 1);
    }

    @AfterAll
    static void close() {
        kernels.close();
        scalar.close();
    }

    static void near(String what, double want, double magnitude, int length, double got) {
        double tol = (length + 2) * EPS * magnitude + 1e-30;
        if (!(Math.abs(got - want) <= tol)) fail(what + ": got " + got + ", expected " + want + " ± " + tol);
    }

    @Test
    void dotSumAndSumOfSquares() {
        Random rnd = new Random(1);
        try (Workspace ws = Workspace.shared()) {
            for (int n : SIZES) {
                for (Layout layout : Layout.values()) {
                    for (int rows : new int[] {1, 3}) {
                        Matrix x = TestMatrices.random(ws, rnd, rows, n, layout);
                        Matrix y = TestMatrices.random(ws, rnd, rows, n, Layout.values()[rnd.nextInt(4)]);
                        double dot = 0, dotMag = 0, sum = 0, sumMag = 0, sq = 0;
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < n; j++) {
                                double a = x.get(i, j), b = y.get(i, j);
                                dot += a * b;
                                dotMag += Math.abs(a * b);
                                sum += a;
                                sumMag += Math.abs(a);
                                sq += a * a;
                            }
                        }
                        String at = rows + "x" + n + " " + layout;
                        near("dot " + at, dot, dotMag, n * rows, kernels.dot(x, y));
                        near("sum " + at, sum, sumMag, n * rows, kernels.sum(x));
                        near("sumOfSquares " + at, sq, sq, n * rows, kernels.sumOfSquares(x));
                        near("dot twin " + at, scalar.dot(x, y), dotMag, n * rows, kernels.dot(x, y));
                    }
                }
            }
        }
    }

    @Test
    void rowAndColumnSums() {
        Random rnd = new Random(2);
        try (Workspace ws = Workspace.shared()) {
            for (int n : SIZES) {
                for (Layout layout : Layout.values()) {
                    int rows = 1 + n % 13;
                    Matrix a = TestMatrices.random(ws, rnd, rows, n, layout);
                    Matrix rs = TestMatrices.view(ws, rnd, rows, 1, Layout.OFFSET); // strided column vector
                    Matrix cs = ws.vector(n);
                    kernels.rowSums(a, rs);
                    kernels.colSums(a, cs);
                    for (int i = 0; i < rows; i++) {
                        double s = 0, mag = 0;
                        for (int j = 0; j < n; j++) {
                            s += a.get(i, j);
                            mag += Math.abs(a.get(i, j));
                        }
                        near("rowSums " + layout + " row " + i, s, mag, n, rs.get(i, 0));
                    }
                    for (int j = 0; j < n; j++) {
                        double s = 0, mag = 0;
                        for (int i = 0; i < rows; i++) {
                            s += a.get(i, j);
                            mag += Math.abs(a.get(i, j));
                        }
                        near("colSums " + layout + " col " + j, s, mag, rows, cs.get(0, j));
                    }
                }
            }
        }
    }

    @Test
    void gemvBothWaysAllLayouts() {
        Random rnd = new Random(3);
        try (Workspace ws = Workspace.shared()) {
            for (int n : new int[] {1, 3, 17, 33, 127, 1021}) {
                for (int m : new int[] {1, 7, 100}) {
                    for (Layout layout : Layout.values()) {
                        for (boolean trans : new boolean[] {false, true}) {
                            Matrix a = TestMatrices.random(ws, rnd, trans ? n : m, trans ? m : n, layout);
                            boolean stridedVectors = rnd.nextBoolean();
                            Matrix x = stridedVectors
                                    ? TestMatrices.random(ws, rnd, n, 1, Layout.OFFSET)
                                    : TestMatrices.random(ws, rnd, 1, n, Layout.DENSE);
                            Matrix y = stridedVectors
                                    ? TestMatrices.random(ws, rnd, 1, m, Layout.TRANSPOSED_OFFSET)
                                    : TestMatrices.random(ws, rnd, 1, m, Layout.DENSE);
                            double[] y0 = new double[m];
                            for (int i = 0; i < m; i++) y0[i] = y.get(0, i);
                            kernels.gemv(trans, 0.5f, a, x, -1f, y);
                            for (int i = 0; i < m; i++) {
                                double s = 0, mag = 0;
                                for (int j = 0; j < n; j++) {
                                    double aij = trans ? a.get(j, i) : a.get(i, j);
                                    double xj = x.rows() == 1 ? x.get(0, j) : x.get(j, 0);
                                    s += aij * xj;
                                    mag += Math.abs(aij * xj);
                                }
                                near("gemv m=" + m + " n=" + n + " " + layout + " trans=" + trans + " strided="
                                        + stridedVectors
                                        + " y[" + i + "]", 0.5 * s - y0[i], 0.5 * mag + Math.abs(y0[i]), n,
                                        y.get(0, i));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyReductionsAreZero() {
        try (Workspace ws = Workspace.shared()) {
            Matrix e = ws.matrix(3, 0);
            assertEquals(0f, kernels.sum(e));
            assertEquals(0f, kernels.dot(e, e));
            Matrix y = ws.vector(3).fill(5f);
            kernels.rowSums(e, y);
            assertEquals(0f, y.get(0, 2));
        }
    }

    @Test
    void nanPropagatesThroughReductions() {
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(1, 100).fill(1f);
            x.set(0, 57, Float.NaN);
            assertTrue(Float.isNaN(kernels.sum(x)));
            assertTrue(Float.isNaN(kernels.dot(x, x)));
            x.set(0, 57, Float.POSITIVE_INFINITY);
            assertEquals(Float.POSITIVE_INFINITY, kernels.sumOfSquares(x));
        }
    }
}
