package org.relulab.bench.peers;

import java.util.Arrays;
import java.util.Random;
import org.relulab.bench.GemmShape;
import org.relulab.bench.ProductCheck;

/**
 * A and B of one {@link GemmShape} as row-major {@code float[]}s (stored sizes: A is aRows × aCols, B is
 * bRows × bCols), Gaussian-filled, and a check of a row-major m × n C against a float64 reference on
 * sampled elements, the same check (and tolerance) as relulab's own GEMM benchmark makes. A peer copies A
 * and B into its own storage once, in its trial setup.
 */
final class PeerOperands {
    /** Elements of C checked besides the four corners. */

    final GemmShape shape;
    final float[] a, b;

    PeerOperands(GemmShape shape) {
        this.shape = shape;
        a = gaussian(shape.aRows() * shape.aCols(), 1);
        b = gaussian(shape.bRows() * shape.bCols(), 2);
    }

    private static float[] gaussian(int length, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }

    /** A row-major m × n C of NaNs: a check then sees only what the next call writes. */
    float[] newOutput() {
        float[] c = new float[shape.m * shape.n];
        Arrays.fill(c, Float.NaN);
        return c;
    }

    /** op(A)(i, p), read from A as stored. */
    private double opA(int i, int p) {
        return shape.transA ? a[p * shape.aCols() + i] : a[i * shape.aCols() + p];
    }

    /** op(B)(p, j), read from B as stored. */
    private double opB(int p, int j) {
        return shape.transB ? b[j * shape.bCols() + p] : b[p * shape.bCols() + j];
    }

    /**
     * Throws unless sampled elements of the row-major m × n {@code c} match a float64 op(A)·op(B) within
     * (k + 4)·ε·Σ|a·b|.
     */
    void check(String what, float[] c) {
        if (c.length != shape.m * shape.n) {
            throw new IllegalArgumentException(what + " " + shape + ": C has " + c.length + " elements, expected "
                    + shape.m + " x " + shape.n + " = " + shape.m * shape.n);
        }
        ProductCheck.check(what, shape, this::opA, this::opB, (i, j) -> c[i * shape.n + j]);
    }
}
