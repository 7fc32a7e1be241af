package org.relulab.training.metrics;

import static org.relulab.training.metrics.DoubleRows.dot;

import org.relulab.training.linalg.SymmetricEigen;

/**
 * The Fisher information of ZYWG19's teacher f(x) = Σ_j ReLU(w_jᵀx) (output weights 1) in its weights W (K × d), at
 * W = W*, for x ~ N(0, I_d): F = E[∇_W f ∇_W fᵀ], a Kd × Kd matrix whose block (j, l) is
 * A(w_j, w_l) = E[1{w_jᵀx > 0} 1{w_lᵀx > 0} x xᵀ]. It is also the Hessian at W* of the population objective
 * (1/2) E[(f_W − f*)²], so it predicts what full-batch GD on n samples does near W*:
 * <ul>
 * <li>the rate: W_t − W* shrinks by max_i |1 − η λ_i(F)| per step ({@link #rate});</li>
 * <li>the floor with label noise ν: W_∞ − W* ≈ F⁻¹ (1/n) Σ ε_i ∇f(x_i), of covariance (ν²/n) F⁻¹, so
 * ‖W_∞ − W*‖_F / ‖W*‖_F ≈ ν √(tr F⁻¹ / n) / ‖W*‖_F ({@link #floor}).</li>
 * </ul>
 * The block in closed form: with θ the angle between u and v, e₁ = u/‖u‖ and e₂ the unit part of v orthogonal to
 * it, both half-spaces hold the wedge of polar angles φ ∈ (θ − π/2, π/2) of the (e₁, e₂) plane, so
 * A = ((π − θ)/(2π)) (I − e₁e₁ᵀ − e₂e₂ᵀ) + (1/π) ∫ (cos φ e₁ + sin φ e₂)(cos φ e₁ + sin φ e₂)ᵀ dφ over the wedge
 * (E[r²] = 2 for the plane's radius); A(u, u) = I/2.
 *
 * @param matrix      F, Kd × Kd, row-major by (neuron, coordinate)
 * @param eigenvalues its eigenvalues, smallest first
 */
public record ReluFisher(double[][] matrix, double[] eigenvalues) {
    /** F at the teacher's rows {@code teacher} (K × d, each nonzero). */
    public static ReluFisher of(double[][] teacher) {
        int k = teacher.length, d = teacher[0].length;
        DoubleRows.checkRectangular("teacher", teacher, d);
        double[][] f = new double[k * d][k * d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < k; l++) {
                double[][] a = block(teacher[j], teacher[l]);
                for (int p = 0; p < d; p++) System.arraycopy(a[p], 0, f[j * d + p], l * d, d);
            }
        }
        double[] values = SymmetricEigen.of(f).values().clone();
        java.util.Arrays.sort(values);
        return new ReluFisher(f, values);
    }

    /** E[1{uᵀx > 0} 1{vᵀx > 0} x xᵀ] for x ~ N(0, I), in closed form (the class comment). */
    static double[][] block(double[] u, double[] v) {
        int d = u.length;
        double nu = Math.sqrt(dot(u, u)), nv = Math.sqrt(dot(v, v));
        if (!(nu > 0) || !(nv > 0)) throw new IllegalArgumentException("a teacher neuron is 0: expected nonzero rows");
        double[] e1 = new double[d], e2 = new double[d];
        for (int i = 0; i < d; i++) e1[i] = u[i] / nu;
        double c = 0;
        for (int i = 0; i < d; i++) c += e1[i] * v[i] / nv;
        c = Math.clamp(c, -1.0, 1.0);
        double theta = Math.acos(c);
        for (int i = 0; i < d; i++) e2[i] = v[i] / nv - c * e1[i];
        double n2 = Math.sqrt(dot(e2, e2));
        // u ∥ v: e₂ = 0 and the formula still holds (θ = 0 gives I/2, θ = π gives 0)
        boolean plane = n2 > 1e-12;
        for (int i = 0; i < d; i++) e2[i] = plane ? e2[i] / n2 : 0;
        double a = theta - Math.PI / 2, b = Math.PI / 2;
        double cc = (b - a) / 2 + (Math.sin(2 * b) - Math.sin(2 * a)) / 4,
                ss = (b - a) / 2 - (Math.sin(2 * b) - Math.sin(2 * a)) / 4,
                cs = (Math.cos(2 * a) - Math.cos(2 * b)) / 4;
        double rest = (Math.PI - theta) / (2 * Math.PI);
        double[][] m = new double[d][d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double inPlane = e1[p] * e1[q] + e2[p] * e2[q];
                double identity = p == q ? 1 : 0;
                m[p][q] = rest * (identity - inPlane) + (cc * e1[p] * e1[q] + ss * e2[p] * e2[q]
                        + cs * (e1[p] * e2[q] + e2[p] * e1[q])) / Math.PI;
            }
        }
        return m;
    }

    /** tr F⁻¹, from the eigenvalues. */
    public double traceInverse() {
        double sum = 0;
        for (double l : eigenvalues) sum += 1 / l;
        return sum;
    }

    /** The smallest eigenvalue, λ_min(F). */
    public double smallest() {
        return eigenvalues[0];
    }

    /** The largest eigenvalue, λ_max(F). */
    public double largest() {
        return eigenvalues[eigenvalues.length - 1];
    }

    /** GD's predicted contraction of ‖W_t − W*‖ per step at learning rate {@code lr}: max_i |1 − lr·λ_i|. */
    public double rate(double lr) {
        return Math.max(Math.abs(1 - lr * smallest()), Math.abs(1 - lr * largest()));
    }

    /** The predicted relative error floor ν √(tr F⁻¹ / n) / ‖W*‖_F with label noise {@code noise}, n samples. */
    public double floor(double noise, int n, double teacherNorm) {
        return noise * Math.sqrt(traceInverse() / n) / teacherNorm;
    }

}
