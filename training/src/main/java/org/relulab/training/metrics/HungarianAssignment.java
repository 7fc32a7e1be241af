package org.relulab.training.metrics;

import java.util.Arrays;

/**
 * Minimum-cost assignment for a rectangular cost matrix (rows ≤ cols): every row gets a distinct column
 * and the sum of the chosen costs is minimal. The Hungarian method with row and column potentials
 * (Kuhn–Munkres in the shortest-augmenting-path form of Jonker–Volgenant): one Dijkstra-like pass per
 * row, O(rows² · cols) time, O(rows + cols) extra memory, double arithmetic.
 *
 * <p>Deterministic: no randomness, and ties in each search step go to the lowest column index, so the same
 * matrix always gives the same assignment. Costs must be finite (any sign).
 */
public final class HungarianAssignment {
    private HungarianAssignment() {}

    /** The column assigned to each row (distinct columns) minimizing the total cost; {@code cost} is rows × cols. */
    public static int[] solve(double[][] cost) {
        if (cost == null) throw new IllegalArgumentException("cost matrix is null");
        int n = cost.length;
        if (n == 0) return new int[0];
        int m = cost[0] == null ? 0 : cost[0].length;
        DoubleRows.checkRectangular("cost", cost, m);
        if (n > m) {
            throw new IllegalArgumentException(
                    "cost matrix " + n + "x" + m + ": expected rows <= cols so every row gets a distinct column");
        }
        // 1-based: row 0 and column 0 are the virtual start of each augmenting path.
        double[] u = new double[n + 1], v = new double[m + 1], minReduced = new double[m + 1];
        int[] rowOf = new int[m + 1], way = new int[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            rowOf[0] = i;
            int j0 = 0;
            Arrays.fill(minReduced, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do { // grow the tree of tight edges from row i until it reaches a free column
                used[j0] = true;
                int i0 = rowOf[j0], j1 = -1;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (used[j]) continue;
                    double reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if (reduced < minReduced[j]) {
                        minReduced[j] = reduced;
                        way[j] = j0;
                    }
                    if (j1 < 0 || minReduced[j] < delta) {
                        delta = minReduced[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minReduced[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOf[j0] != 0);
            do { // flip the path back to its start
                int j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] colOf = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOf[j] != 0) colOf[rowOf[j] - 1] = j - 1;
        }
        return colOf;
    }

    /** The total cost Σ_i cost[i][assignment[i]] of an assignment. */
    public static double totalCost(double[][] cost, int[] assignment) {
        if (cost.length != assignment.length) {
            throw new IllegalArgumentException(
                    "assignment of " + assignment.length + " rows for a cost matrix of " + cost.length);
        }
        double sum = 0;
        for (int i = 0; i < cost.length; i++) sum += cost[i][assignment[i]];
        return sum;
    }
}
