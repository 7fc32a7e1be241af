package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link TeacherIdentification} on hand-built students of a three-neuron teacher with signed masses 1, −2, 0.5. */
class TeacherIdentificationTest {
    private static final double[][] TEACHER_W = {{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 0, 0.5}};
    private static final double[] TEACHER_A = {1, -1, 1}; // masses a°‖w°‖ = 1, −2, 0.5; Σ|M| = 3.5
    private static final double TOL = 1e-9;

    @Test
    void permutedRescaledCopyOfTheTeacherHasZeroError() {
        // f = Σ c_i ReLU(w_iᵀx) with (c, w) = (a°/t, t·w°): the same function and measure, rows permuted.
        double[][] w = {{0, 0, 0, 1.5}, {3, 0, 0, 0}, {0, 0.5, 0, 0}};
        double[] c = {1.0 / 3, 1.0 / 3, -4};
        TeacherIdentification id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(0, id.error(), TOL);
        assertEquals(0, id.massOutside(), TOL);
        assertArrayEquals(new double[] {1, 1, 1}, id.massRatio(), TOL);
        assertArrayEquals(new double[] {0, 0, 0}, id.angleDegrees(), 1e-6);
    }

    @Test
    void aTeacherNeuronSplitOverSeveralStudentNeuronsStillHasZeroError() {
        // Teacher neuron 1 (mass −2) as three neurons of its direction with masses −1, −0.6, −0.4; neuron 0 as two.
        double[][] w = {{0.5, 0, 0, 0}, {2, 0, 0, 0}, {0, 1, 0, 0}, {0, 3, 0, 0}, {0, 0.2, 0, 0}, {0, 0, 0, 1}};
        double[] c = {1, 0.25, -1, -0.2, -2, 0.5};
        TeacherIdentification id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(0, id.error(), TOL);
        assertArrayEquals(new double[] {1, 1, 1}, id.massRatio(), TOL);
        assertArrayEquals(new double[] {0, 0, 0}, id.angleDegrees(), 1e-6);
    }

    @Test
    void aNeuronInTheWrongDirectionReportsItsAngle() {
        double t = Math.toRadians(20); // teacher neuron 0 rotated by 20° towards e_3: outside the 10° cone
        double[][] w = {{Math.cos(t), 0, Math.sin(t), 0}, {0, 1, 0, 0}, {0, 0, 0, 1}};
        double[] c = {1, -2, 0.5};
        TeacherIdentification id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(20, id.angleDegrees()[0], 1e-9);
        assertEquals(20, id.maxAngleDegrees(), 1e-9);
        assertEquals(0, id.angleDegrees()[1], 1e-6);
        assertEquals(0, id.massRatio()[0], TOL);
        assertEquals(1 / 3.5, id.massOutside(), TOL);
        assertEquals((1 + 1) / 3.5, id.error(), TOL); // teacher mass 1 missing from its cone, student mass 1 outside

        double s = Math.toRadians(5); // 5°: inside the cone, so the masses count; the angle still says 5°
        w[0] = new double[] {Math.cos(s), 0, Math.sin(s), 0};
        id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(0, id.error(), TOL);
        assertEquals(5, id.angleDegrees()[0], 1e-9);
    }

    @Test
    void cancellingMassAndWrongSignsCountAsErrors() {
        // An extra ±0.3 pair at teacher neuron 0's direction: the function is unchanged, the measure is not.
        double[][] w = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {2, 0, 0, 0}};
        double[] c = {1, -2, 0.5, 0.3, -0.15};
        TeacherIdentification id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(0.6 / 3.5, id.error(), TOL);
        assertEquals(1, id.massRatio()[0], TOL);

        // Neuron 2 with the wrong sign: its cone holds −0.5 instead of +0.5, and no heavy positive neuron is near.
        double[] flipped = {1, -2, -0.5};
        id = TeacherIdentification.of(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}}, flipped, TEACHER_W,
                TEACHER_A);
        assertEquals(1.0 / 3.5, id.error(), TOL);
        assertEquals(-1, id.massRatio()[2], TOL);
        assertEquals(90, id.angleDegrees()[2], 1e-9); // the nearest heavy positive neuron is neuron 0, at 90°
    }

    @Test
    void lightNeuronsDoNotCountForTheAngle() {
        // The only student neuron near teacher neuron 2 has 5 % of the largest mass: not heavy.
        double[][] w = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}};
        double[] c = {1, -2, 0.1};
        TeacherIdentification id = TeacherIdentification.of(w, c, TEACHER_W, TEACHER_A);
        assertEquals(90, id.angleDegrees()[2], 1e-9);
        assertEquals(0.2, id.massRatio()[2], TOL);
        assertEquals(0.4 / 3.5, id.error(), TOL);
    }

    @Test
    void badShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherIdentification.of(new double[][] {{1, 0, 0, 0}}, new double[] {1, 2}, TEACHER_W,
                        TEACHER_A));
        assertEquals("student has 1 neurons but 2 output weights: expected one per neuron", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TeacherIdentification.of(new double[][] {{1, 0}}, new double[] {1}, TEACHER_W, TEACHER_A));
        assertEquals("student row 0 has 2 columns: expected 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TeacherIdentification.of(new double[][] {{1, 0, 0, 0}}, new double[] {1}, TEACHER_W,
                        new double[] {1, 0, 1}));
        assertEquals(
                "teacher neuron 1 has output weight 0.0 and norm 2.0: "
                        + "expected both finite and nonzero (a neuron with mass)",
                e.getMessage());
    }
}
