package org.relulab.training.linalg;

/**
 * Gauss–Legendre quadrature on [a, b]: Σ_i weights[i]·F(nodes[i]) = ∫_a^b F exactly for polynomials F of degree
 * below 2·points, and with an error falling geometrically in the number of points for F analytic on [a, b]. The
 * nodes are the roots of the Legendre polynomial P_points, found by Newton's method from Tricomi's starting values.
 */
public record GaussLegendre(double[] nodes, double[] weights) {
    public GaussLegendre {
        if (nodes.length != weights.length) {
            throw new IllegalArgumentException(
                    nodes.length + " nodes and " + weights.length + " weights (expected as many of each)");
        }
        nodes = nodes.clone();
        weights = weights.clone();
    }

    @Override
    public double[] nodes() { return nodes.clone(); }

    @Override
    public double[] weights() { return weights.clone(); }

    /** The rule with {@code points} nodes on [a, b], nodes increasing. */
    public static GaussLegendre on(double a, double b, int points) {
        if (points < 1)
            throw new IllegalArgumentException("Gauss–Legendre rule of " + points + " points (expected >= 1)");
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("interval [" + a + ", " + b + "] (expected finite a < b)");
        }
        double[] x = new double[points], w = new double[points];
        for (int i = 0; i < points; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (points + 0.5)); // root i of P_points, decreasing in i
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1, p1 = z; // P_0, P_1, then up to P_points by Bonnet's recurrence
                for (int k = 1; k < points; k++) {
                    double p2 = ((2 * k + 1) * z * p1 - k * p0) / (k + 1);
                    p0 = p1;
                    p1 = p2;
                }
                derivative = points * (z * p1 - p0) / (z * z - 1);
                double step = p1 / derivative;
                z -= step;
                if (Math.abs(step) < 1e-16) break;
            }
            x[points - 1 - i] = (a + b) / 2 + (b - a) / 2 * z;
            w[points - 1 - i] = (b - a) / ((1 - z * z) * derivative * derivative);
        }
        return new GaussLegendre(x, w);
    }
}
