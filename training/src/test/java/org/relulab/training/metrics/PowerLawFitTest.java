package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PowerLawFit}: exact power laws, noisy ones inside their interval, t quantiles, bad input. */
class PowerLawFitTest {
    @Test
    void exactPowerLawIsRecovered() {
        double[] x = {1000, 2000, 4000, 8000, 16000}, y = new double[5];
        for (int i = 0; i < 5; i++) y[i] = 3 * Math.pow(x[i], -0.5);
        PowerLawFit f = PowerLawFit.of(x, y);
        assertEquals(-0.5, f.slope(), 1e-12);
        assertEquals(Math.log10(3), f.intercept(), 1e-12);
        assertEquals(0, f.slopeStdError(), 1e-12);
        assertEquals(1, f.r2(), 1e-12);
        assertEquals(3 * Math.pow(5000, -0.5), f.at(5000), 1e-12);
    }

    @Test
    void noisyPowerLawsFallInsideTheirIntervalAboutAsOftenAsStated() {
        SplittableRandom rnd = new SplittableRandom(1);
        int inside = 0, trials = 2000;
        double[] x = {1, 2, 4, 8, 16, 32};
        for (int t = 0; t < trials; t++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], 1.5) * Math.pow(10, 0.1 * gaussian(rnd));
            PowerLawFit f = PowerLawFit.of(x, y);
            if (Math.abs(f.slope() - 1.5) <= f.slopeCi95()) inside++;
        }
        // 95 % coverage; with 2000 trials the binomial standard error is 0.5 %.
        assertEquals(0.95, inside / (double) trials, 0.02);
    }

    @Test
    void studentQuantiles() {
        assertEquals(12.706, PowerLawFit.studentT975(1), 1e-3);
        assertEquals(3.182, PowerLawFit.studentT975(3), 2e-3);
        assertEquals(2.228, PowerLawFit.studentT975(10), 1e-3);
        assertEquals(2.042, PowerLawFit.studentT975(30), 1e-3);
        assertEquals(2.0395, PowerLawFit.studentT975(31), 1e-4); // past the table
        assertEquals(2.0003, PowerLawFit.studentT975(60), 1e-4);
    }

    @Test
    void refusesTooFewPoints() {
        assertEquals("2 usable points (x and y positive and finite): expected at least 3 for a fit with an error bar",
                assertThrows(IllegalArgumentException.class,
                        () -> PowerLawFit.of(new double[] {1, 2, 3}, new double[] {1, 0, 2})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}))
                .getMessage().startsWith("all usable x values are equal"));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
