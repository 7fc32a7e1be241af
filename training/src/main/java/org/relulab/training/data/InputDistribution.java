package org.relulab.training.data;

import java.util.Arrays;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * How a data set's inputs x ∈ ℝ^d are drawn: {@link #GAUSSIAN}, x ~ N(0, I_d) (LMZ20, ZYWG19); {@link #SPHERE},
 * x ~ N(0, I_d) normalized to ‖x‖ = 1, i.e. uniform on the unit sphere (ALL19).
 */
public enum InputDistribution {
    GAUSSIAN, SPHERE;

    /**
     * Fills the rows of x (n × d) with inputs drawn from {@code seed}; the same for every provider and thread count.
     */
    public void fill(Kernels k, Matrix x, long seed) {
        k.gaussianFill(x, seed, 0f, 1f);
        if (this == GAUSSIAN) return;
        // Once per data set: a temporary workspace for the norms is fine here.
        try (Workspace tmp = Workspace.shared()) {
            Matrix norms2 = tmp.column(x.rows());
            k.rowSumsOfSquares(x, norms2);
            for (int i = 0; i < x.rows(); i++) {
                double norm = Math.sqrt(norms2.get(i, 0));
                norms2.set(i, 0, norm > 0 ? (float) (1 / norm - 1) : 0f); // a zero row (probability 0) stays 0
            }
            k.axpyRows(norms2, x, x); // x_i += (1/‖x_i‖ − 1)·x_i
        }
    }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static InputDistribution of(String key) {
        for (InputDistribution i : values()) if (i.key().equals(key)) return i;
        throw new IllegalArgumentException("input distribution '" + key + "': expected one of "
                + Arrays.stream(values()).map(InputDistribution::key).toList());
    }
}
