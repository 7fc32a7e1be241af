package org.relulab.training.metrics;

import static org.relulab.training.metrics.DoubleRows.dot;

/**
 * The population loss of one ReLU network against another on Gaussian inputs, in closed form:
 * E_x[(f(x) − f°(x))²] for x ~ N(0, I_d), f = Σ_i c_i ReLU(w_iᵀx) and f° = Σ_j a°_j ReLU(w°_jᵀx), from
 * E[ReLU(uᵀx) ReLU(vᵀx)] = (‖u‖‖v‖ sin θ + (π − θ) uᵀv)/(2π), θ the angle between u and v (Cho and Saul's κ₁;
 * ‖u‖²/2 for v = u). It is the test loss (the mean squared error, as the runs log it) against the clean target, with
 * infinitely many test samples: what label noise and a finite test set hide. All in double.
 */
public final class ReluPopulationLoss {
    private ReluPopulationLoss() {}

    /** E[ReLU(uᵀx) ReLU(vᵀx)] for x ~ N(0, I); 0 when u or v is 0. */
    public static double kernel(double[] u, double[] v) {
        double nu = Math.sqrt(dot(u, u)), nv = Math.sqrt(dot(v, v));
        if (nu == 0 || nv == 0) return 0;
        double uv = dot(u, v), cos = Math.max(-1, Math.min(1, uv / (nu * nv))), theta = Math.acos(cos);
        return (nu * nv * Math.sin(theta) + (Math.PI - theta) * uv) / (2 * Math.PI);
    }

    /**
     * E_x[(Σ_i c_i ReLU(w_iᵀx) − Σ_j a_j ReLU(v_jᵀx))²]: the student's rows {@code w} with output weights {@code c}
     * (the scale s already in them) against the teacher's rows {@code v} with output weights {@code a}.
     */
    public static double of(double[][] w, double[] c, double[][] v, double[] a) {
        if (w.length != c.length || v.length != a.length) {
            throw new IllegalArgumentException("population loss: " + w.length + " student rows with " + c.length
                    + " output weights, " + v.length + " teacher rows with " + a.length);
        }
        int m = w.length, k = v.length;
        double[][] rows = new double[m + k][];
        double[] weights = new double[m + k];
        for (int i = 0; i < m; i++) {
            rows[i] = w[i];
            weights[i] = c[i];
        }
        for (int j = 0; j < k; j++) {
            rows[m + j] = v[j];
            weights[m + j] = -a[j];
        }
        DoubleRows.checkRectangular("population loss rows", rows, rows.length == 0 ? 0 : rows[0].length);
        double sum = 0;
        for (int p = 0; p < rows.length; p++) {
            if (weights[p] == 0) continue;
            sum += weights[p] * weights[p] * kernel(rows[p], rows[p]);
            for (int q = p + 1; q < rows.length; q++) sum += 2 * weights[p] * weights[q] * kernel(rows[p], rows[q]);
        }
        return sum; // ≥ 0 up to rounding: about 1e-16 times (Σ|weights|)² for an exact copy
    }
}
