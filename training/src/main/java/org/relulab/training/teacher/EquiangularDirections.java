package org.relulab.training.teacher;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * m° unit directions with one pairwise cosine ρ: their Gram matrix is G = (1 − ρ)I + ρ·11ᵀ, positive definite (the
 * directions exist and are distinct) exactly when −1/(m° − 1) < ρ < 1 (−1 < ρ < 1 for m° = 1). Built from m°
 * orthonormal vectors q_l as
 * w_j = Σ_l (G^½)_{jl} q_l, so that w_jᵀw_k = G_{jk}; G^½ = √(1 − ρ)·I + ((√(1 + (m° − 1)ρ) − √(1 − ρ))/m°)·11ᵀ
 * (G's eigenvalues: 1 − ρ, m° − 1 times, and 1 + (m° − 1)ρ along 1). At ρ = 0 the directions are the q_l themselves.
 *
 * @param count  m°, at least 1
 * @param cosine ρ, the cosine between any two of them
 */
public record EquiangularDirections(int count, double cosine) {
    public EquiangularDirections {
        if (count < 1) throw new IllegalArgumentException("teacher neurons m° = " + count + ": expected at least 1");
        double low = count == 1 ? -1 : -1.0 / (count - 1);
        if (!(cosine > low && cosine < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--teacher-cosine %s: expected %s < ρ < 1 (m° = %d unit directions with one pairwise cosine ρ)",
                    cosine, count == 1
                            ? "-1"
                            : "-1/(m° - 1) = "
                                    + new BigDecimal(low).round(new MathContext(4)).stripTrailingZeros()
                                            .toPlainString(),
                    count));
        }
    }

    /** The Gram matrix G_{jk} = w_jᵀw_k: 1 on the diagonal, ρ elsewhere. */
    public double[][] gram() {
        double[][] g = new double[count][count];
        for (int j = 0; j < count; j++) for (int k = 0; k < count; k++) g[j][k] = j == k ? 1 : cosine;
        return g;
    }

    /** The directions w_j = Σ_l (G^½)_{jl} q_l from the orthonormal columns of {@code q} (d × m°), as rows (m° × d). */
    public double[][] from(double[][] q) {
        int d = q.length;
        if (d == 0 || q[0].length != count) {
            throw new IllegalArgumentException(
                    "equiangular directions: expected d × " + count + " orthonormal columns, got "
                            + d + " × " + (d == 0 ? 0 : q[0].length));
        }
        double diagonal = Math.sqrt(1 - cosine), all = (Math.sqrt(1 + (count - 1) * cosine) - diagonal) / count;
        double[][] w = new double[count][d];
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int l = 0; l < count; l++) sum += q[i][l];
            for (int j = 0; j < count; j++) w[j][i] = diagonal * q[i][j] + all * sum;
        }
        return w;
    }
}
