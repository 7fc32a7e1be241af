package org.relulab.training.metrics;

/**
 * A least-squares straight line through (log10 x, log10 y): y ≈ 10^intercept · x^slope, with the slope's
 * standard error, its 95 % confidence interval (Student t with n − 2 degrees of freedom) and R².
 */
public record PowerLawFit(double slope, double intercept, double slopeStdError, double slopeCi95, double r2,
        int points) {

    /** The fit through the points with x and y both positive and finite (others are skipped); at least 3 needed. */
    public static PowerLawFit of(double[] x, double[] y) {
        if (x.length != y.length)
            throw new IllegalArgumentException(x.length + " x values and " + y.length + " y values: expected as many");
        int n = 0;
        double sx = 0, sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!usable(x[i], y[i])) continue;
            n++;
            sx += Math.log10(x[i]);
            sy += Math.log10(y[i]);
        }
        if (n < 3)
            throw new IllegalArgumentException(n
                    + " usable points (x and y positive and finite): expected at least 3 for a fit with an error bar");
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!usable(x[i], y[i])) continue;
            double dx = Math.log10(x[i]) - mx, dy = Math.log10(y[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0))
            throw new IllegalArgumentException(
                    "all usable x values are equal (" + Math.pow(10, mx) + "): expected at least two distinct x");
        double slope = sxy / sxx, intercept = my - slope * mx, residual = 0;
        for (int i = 0; i < x.length; i++) { // summed directly: syy − slope·sxy cancels for near-exact fits
            if (!usable(x[i], y[i])) continue;
            double e = Math.log10(y[i]) - my - slope * (Math.log10(x[i]) - mx);
            residual += e * e;
        }
        double se = Math.sqrt(residual / (n - 2) / sxx);
        double r2 = syy > 0 ? 1 - residual / syy : 1;
        return new PowerLawFit(slope, intercept, se, studentT975(n - 2) * se, r2, n);
    }

    /** The fitted y at x. */
    public double at(double x) {
        return Math.pow(10, intercept + slope * Math.log10(x));
    }

    /** t_{0.975} for 1 to 30 degrees of freedom (standard tables, 4 decimals). */
    private static final double[] T975 = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622,
            2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739,
            2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};

    /**
     * The 97.5 % quantile of Student's t with {@code df} degrees of freedom: the table, then Cornish–Fisher (error <
     * 1e-4).
     */
    static double studentT975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom = " + df + ": expected at least 1");
        if (df <= T975.length) return T975[df - 1];
        double z = 1.959963985, v = df;
        return z + (z * z * z + z) / (4 * v) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v)
                + (3 * Math.pow(z, 7) + 19 * Math.pow(z, 5) + 17 * z * z * z - 15 * z) / (384 * v * v * v);
    }

    private static boolean usable(double x, double y) {
        return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
    }
}
