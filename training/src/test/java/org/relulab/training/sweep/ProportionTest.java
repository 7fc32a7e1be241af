package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Wilson score interval against its defining equation and published values. */
class ProportionTest {

    /** The score statistic |k/n − p| / √(p(1 − p)/n) at p. */
    static double score(Proportion p, double at) {
        return Math.abs(p.fraction() - at) / Math.sqrt(at * (1 - at) / p.trials());
    }

    @Test
    void theEndsSolveTheScoreEquation() {
        for (int n : new int[] {1, 2, 5, 20, 137}) {
            for (int k = 0; k <= n; k++) {
                Proportion p = new Proportion(k, n);
                assertTrue(p.low() <= p.fraction() && p.fraction() <= p.high(), k + "/" + n);
                if (k > 0) assertEquals(Proportion.Z95, score(p, p.low()), 1e-9, "low end of " + k + "/" + n);
                if (k < n) assertEquals(Proportion.Z95, score(p, p.high()), 1e-9, "high end of " + k + "/" + n);
                // just inside the interval the score is below z, just outside above it
                if (k > 0 && p.low() > 1e-6) assertTrue(score(p, p.low() * (1 - 1e-6)) > Proportion.Z95);
                if (k < n && p.high() < 1 - 1e-6)
                    assertTrue(score(p, p.high() + 1e-6 * (1 - p.high())) > Proportion.Z95);
            }
        }
    }

    @Test
    void knownValues() {
        // Wilson 95 % intervals, as R's binom::binom.wilson and statsmodels' proportion_confint(method="wilson") give.
        assertEquals(0, new Proportion(0, 20).low());
        assertEquals(0.1611, new Proportion(0, 20).high(), 5e-5);
        assertEquals(0.2993, new Proportion(10, 20).low(), 5e-5);
        assertEquals(0.7007, new Proportion(10, 20).high(), 5e-5);
        assertEquals(0.8389, new Proportion(20, 20).low(), 5e-5);
        assertEquals(1, new Proportion(20, 20).high());
        assertEquals(0.2065, new Proportion(1, 1).low(), 5e-5);
    }

    @Test
    void ofCountsTheOnes() {
        Proportion p = Proportion.of(new double[] {1, 0, 1, 1});
        assertEquals(3, p.successes());
        assertEquals(4, p.trials());
        assertNull(Proportion.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Proportion.of(new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> new Proportion(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new Proportion(0, 0));
    }
}
