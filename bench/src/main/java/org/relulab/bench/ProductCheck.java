package org.relulab.bench;

import java.util.Random;

/**
 * The correctness check every GEMM benchmark runs outside its measured loop, relulab's and the peers':
 * sampled elements of C (the four corners and {@link #SAMPLES} seeded positions) against a float64
 * op(A)·op(B), within (k + 4)·ε·Σ|a·b|.
 */
public final class ProductCheck {
    static final int SAMPLES = 12;
    private static final double EPS = Math.ulp(1f);

    /** Element (row, col) of a logical matrix, however it is stored. */
    public interface Element {
        double at(int row, int col);
    }

    private ProductCheck() {}

    /** Throws {@link IllegalStateException} naming the first bad element; returns the positions checked. */
    public static int[][] check(String what, GemmShape shape, Element opA, Element opB, Element c) {
        Random rnd = new Random(7);
        int[][] at = new int[4 + SAMPLES][];
        at[0] = new int[] {0, 0};
        at[1] = new int[] {0, shape.n - 1};
        at[2] = new int[] {shape.m - 1, 0};
        at[3] = new int[] {shape.m - 1, shape.n - 1};
        for (int s = 4; s < at.length; s++) at[s] = new int[] {rnd.nextInt(shape.m), rnd.nextInt(shape.n)};
        for (int[] ij : at) {
            int i = ij[0], j = ij[1];
            double want = 0, magnitude = 0;
            for (int p = 0; p < shape.k; p++) {
                double t = opA.at(i, p) * opB.at(p, j);
                want += t;
                magnitude += Math.abs(t);
            }
            double tol = (shape.k + 4) * EPS * magnitude, got = c.at(i, j);
            if (!(Math.abs(got - want) <= tol)) {
                throw new IllegalStateException(what + " " + shape + ": C(" + i + ", " + j + ") = " + got
                        + ", expected " + want + " ± " + tol);
            }
        }
        return at;
    }
}
