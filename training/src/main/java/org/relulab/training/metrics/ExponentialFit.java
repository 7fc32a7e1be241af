package org.relulab.training.metrics;

/**
 * A least-squares straight line through (x, log10 y): y ≈ 10^(intercept + slope·x), the exponential model
 * beside {@link PowerLawFit}'s power law, with the slope's 95 % confidence interval and R². An exponential in
 * x is a power law in 10^x, so the fit is {@link PowerLawFit} on (10^x, y): one least-squares code, and R²
 * of both models measured on the same log10 y, so they compare directly.
 */
public record ExponentialFit(double slope, double intercept, double slopeStdError, double slopeCi95, double r2,
        int points) {
    /** 10^x stays finite for x up to 308; the fit wants x of a modest range (here, input dimensions). */
    static final double MAX_ABS_X = 300;

    /** The fit through the points with y positive and finite and |x| ≤ 300 (others are skipped); at least 3 needed. */
    public static ExponentialFit of(double[] x, double[] y) {
        if (x.length != y.length)
            throw new IllegalArgumentException(x.length + " x values and " + y.length + " y values: expected as many");
        double[] tenToX = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > MAX_ABS_X)
                throw new IllegalArgumentException("x = " + x[i] + ": expected |x| at most " + MAX_ABS_X);
            tenToX[i] = Double.isFinite(x[i]) ? Math.pow(10, x[i]) : Double.NaN;
        }
        PowerLawFit f = PowerLawFit.of(tenToX, y);
        return new ExponentialFit(f.slope(), f.intercept(), f.slopeStdError(), f.slopeCi95(), f.r2(), f.points());
    }

    /** The fitted y at x. */
    public double at(double x) {
        return Math.pow(10, intercept + slope * x);
    }

    /** The factor by which y grows when x grows by 1: 10^slope. */
    public double growthPerUnit() {
        return Math.pow(10, slope);
    }
}
