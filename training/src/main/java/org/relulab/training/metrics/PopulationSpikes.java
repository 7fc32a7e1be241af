package org.relulab.training.metrics;

import static org.relulab.training.metrics.DoubleRows.dot;

import java.util.SplittableRandom;

/**
 * What AS21's regularized objective does to the teacher without sampling: the minimizer of the population objective
 * G(μ) = ½E_x[(f_μ(x) − f°(x))²] + λ|μ|, x ~ N(0, I_d), among measures with one spike per teacher neuron, each of its
 * neuron's sign: f = Σ_j σ_j ReLU(v_jᵀx) with σ_j = sign(a°_j), mass σ_j‖v_j‖ at direction v_j/‖v_j‖ and |μ| = Σ_j
 * ‖v_j‖. Found by gradient descent on the v_j from the teacher itself (v_j = |a°_j| w°_j), with the closed forms
 * E[ReLU(uᵀx)ReLU(vᵀx)] ({@link ReluPopulationLoss#kernel}) and its gradient in u,
 * E[1{uᵀx > 0} ReLU(vᵀx) x] = ((π − θ) v + ‖v‖ sin θ · u/‖u‖)/(2π). Label noise adds ν²/2 to G and nothing to its
 * minimizer: this is the bias λ puts on the masses and directions, the part of the end state that more samples
 * do not remove.
 *
 * <p>Whether this measure is the minimum over all measures is the dual certificate: with the first variation
 * J'(θ) = E[(f(x) − f°(x)) ReLU(θᵀx)], its spikes have σ_j J'(θ_j) = −λ, and it is the global minimum of the convex
 * problem when also |J'(θ)| ≤ λ for every unit θ. {@link #certificate} is the largest |J'(θ)|/λ found by projected
 * gradient ascent from random directions and the spikes' own: above 1, the sparse minimizer is some other measure, and
 * the regularized problem does not identify the teacher even with infinitely many samples.
 *
 * @param spikes    v_j, one row per teacher neuron (m° × d)
 * @param signs     σ_j
 * @param lambda    λ
 * @param gradient  the largest ‖∂G/∂v_j‖ at the end (0 at a stationary point)
 */
public record PopulationSpikes(double[][] spikes, double[] signs, double lambda, double gradient) {
    /** Gradient steps (on a problem whose curvature is at most about m°/2 per spike) and their size. */
    static final int STEPS = 20_000;
    static final double STEP = 0.5;

    /** The minimizer for the teacher's unit-norm-or-not rows {@code w} (m° × d), output weights {@code a}, at λ. */
    public static PopulationSpikes of(double[][] w, double[] a, double lambda) {
        if (w.length != a.length || w.length == 0) {
            throw new IllegalArgumentException("population spikes: " + w.length + " teacher rows, " + a.length
                    + " output weights (expected as many, at least 1)");
        }
        if (!(lambda >= 0)) throw new IllegalArgumentException("population spikes: λ = " + lambda + " (expected ≥ 0)");
        int k = w.length, d = w[0].length;
        double[][] v = new double[k][];
        double[] sign = new double[k];
        for (int j = 0; j < k; j++) {
            sign[j] = Math.signum(a[j]);
            v[j] = DoubleRows.scaled(w[j], Math.abs(a[j]));
        }
        double largest = 0;
        for (int step = 0; step <= STEPS; step++) {
            double[][] g = gradient(v, sign, w, a, lambda);
            largest = 0;
            for (int j = 0; j < k; j++) largest = Math.max(largest, Math.sqrt(dot(g[j], g[j])));
            if (step == STEPS || largest < 1e-13) break;
            for (int j = 0; j < k; j++) for (int i = 0; i < d; i++) v[j][i] -= STEP * g[j][i];
        }
        return new PopulationSpikes(v, sign, lambda, largest);
    }

    /** ∂G/∂v_j = σ_j E[(f − f°)(x) 1{v_jᵀx > 0} x] + λ v_j/‖v_j‖. */
    private static double[][] gradient(double[][] v, double[] sign, double[][] w, double[] a, double lambda) {
        int k = v.length, d = v[0].length;
        double[][] g = new double[k][d];
        for (int j = 0; j < k; j++) {
            double norm = Math.sqrt(dot(v[j], v[j]));
            if (norm == 0) continue;
            for (int l = 0; l < k; l++) add(g[j], sign[j] * sign[l], v[j], v[l]);
            for (int l = 0; l < k; l++) add(g[j], -sign[j] * a[l], v[j], w[l]);
            for (int i = 0; i < d; i++) g[j][i] += lambda * v[j][i] / norm;
        }
        return g;
    }

    /** g += c · ∇_u E[ReLU(uᵀx) ReLU(vᵀx)] = c((π − θ) v + ‖v‖ sin θ · u/‖u‖)/(2π). */
    private static void add(double[] g, double c, double[] u, double[] v) {
        double nu = Math.sqrt(dot(u, u)), nv = Math.sqrt(dot(v, v));
        if (nu == 0 || nv == 0) return;
        double cos = Math.max(-1, Math.min(1, dot(u, v) / (nu * nv))), theta = Math.acos(cos);
        double along = c * (Math.PI - theta) / (2 * Math.PI), radial = c * nv * Math.sin(theta) / (2 * Math.PI * nu);
        for (int i = 0; i < g.length; i++) g[i] += along * v[i] + radial * u[i];
    }

    /** The spike of teacher neuron j: its signed mass σ_j‖v_j‖. */
    public double mass(int j) {
        return signs[j] * Math.sqrt(dot(spikes[j], spikes[j]));
    }

    /** The angle in degrees between spike j and the teacher's row {@code w}. */
    public double angleDegrees(int j, double[] w) {
        double c = dot(spikes[j], w) / Math.sqrt(dot(spikes[j], spikes[j]) * dot(w, w));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** E[(f − f°)²]: the population test loss of this measure against the teacher ({@code w}, {@code a}). */
    public double populationLoss(double[][] w, double[] a) {
        double[] ones = new double[signs.length];
        for (int j = 0; j < ones.length; j++) ones[j] = signs[j];
        return ReluPopulationLoss.of(spikes, ones, w, a);
    }

    /** J'(θ) = E[(f − f°)(x) ReLU(θᵀx)] at a unit θ. */
    public double firstVariation(double[] theta, double[][] w, double[] a) {
        double j = 0;
        for (int l = 0; l < spikes.length; l++) j += signs[l] * ReluPopulationLoss.kernel(theta, spikes[l]);
        for (int l = 0; l < w.length; l++) j -= a[l] * ReluPopulationLoss.kernel(theta, w[l]);
        return j;
    }

    /**
     * The largest |J'(θ)|/λ over unit θ found by projected gradient ascent on |J'| from the spikes' directions, the
     * teacher's and {@code starts} random ones (from {@code seed}): at most 1 (up to the ascent's tolerance) when this
     * measure is the global minimum over measures, above 1 when it is not. NaN at λ = 0.
     */
    public double certificate(double[][] w, double[] a, int starts, long seed) {
        if (lambda == 0) return Double.NaN;
        int d = w[0].length;
        SplittableRandom r = new SplittableRandom(seed);
        double best = 0;
        for (int s = 0; s < starts + spikes.length + w.length; s++) {
            double[] theta = new double[d];
            if (s < spikes.length) theta = spikes[s].clone();
            else if (s < spikes.length + w.length) theta = w[s - spikes.length].clone();
            else for (int i = 0; i < d; i++) theta[i] = gaussian(r);
            normalize(theta);
            for (int step = 0; step < 300; step++) {
                double value = firstVariation(theta, w, a);
                double[] g = new double[d];
                for (int l = 0; l < spikes.length; l++) add(g, signs[l], theta, spikes[l]);
                for (int l = 0; l < w.length; l++) add(g, -a[l], theta, w[l]);
                double radial = dot(g, theta), sign = Math.signum(value);
                for (int i = 0; i < d; i++) theta[i] += 0.5 * sign * (g[i] - radial * theta[i]);
                normalize(theta);
            }
            best = Math.max(best, Math.abs(firstVariation(theta, w, a)) / lambda);
        }
        return best;
    }

    private static void normalize(double[] u) {
        double n = Math.sqrt(dot(u, u));
        for (int i = 0; i < u.length; i++) u[i] /= n;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
