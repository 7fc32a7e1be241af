package org.relulab.training.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.relulab.training.linalg.Orthogonal;

/** {@link EquiangularDirections}: the closed-form G^½ gives unit directions with Gram (1 − ρ)I + ρ11ᵀ, in double. */
class EquiangularDirectionsTest {
    @Test
    void theDirectionsHaveTheGramForEveryAllowedCosine() {
        for (int count : new int[] {1, 2, 5, 8}) {
            double low = count == 1 ? -1 : -1.0 / (count - 1);
            for (double rho : new double[] {low + 1e-3, -0.05, 0, 0.3, 0.5, 0.99}) {
                if (rho <= low) continue;
                EquiangularDirections e = new EquiangularDirections(count, rho);
                double[][] w = e.from(Orthogonal.columns(11, count, 3)), g = e.gram();
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < count; j++) {
                        double dot = 0;
                        for (int p = 0; p < 11; p++) dot += w[i][p] * w[j][p];
                        assertEquals(g[i][j], dot, 1e-12, "m° = " + count + ", ρ = " + rho + ": w_" + i + " · w_" + j);
                    }
                }
            }
        }
    }
}
