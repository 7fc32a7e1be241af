package org.relulab.training.linalg;

/** Small dense square systems A x = b by Gaussian elimination with partial pivoting, in double. */
public final class LinearSystem {
    private LinearSystem() {}

    /** x with A x = b; A and b are not modified. Throws when A is singular to working precision. */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n)
                throw new IllegalArgumentException("row " + i + " of A has " + a[i].length + " columns: expected " + n);
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
            for (int j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i][j]));
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int i = col + 1; i < n; i++) if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) pivot = i;
            if (!(Math.abs(m[pivot][col]) > 1e-13 * scale)) {
                throw new IllegalArgumentException("singular " + n + "x" + n + " system: pivot " + col + " is "
                        + m[pivot][col] + " (expected a non-zero pivot)");
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int i = col + 1; i < n; i++) {
                double f = m[i][col] / m[col][col];
                for (int j = col; j <= n; j++) m[i][j] -= f * m[col][j];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = m[i][n];
            for (int j = i + 1; j < n; j++) sum -= m[i][j] * x[j];
            x[i] = sum / m[i][i];
        }
        return x;
    }
}
