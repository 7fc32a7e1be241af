package org.relulab.training.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;

/** {@link SignedReluTeacher}: orthonormal neurons, alternating signed magnitudes, labels Σ a°_j ReLU(w°_jᵀx). */
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
}
