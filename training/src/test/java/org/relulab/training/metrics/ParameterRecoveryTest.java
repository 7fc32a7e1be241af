package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.Workspace;
import org.relulab.training.teacher.ReluTeacher;

/** {@link ParameterRecovery}: invariance under permutations, hand-computed errors, extra student neurons. */
class ParameterRecoveryTest {

    @Test
    void permutedCopyOfTheTeacherHasZeroError() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] teacher = gaussian(rnd, 6, 9);
        int[] perm = {3, 0, 5, 1, 4, 2}; // student row i = teacher row perm[i]
        double[][] student = new double[6][];
        for (int i = 0; i < 6; i++) student[i] = teacher[perm[i]].clone();
        assertEquals(0.0, ParameterRecovery.relativeError(student, teacher));
        int[] match = ParameterRecovery.matching(student, teacher);
        for (int i = 0; i < 6; i++) assertEquals(i, match[perm[i]], "teacher neuron " + perm[i]);
    }

    @Test
    void knownPerturbationGivesTheExpectedError() {
        double[][] teacher = {{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 3, 0}}; // ‖W*‖_F² = 14
        double[][] student = {
                {0, 0.1, 3, 0.2}, // teacher 2 + (0, 0.1, 0, 0.2)
                {1, 0, 0, 0}, // teacher 0
                {0.3, 2, 0, 0}, // teacher 1 + (0.3, 0, 0, 0)
        };
        // ‖W_π − W*‖_F² = 0.01 + 0.04 + 0.09 = 0.14, so the error is √(0.14/14) = 0.1.
        assertEquals(0.1, ParameterRecovery.relativeError(student, teacher), 1e-15);
        assertArrayEquals(new int[] {1, 2, 0}, ParameterRecovery.matching(student, teacher));
    }

    @Test
    void extraStudentNeuronsAreLeftUnmatched() {
        double[][] teacher = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] student = {
                {5, 5, 5}, {0, 0, 1.2}, {1, 0, 0}, {-4, 0, 0}, {0, 1, 0}, {0.9, 0.1, 0}, {0, 0, -1},
        };
        // Teacher 0 → row 2 (0 away; row 5 is 0.02 away), 1 → row 4, 2 → row 1 (0.04 away; row 6 is 4 away).
        assertArrayEquals(new int[] {2, 4, 1}, ParameterRecovery.matching(student, teacher));
        assertEquals(Math.sqrt(0.04 / 3), ParameterRecovery.relativeError(student, teacher), 1e-15);
    }

    @Test
    void matchingIsTheBestOverAllInjections() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int k = 1; k <= 4; k++) {
            for (int m = k; m <= 6; m++) {
                double[][] teacher = gaussian(rnd, k, 3), student = gaussian(rnd, m, 3);
                double norm2 = 0;
                for (double[] row : teacher) for (double v : row) norm2 += v * v;
                double best = Math.sqrt(bestSquaredError(student, teacher, 0, new boolean[m]) / norm2);
                assertEquals(best, ParameterRecovery.relativeError(student, teacher), 1e-12);
            }
        }
    }

    @Test
    void readsTheReluTeacherThroughTheAdapter() {
        try (Workspace ws = Workspace.shared()) {
            ReluTeacher t = new ReluTeacher(ws, 8, 4, 2.0, 0.0, 17);
            double[][] teacher = DoubleRows.of(t.weights());
            double[][] student = {teacher[2], teacher[0], teacher[3], teacher[1]};
            assertEquals(0.0, ParameterRecovery.relativeError(student, teacher));
            assertEquals(4, teacher.length);
            assertEquals(8, teacher[0].length);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        double[][] teacher = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class,
                () -> ParameterRecovery.relativeError(new double[][] {{1, 0}}, teacher));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterRecovery.relativeError(new double[][] {{1, 0, 0}, {0, 1, 0}}, teacher));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterRecovery.relativeError(new double[][] {{1, 0}}, new double[][] {{0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> ParameterRecovery.relativeError(teacher, new double[0][]));
    }

    private static double bestSquaredError(double[][] student, double[][] teacher, int j, boolean[] taken) {
        if (j == teacher.length) return 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < student.length; i++) {
            if (taken[i]) continue;
            double dist = 0;
            for (int p = 0; p < teacher[j].length; p++)
                dist += (student[i][p] - teacher[j][p]) * (student[i][p] - teacher[j][p]);
            taken[i] = true;
            best = Math.min(best, dist + bestSquaredError(student, teacher, j + 1, taken));
            taken[i] = false;
        }
        return best;
    }

    static double[][] gaussian(SplittableRandom rnd, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) for (int j = 0; j < cols; j++) row[j] = MonteCarlo.gaussian(rnd);
        return out;
    }
}
