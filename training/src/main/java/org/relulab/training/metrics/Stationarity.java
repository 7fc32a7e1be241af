package org.relulab.training.metrics;

import static org.relulab.training.metrics.DoubleRows.dot;
import static org.relulab.training.metrics.DoubleRows.scaled;

import java.util.SplittableRandom;

/**
 * How far a student f(x) = s·Σ_i a_i ReLU(w_iᵀx) is from a stationary point of AS21's objective
 * G = J + λ·|μ|, J = (1/2n) Σ_k (f(x_k) − y_k)², |μ| = s·Σ_i |a_i|‖w_i‖ (the path norm), on its training set. With
 * J'(θ) = (1/n) Σ_k (f(x_k) − y_k) ReLU(θᵀx_k) for unit θ (the first variation of J at the student's measure):
 * <ul>
 * <li>a heavy neuron's mass is stationary when sign(a_i)·J'(θ_i) = −λ ({@link #heavyGap}: the largest
 * |sign(a_i)·J'(θ_i) + λ| over the neurons with mass s|a_i|‖w_i‖ at least {@link TeacherIdentification#HEAVY_FRACTION}
 * of the heaviest);</li>
 * <li>the measure is a global minimum of the convex problem over measures when also |J'(θ)| ≤ λ for every unit θ
 * (the dual certificate; {@link #certificate}: the largest |J'(θ)| over the student's own directions and
 * {@code directions} random ones).</li>
 * </ul>
 * All in double, from the student's float32 weights and the training set.
 *
 * @param heavyGap    max over heavy neurons of |sign(a_i)·J'(θ_i) + λ|
 * @param certificate max |J'(θ)| over the directions tried
 * @param heavy       how many neurons are heavy
 */
public record Stationarity(double heavyGap, double certificate, int heavy) {
    /**
     * The measures for the student (rows w, outputs a, scale s) on the training set (x: n rows of d; y: n) at
     * λ = {@code lambda}, with {@code directions} random unit directions (from {@code seed}) for the certificate.
     */
    public static Stationarity of(double[][] w, double[] a, double s, double[][] x, double[] y, double lambda,
            int directions, long seed) {
        int m = w.length, n = x.length, d = x[0].length;
        double[] residual = new double[n];
        for (int k = 0; k < n; k++) {
            double f = 0;
            for (int i = 0; i < m; i++) f += a[i] * Math.max(0, dot(w[i], x[k]));
            residual[k] = s * f - y[k];
        }
        double heaviest = 0;
        double[] mass = new double[m];
        for (int i = 0; i < m; i++) {
            mass[i] = s * Math.abs(a[i]) * Math.sqrt(dot(w[i], w[i]));
            heaviest = Math.max(heaviest, mass[i]);
        }
        double gap = 0, certificate = 0;
        int heavy = 0;
        for (int i = 0; i < m; i++) {
            double norm = Math.sqrt(dot(w[i], w[i]));
            if (norm == 0) continue;
            double j = firstVariation(scaled(w[i], 1 / norm), x, residual);
            certificate = Math.max(certificate, Math.abs(j));
            if (mass[i] > 0 && mass[i] >= TeacherIdentification.HEAVY_FRACTION * heaviest) {
                heavy++;
                gap = Math.max(gap, Math.abs(Math.signum(a[i]) * j + lambda));
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[d];
        for (int t = 0; t < directions; t++) {
            double norm = 0;
            for (int c = 0; c < d; c++) {
                theta[c] = r.nextGaussian();
                norm += theta[c] * theta[c];
            }
            certificate = Math.max(certificate, Math.abs(firstVariation(scaled(theta, 1 / Math.sqrt(norm)), x,
                    residual)));
        }
        return new Stationarity(gap, certificate, heavy);
    }

    /** J'(θ) = (1/n) Σ_k r_k ReLU(θᵀx_k). */
    static double firstVariation(double[] theta, double[][] x, double[] residual) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) sum += residual[k] * Math.max(0, dot(theta, x[k]));
        return sum / x.length;
    }

}
