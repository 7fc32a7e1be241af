package org.relulab.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Test helpers: random views in every layout, double-precision references, scaled tolerances. */
final class TestMatrices {
    static final double EPS = Math.ulp(1f);
    /** Awkward sizes: around lane counts, tile sizes and primes. */
    static final int[] SIZES = {1, 3, 7, 8, 15, 16, 17, 31, 33, 100, 127, 1021, 4099};

    private TestMatrices() {}

    /** The provider chosen for this Surefire run (SIMD in one run, scalar in the other). */
    static Kernels underTest(int threads) {
        return Kernels.create(Provider.lookup(), threads);
    }

    /** A rows × cols view filled with uniform(-1, 1) values, laid out as {@code layout} says. */
    static Matrix random(Workspace ws, Random rnd, int rows, int cols, Layout layout) {
        Matrix m = view(ws, rnd, rows, cols, layout);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) m.set(i, j, rnd.nextFloat() * 2f - 1f);
        }
        return m;
    }

    /** An uninitialized-looking (filled with garbage) rows × cols view in {@code layout}. */
    static Matrix view(Workspace ws, Random rnd, int rows, int cols, Layout layout) {
        boolean t = layout == Layout.TRANSPOSED || layout == Layout.TRANSPOSED_OFFSET;
        boolean off = layout == Layout.OFFSET || layout == Layout.TRANSPOSED_OFFSET;
        int sr = t ? cols : rows, sc = t ? rows : cols;
        int padR = off ? 2 : 0, padC = off ? 3 + rnd.nextInt(5) : 0;
        Matrix storage = ws.matrix(sr + padR, sc + padC);
        storage.fill(Float.NaN); // anything a kernel reads outside the view shows up as NaN
        Matrix v = storage.rows(off ? 1 : 0, (off ? 1 : 0) + sr).cols(off ? 2 : 0, (off ? 2 : 0) + sc);
        for (int i = 0; i < sr; i++) {
            for (int j = 0; j < sc; j++) v.set(i, j, 0f);
        }
        return t ? v.t() : v;
    }

    enum Layout { DENSE, OFFSET, TRANSPOSED, TRANSPOSED_OFFSET }

    static double[][] toDouble(Matrix m) {
        double[][] d = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) d[i][j] = m.get(i, j);
        }
        return d;
    }

    /** Asserts |got − want| ≤ tol[i][j] for every element, naming the first bad one. */
    static void assertClose(String what, double[][] want, double[][] tol, Matrix got) {
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                double g = got.get(i, j);
                if (!(Math.abs(g - want[i][j]) <= tol[i][j])) {
                    fail(what + ": element (" + i + ", " + j + ") = " + g + ", expected " + want[i][j] + " ± "
                            + tol[i][j]);
                }
            }
        }
    }

    static void assertBitIdentical(String what, Matrix want, Matrix got) {
        for (int i = 0; i < want.rows(); i++) {
            for (int j = 0; j < want.cols(); j++) {
                int w = Float.floatToRawIntBits(want.get(i, j)), g = Float.floatToRawIntBits(got.get(i, j));
                if (w != g) {
                    fail(what + ": element (" + i + ", " + j + ") = " + got.get(i, j) + ", expected bit-identical "
                            + want.get(i, j));
                }
            }
        }
    }
}
