package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link ExponentialFit}: exact exponentials, a power law it fits worse than {@link PowerLawFit}, bad input. */
class ExponentialFitTest {
    @Test
    void exactExponentialIsRecovered() {
        double[] x = {8, 10, 12, 16, 20, 24}, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 0.003 * Math.pow(1.5, x[i]);
        ExponentialFit f = ExponentialFit.of(x, y);
        assertEquals(Math.log10(1.5), f.slope(), 1e-12);
        assertEquals(Math.log10(0.003), f.intercept(), 1e-12);
        assertEquals(1.5, f.growthPerUnit(), 1e-12);
        assertEquals(0, f.slopeCi95(), 1e-10);
        assertEquals(1, f.r2(), 1e-12);
        assertEquals(0.003 * Math.pow(1.5, 14), f.at(14), 1e-9 * f.at(14));
        assertEquals(6, f.points());
    }

    @Test
    void aPowerLawOverAWideRangeFitsAnExponentialWorse() {
        double[] x = {4, 8, 16, 32, 64, 128}, y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], 3);
        ExponentialFit e = ExponentialFit.of(x, y);
        PowerLawFit p = PowerLawFit.of(x, y);
        assertEquals(1, p.r2(), 1e-12);
        assertTrue(e.r2() < 0.9, "R² of the exponential " + e.r2());
    }

    @Test
    void refusesTooFewPointsAndHugeX() {
        assertEquals("2 usable points (x and y positive and finite): expected at least 3 for a fit with an error bar",
                assertThrows(IllegalArgumentException.class,
                        () -> ExponentialFit.of(new double[] {1, 2, 3}, new double[] {1, -1, 2})).getMessage());
        assertEquals("x = 400.0: expected |x| at most 300.0",
                assertThrows(IllegalArgumentException.class,
                        () -> ExponentialFit.of(new double[] {1, 2, 400}, new double[] {1, 2, 3})).getMessage());
        assertEquals("2 x values and 3 y values: expected as many",
                assertThrows(IllegalArgumentException.class,
                        () -> ExponentialFit.of(new double[] {1, 2}, new double[] {1, 2, 3})).getMessage());
    }
}
