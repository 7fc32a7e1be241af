package org.relulab.training.metrics;

import java.util.SplittableRandom;
import org.relulab.core.Activation;

/** Test helpers: Gaussian draws and a Monte-Carlo estimate of LMZ20's population loss, independent of the metrics. */
final class MonteCarlo {
    private MonteCarlo() {}

    /** A standard normal by Box–Muller (one of the pair). */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * {mean, standard error} of (f_W(x) − f*(x))² over {@code samples} draws x ~ N(0, I_d), with
     * f_W = (1/m) Σ ‖w_i‖ σ(w_iᵀx) and f* = Σ a_j |w*_jᵀx|.
     */
    static double[] loss(double[][] w, Activation sigma, double[][] teacher, double[] a, int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = teacher[0].length, m = w.length;
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (double v : w[i]) s += v * v;
            norms[i] = Math.sqrt(s);
        }
        double[] x = new double[d];
        double sum = 0, sumSq = 0;
        for (int n = 0; n < samples; n++) {
            for (int p = 0; p < d; p++) x[p] = gaussian(rnd);
            double f = 0;
            for (int i = 0; i < m; i++) f += norms[i] * act(sigma, dot(w[i], x));
            f /= m;
            double target = 0;
            for (int j = 0; j < teacher.length; j++) target += a[j] * Math.abs(dot(teacher[j], x));
            double e = (f - target) * (f - target);
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / samples, var = (sumSq / samples - mean * mean) * samples / (samples - 1.0);
        return new double[] {mean, Math.sqrt(var / samples)};
    }

    private static double act(Activation sigma, double z) {
        return sigma == Activation.RELU ? Math.max(z, 0) : Math.abs(z);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
