package org.relulab.training.linalg;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method, in double: slow
 * (O(n³) per sweep, a few sweeps) but accurate to working precision and simple. For the small matrices of
 * the tensor initialization (d × d with d up to a few hundred, K × K), never a hot path.
 *
 * @param values  eigenvalues, sorted by decreasing absolute value
 * @param vectors n × n, column j ({@code vectors[i][j]} over i) is the unit eigenvector of {@code values[j]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** The eigen-decomposition of the symmetric matrix {@code a} (not modified; only its upper triangle is read). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] s = new double[n][n], v = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n)
                throw new IllegalArgumentException(
                        "row " + i + " has " + a[i].length + " columns: expected a square " + n + "x" + n + " matrix");
            for (int j = 0; j < n; j++) {
                s[i][j] = i <= j ? a[i][j] : a[j][i];
                if (!Double.isFinite(s[i][j]))
                    throw new IllegalArgumentException(
                            "a[" + i + "][" + j + "] = " + s[i][j] + ": expected a finite value");
            }
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS
                && offDiagonal(s) > 1e-30 * Math.max(diagonal(s), Double.MIN_NORMAL); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) rotate(s, v, p, q);
            }
        }
        return sorted(s, v);
    }

    /** One Jacobi rotation zeroing s[p][q] (and s[q][p]); accumulates it into v's columns. */
    private static void rotate(double[][] s, double[][] v, int p, int q) {
        double apq = s[p][q];
        if (apq == 0) return;
        double theta = (s[q][q] - s[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        int n = s.length;
        for (int k = 0; k < n; k++) { // columns p and q
            double skp = s[k][p], skq = s[k][q];
            s[k][p] = c * skp - sn * skq;
            s[k][q] = sn * skp + c * skq;
        }
        for (int k = 0; k < n; k++) { // rows p and q
            double spk = s[p][k], sqk = s[q][k];
            s[p][k] = c * spk - sn * sqk;
            s[q][k] = sn * spk + c * sqk;
        }
        s[p][q] = 0;
        s[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - sn * vkq;
            v[k][q] = sn * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] s) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) if (i != j) sum += s[i][j] * s[i][j];
        return sum;
    }

    private static double diagonal(double[][] s) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) sum += s[i][i] * s[i][i];
        return sum;
    }

    private static SymmetricEigen sorted(double[][] s, double[][] v) {
        int n = s.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(Math.abs(s[y][y]), Math.abs(s[x][x])));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = s[order[j]][order[j]];
            for (int i = 0; i < n; i++) vectors[i][j] = v[i][order[j]];
        }
        return new SymmetricEigen(values, vectors);
    }
}
