package org.relulab.training.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SymmetricEigen} and {@link LinearSystem} against their defining equations. */
class LinearAlgebraTest {
    @Test
    void eigenDecompositionSatisfiesAvEqualsLambdaV() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 3, 7, 17, 33, 100}) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) for (int j = i; j < n; j++) a[i][j] = a[j][i] = rnd.nextDouble(-1, 1);
            SymmetricEigen e = SymmetricEigen.of(a);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double av = 0;
                    for (int l = 0; l < n; l++) av += a[i][l] * e.vectors()[l][j];
                    assertEquals(e.values()[j] * e.vectors()[i][j], av, 1e-12 * n,
                            "n=" + n + " A v_" + j + " row " + i);
                }
                for (int l = 0; l < n; l++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += e.vectors()[i][j] * e.vectors()[i][l];
                    assertEquals(j == l ? 1 : 0, dot, 1e-12, "n=" + n + " v_" + j + "·v_" + l);
                }
                if (j > 0) assertTrue(Math.abs(e.values()[j]) <= Math.abs(e.values()[j - 1]), "sorted by |λ|");
            }
        }
    }

    @Test
    void eigenvaluesOfKnownMatrices() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, e.values()[0], 1e-15);
        assertEquals(1, e.values()[1], 1e-15);
        assertEquals(Math.sqrt(0.5), Math.abs(e.vectors()[0][0]), 1e-15);
        SymmetricEigen d = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, -5, 0}, {0, 0, 2}}); // already diagonal
        assertEquals(-5, d.values()[0]);
        assertEquals(2, d.values()[1]);
        assertEquals(1, d.values()[2]);
        assertEquals("a[0][1] = NaN: expected a finite value",
                assertThrows(IllegalArgumentException.class,
                        () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {0, 1}})).getMessage());
    }

    @Test
    void solvesAndRefusesSingularSystems() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int n : new int[] {1, 3, 10, 31}) {
            double[][] a = new double[n][n];
            double[] x = new double[n], b = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextDouble(-1, 1);
                for (int j = 0; j < n; j++) a[i][j] = rnd.nextDouble(-1, 1);
            }
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i] += a[i][j] * x[j];
            double[] got = LinearSystem.solve(a, b);
            for (int i = 0; i < n; i++) assertEquals(x[i], got[i], 1e-10, "n=" + n + " x[" + i + "]");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearSystem.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1}));
        assertTrue(e.getMessage().startsWith("singular 2x2 system: pivot 1 is"), e.getMessage());
    }
}
