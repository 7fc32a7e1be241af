package org.relulab.training.sweep;

/**
 * A fraction of successes over independent trials (runs that left the plateau over seeds) with its Wilson score
 * interval: the p with |k/n − p| ≤ z √(p(1 − p)/n), z the two-sided normal quantile. Unlike k/n ± z √(k/n (1 − k/n)/n)
 * it stays within [0, 1] and does not shrink to a point at 0 or n successes (0 of 20 gives [0, 0.161]).
 *
 * @param successes k, 0 ≤ k ≤ n
 * @param trials    n ≥ 1
 */
record Proportion(int successes, int trials) {
    /** The two-sided 97.5 % normal quantile: a 95 % interval. */
    static final double Z95 = 1.959963984540054;

    Proportion {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    successes + " successes of " + trials + " trials (expected 0 <= successes <= trials, trials >= 1)");
        }
    }

    /** The proportion of ones in {@code values}, each 0 or 1; null when there are none. */
    static Proportion of(double[] values) {
        if (values.length == 0) return null;
        int k = 0;
        for (double v : values) {
            if (v != 0 && v != 1) throw new IllegalArgumentException("value " + v + ": expected 0 or 1");
            if (v == 1) k++;
        }
        return new Proportion(k, values.length);
    }

    /** k/n. */
    double fraction() {
        return (double) successes / trials;
    }

    /** The lower end of the 95 % Wilson interval. */
    double low() {
        return successes == 0 ? 0 : center() - halfWidth();
    }

    /** The upper end of the 95 % Wilson interval. */
    double high() {
        return successes == trials ? 1 : center() + halfWidth();
    }

    private double center() {
        double z2 = Z95 * Z95;
        return (fraction() + z2 / (2 * trials)) / (1 + z2 / trials);
    }

    private double halfWidth() {
        double p = fraction(), n = trials, z2 = Z95 * Z95;
        return Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    }
}
