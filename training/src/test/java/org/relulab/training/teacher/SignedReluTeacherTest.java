package org.relulab.training.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.linalg.Orthogonal;

/**
 * {@link SignedReluTeacher}: orthonormal neurons, alternating signed magnitudes, labels Σ a°_j ReLU(w°_jᵀx); with
 * {@code --teacher-cosine ρ} unit neurons whose Gram matrix is (1 − ρ)I + ρ11ᵀ, with {@code --noise ν} labels whose
 * noise has variance ν² around the same clean target.
 */
class SignedReluTeacherTest {
    @Test
    void neuronsAreOrthonormalWithAlternatingSignsAndLabelTheData() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            SignedReluTeacher t = new SignedReluTeacher(ws, 7, 4, 2.5, 9);
            Matrix w = t.weights();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double dot = 0;
                    for (int p = 0; p < 7; p++) dot += (double) w.get(i, p) * w.get(j, p);
                    assertEquals(i == j ? 1 : 0, dot, 1e-6, "w°_" + i + " · w°_" + j);
                }
            }
            assertArrayEquals(new float[] {1, -1.5f, 2, -2.5f}, t.outputWeights().toArray(), 1e-6f);
            Matrix x = ws.matrix(50, 7), y = ws.column(50);
            k.gaussianFill(x, 3, 0f, 1f);
            t.label(k, x, y, 4);
            for (int s = 0; s < 50; s++) {
                double f = 0;
                for (int j = 0; j < 4; j++) {
                    double z = 0;
                    for (int p = 0; p < 7; p++) z += (double) w.get(j, p) * x.get(s, p);
                    f += t.outputWeights().get(0, j) * Math.max(0, z);
                }
                assertEquals(f, y.get(s, 0), 1e-5 * Math.max(1, Math.abs(f)), "label of sample " + s);
            }
        }
    }

    @Test
    void badShapesAreNamed() {
        try (Workspace ws = Workspace.shared()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SignedReluTeacher(ws, 3, 4, 1, 1));
            assertEquals("teacher neurons m° = 4: expected 1 to d = 3 (orthonormal directions)", e.getMessage());
        }
    }

    @Test
    void theDirectionsHaveTheStatedGram() {
        try (Workspace ws = Workspace.shared()) {
            for (double rho : new double[] {-0.3, 0.25, 0.6, 0.9}) {
                Matrix w = new SignedReluTeacher(ws, 9, 4, 1, rho, 0, 5).weights();
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        double dot = 0;
                        for (int p = 0; p < 9; p++) dot += (double) w.get(i, p) * w.get(j, p);
                        assertEquals(i == j ? 1 : rho, dot, 1e-6, "ρ = " + rho + ": w°_" + i + " · w°_" + j);
                    }
                }
            }
        }
    }

    @Test
    void atCosineZeroAndNoNoiseTheTeacherIsTheOrthonormalOneBitForBit() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            SignedReluTeacher t = new SignedReluTeacher(ws, 7, 4, 2.5, 0, 0, 9);
            double[][] q = Orthogonal.columns(7, 4, 9);
            for (int j = 0; j < 4; j++) {
                for (int p = 0; p < 7; p++)
                    assertEquals((float) q[p][j], t.weights().get(j, p), "w°_" + j + "[" + p + "]");
            }
            Matrix x = ws.matrix(40, 7), y = ws.column(40), y2 = ws.column(40);
            k.gaussianFill(x, 3, 0f, 1f);
            t.label(k, x, y, 4);
            t.label(k, x, y2, 11); // no noise: the noise seed draws nothing
            assertArrayEquals(y.toArray(), y2.toArray());
        }
    }

    @Test
    void theLabelNoiseHasTheStatedVarianceAroundTheCleanTarget() {
        int n = 40_000;
        double nu = 0.7;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 1)) {
            SignedReluTeacher clean = new SignedReluTeacher(ws, 6, 3, 1, 0.4, 0, 2),
                    noisy = new SignedReluTeacher(ws, 6, 3, 1, 0.4, nu, 2);
            assertArrayEquals(clean.weights().toArray(), noisy.weights().toArray());
            Matrix x = ws.matrix(n, 6), y = ws.column(n), target = ws.column(n);
            k.gaussianFill(x, 8, 0f, 1f);
            noisy.label(k, x, y, 9);
            clean.label(k, x, target, 9);
            double sum = 0, squares = 0, cross = 0, targetSquares = 0;
            for (int s = 0; s < n; s++) {
                double e = (double) y.get(s, 0) - target.get(s, 0), f = target.get(s, 0);
                sum += e;
                squares += e * e;
                cross += e * f;
                targetSquares += f * f;
            }
            double mean = sum / n, variance = squares / n - mean * mean;
            // standard errors: ν/√n for the mean, ν²·√(2/n) for the variance; allow five
            assertEquals(0, mean, 5 * nu / Math.sqrt(n), "noise mean");
            assertEquals(nu * nu, variance, 5 * nu * nu * Math.sqrt(2.0 / n), "noise variance");
            assertEquals(0, cross / n, 5 * nu * Math.sqrt(targetSquares / n) / Math.sqrt(n), "noise ⟂ target");
        }
    }

    @Test
    void cosinesWithoutSuchDirectionsAreNamed() {
        try (Workspace ws = Workspace.shared()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SignedReluTeacher(ws, 8, 5, 1, -0.25, 0, 1));
            assertEquals("--teacher-cosine -0.25: expected -1/(m° - 1) = -0.25 < ρ < 1 (m° = 5 unit directions with "
                    + "one pairwise cosine ρ)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new SignedReluTeacher(ws, 8, 1, 1, 1, 0, 1));
            assertEquals(
                    "--teacher-cosine 1.0: expected -1 < ρ < 1 (m° = 1 unit directions with one pairwise cosine ρ)",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new SignedReluTeacher(ws, 8, 2, 1, 0, -0.1, 1));
            assertEquals("noise = -0.1: expected at least 0", e.getMessage());
        }
    }
}
