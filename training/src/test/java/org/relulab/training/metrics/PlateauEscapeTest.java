package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The first logged step at or below the floor. */
class PlateauEscapeTest {
    private static final double[] STEPS = {0, 10, 20, 30, 40};

    @Test
    void firstStepAtOrBelowTheFloor() {
        assertEquals(20, PlateauEscape.step(STEPS, new double[] {0.5, 0.045, 0.0185, 0.01, 0.001}, 0.0185));
        assertEquals(30, PlateauEscape.step(STEPS, new double[] {0.5, 0.045, 0.0186, 0.01, 0.02}, 0.0185));
    }

    @Test
    void aRunThatStaysAboveNeverLeaves() {
        assertEquals(-1, PlateauEscape.step(STEPS, new double[] {0.5, 0.05, 0.046, 0.045, 0.045}, 0.0185));
    }

    @Test
    void nonFiniteRowsDoNotCount() {
        assertEquals(-1, PlateauEscape.step(STEPS, new double[] {0.5, 0.05, Double.NaN, Double.NEGATIVE_INFINITY,
                Double.NaN}, 0.0185));
    }

    @Test
    void columnsOfDifferentLengthsAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> PlateauEscape.step(STEPS, new double[] {0.1}, 0.0185));
    }
}
