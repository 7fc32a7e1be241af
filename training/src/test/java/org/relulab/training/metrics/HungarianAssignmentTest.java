package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link HungarianAssignment} on hand-solved cases and against brute force over every injection of rows into columns.
 */
class HungarianAssignmentTest {

    @Test
    void solvesAKnownSquareCase() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}; // the only assignment of cost 5
        int[] a = HungarianAssignment.solve(cost);
        assertArrayEquals(new int[] {1, 0, 2}, a);
        assertEquals(5, HungarianAssignment.totalCost(cost, a));
    }

    @Test
    void solvesKnownRectangularCases() {
        double[][] twoByFour = {{1, 2, 3, 4}, {2, 4, 6, 8}}; // greedy row 0 → col 0 costs 5; optimum 4
        assertArrayEquals(new int[] {1, 0}, HungarianAssignment.solve(twoByFour));
        double[][] oneRow = {{3, 1, 4, 1, 5}};
        assertArrayEquals(new int[] {1}, HungarianAssignment.solve(oneRow)); // tie 1 = 1: lowest column
        double[][] negative = {{-5, 0, 0}, {0, -5, -6}};
        int[] a = HungarianAssignment.solve(negative);
        assertArrayEquals(new int[] {0, 2}, a);
        assertEquals(-11, HungarianAssignment.totalCost(negative, a));
    }

    @Test
    void emptyMatrixHasEmptyAssignment() {
        assertArrayEquals(new int[0], HungarianAssignment.solve(new double[0][0]));
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        SplittableRandom rnd = new SplittableRandom(20260101);
        for (int rows = 1; rows <= 7; rows++) {
            for (int cols = rows; cols <= 7; cols++) {
                for (int trial = 0; trial < 12; trial++) {
                    double[][] cost = new double[rows][cols];
                    for (double[] row : cost) for (int j = 0; j < cols; j++) row[j] = rnd.nextDouble(-10, 10);
                    checkOptimal(cost);
                }
            }
        }
    }

    @Test
    void matchesBruteForceWithManyTies() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int rows = 1; rows <= 7; rows++) {
            for (int cols = rows; cols <= 7; cols++) {
                for (int trial = 0; trial < 12; trial++) {
                    double[][] cost = new double[rows][cols];
                    for (double[] row : cost) for (int j = 0; j < cols; j++) row[j] = rnd.nextInt(3);
                    checkOptimal(cost);
                }
            }
        }
        double[][] flat = new double[4][6];
        for (double[] row : flat) Arrays.fill(row, 7);
        int[] a = checkOptimal(flat);
        assertEquals(28, HungarianAssignment.totalCost(flat, a));
    }

    @Test
    void sameMatrixGivesSameAssignment() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] cost = new double[6][9];
        for (double[] row : cost) for (int j = 0; j < row.length; j++) row[j] = rnd.nextInt(2);
        assertArrayEquals(HungarianAssignment.solve(cost), HungarianAssignment.solve(cost));
    }

    @Test
    void matchesPointsOnALineInOrder() {
        // Squared distance on a line is convex, so the optimal matching pairs the points by rank.
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 150;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble();
            y[i] = rnd.nextDouble();
        }
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cost[i][j] = (x[i] - y[j]) * (x[i] - y[j]);
        int[] a = HungarianAssignment.solve(cost);
        for (int i = 0; i < n; i++) assertEquals(rank(x, x[i]), rank(y, y[a[i]]), "row " + i);
    }

    @Test
    void rejectsBadShapesAndValues() {
        assertThrows(IllegalArgumentException.class, () -> HungarianAssignment.solve(new double[3][2]));
        assertThrows(IllegalArgumentException.class, () -> HungarianAssignment.solve(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> HungarianAssignment.solve(new double[][] {{1, Double.NaN}}));
        assertThrows(IllegalArgumentException.class,
                () -> HungarianAssignment.solve(new double[][] {{1, Double.POSITIVE_INFINITY}}));
    }

    /** Asserts that the assignment is an injection with the brute-force minimum cost, and returns it. */
    private static int[] checkOptimal(double[][] cost) {
        int[] a = HungarianAssignment.solve(cost);
        assertEquals(cost.length, a.length);
        boolean[] taken = new boolean[cost[0].length];
        for (int col : a) {
            assertTrue(col >= 0 && col < taken.length && !taken[col], "columns " + Arrays.toString(a));
            taken[col] = true;
        }
        double best = bruteForce(cost, 0, new boolean[cost[0].length]);
        assertEquals(best, HungarianAssignment.totalCost(cost, a), 1e-9, () -> Arrays.deepToString(cost));
        return a;
    }

    /** The minimum cost of assigning rows {@code row}… to distinct columns not yet taken. */
    private static double bruteForce(double[][] cost, int row, boolean[] taken) {
        if (row == cost.length) return 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < taken.length; j++) {
            if (taken[j]) continue;
            taken[j] = true;
            best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, taken));
            taken[j] = false;
        }
        return best;
    }

    private static int rank(double[] values, double v) {
        int r = 0;
        for (double u : values) if (u < v) r++;
        return r;
    }
}
