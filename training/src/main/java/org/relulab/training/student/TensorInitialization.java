package org.relulab.training.student;

import java.util.SplittableRandom;
import org.relulab.core.Matrix;
import org.relulab.training.linalg.LinearSystem;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.linalg.SymmetricEigen;

/**
 * The tensor initialization of ZYWG19 (from Zhong, Song, Jain, Bartlett and Dhillon 2017) for a ReLU student
 * f(x) = Σ_{j≤K} ReLU(w_jᵀx) with output weights fixed to 1. It estimates the teacher's neurons from moments of
 * the data, in double, from three disjoint thirds S₁, S₂, S₃ of the training set (as in the paper):
 * <ol>
 * <li>P̂₂ = (1/|S₁|) Σ y (x xᵀ − I) → Σ_j (‖w_j‖/√(2π)) w̄_j w̄_jᵀ; V (d × K) = its top-K eigenvectors.</li>
 * <li>M₃ vanishes for ReLU, so the fourth Hermite moment is contracted with α = Vβ (β a random unit K-vector):
 *     R̂₃ = M̂₄(V, V, V, α) → Σ_j (−‖w_j‖/√(2π)) (αᵀw̄_j) u_j^{⊗3}, u_j = Vᵀw̄_j, estimated on S₂.
 *     The u_j are not orthogonal; whitening by V ᵀP̂₂V = diag(λ) makes them so (relulab's choice; the paper
 *     names simultaneous diagonalization or a robust tensor power method), and a robust tensor power method
 *     with deflation, its iterates kept orthogonal to the components already found, recovers them (up to sign).</li>
 * <li>M̂₁ = (1/|S₃|) Σ y x → Σ_j (‖w_j‖/2) w̄_j: solving Σ_j c_j û_j = VᵀM̂₁ for c gives each neuron's scale and
 *     sign, w_j = 2 c_j V û_j.</li>
 * </ol>
 * Cost O(n d² + n K³ + d³), once per run; the labels' noise is zero-mean and drops out of every moment.
 */
public final class TensorInitialization {
    /** E[ReLU(z) He_k(z)] for z ~ N(0, 1), the moment factors m_k of the paper: k = 1, 2, 4 (m₃ = 0). */
    static final double M1 = 0.5, M2 = 1 / Math.sqrt(2 * Math.PI), M4 = -1 / Math.sqrt(2 * Math.PI);
    private static final int STARTS = 10, ITERATIONS = 30;

    private TensorInitialization() {}

    /** Sets the student's K = m neurons to the estimate from {@code x} (n × d) and {@code y} (n × 1). */
    public static void apply(TwoLayerStudent s, Matrix x, Matrix y, long seed) {
        if (s.output != OutputLayer.ONES || s.activation != org.relulab.core.Activation.RELU) {
            throw new IllegalArgumentException(
                    "tensor init is for a ReLU student with output weights fixed to 1 (ZYWG19); got "
                            + s.activation + " with output " + s.output.key());
        }
        double[][] w = estimate(x, y, s.m, seed);
        for (int j = 0; j < s.m; j++) for (int i = 0; i < s.d; i++) s.w.set(j, i, (float) w[j][i]);
    }

    /** The K × d estimate of the teacher's neurons (rows). */
    public static double[][] estimate(Matrix x, Matrix y, int k, long seed) {
        int n = x.rows(), d = x.cols();
        if (y.rows() != n || y.cols() != 1)
            throw new IllegalArgumentException("labels are " + y.shape() + ": expected " + n + "x1");
        if (k < 1 || k > d)
            throw new IllegalArgumentException("tensor init: K = " + k + " neurons, expected 1 to d = " + d);
        if (n < 3)
            throw new IllegalArgumentException(
                    "tensor init: n = " + n + " samples, expected at least 3 (three moment estimates)");
        int third = n / 3;
        double mean = 0;
        for (int s = 0; s < n; s++) mean += y.get(s, 0);
        LowOrder constant = new LowOrder(mean / n, null, null);
        double[] m1 = firstMoment(x, y, 2 * third, n, constant);
        double[][] p2 = secondMoment(x, y, 0, third, new LowOrder(constant.c0, m1, null));
        LowOrder upTo2 = new LowOrder(constant.c0, m1, p2);
        return recover(p2, (v, beta) -> fourthMomentSlice(x, y, third, 2 * third, v, beta, upTo2),
                firstMoment(x, y, 2 * third, n, new LowOrder(constant.c0, null, p2)), k, seed);
    }

    /**
     * A control variate for the moment estimates: y's Hermite expansion up to order 2 (terms left out when
     * null), c₀ + c₁ᵀx + ½(xᵀC₂x − tr C₂). The moments estimate E[y·H_k(x)], and every term here of an order
     * other than k has E[term·H_k(x)] = 0, so subtracting it from y leaves the estimate's mean unchanged (the
     * coefficients come from other samples, or, c₀, from all: an O(1/n) bias) while removing most of its
     * variance: the ReLU teacher's labels are dominated by their mean and their linear and quadratic parts.
     */
    record LowOrder(double c0, double[] c1, double[][] c2) {
        double value(double[] x) {
            double v = c0;
            if (c1 != null) for (int i = 0; i < x.length; i++) v += c1[i] * x[i];
            if (c2 != null) {
                double quad = 0;
                for (int i = 0; i < x.length; i++) {
                    double row = 0;
                    for (int j = 0; j < x.length; j++) row += c2[i][j] * x[j];
                    quad += x[i] * row - c2[i][i];
                }
                v += 0.5 * quad;
            }
            return v;
        }
    }

    /** What a fourth-moment estimate contracted as M₄(V, V, V, Vβ) returns, K × K × K. */
    interface FourthMoment {
        double[][][] slice(double[][] v, double[] beta);
    }

    /** Steps 1–3 from the moments P₂ (d × d), M₄ (as a contraction) and M₁ (d): the K × d neurons. */
    static double[][] recover(double[][] p2, FourthMoment m4, double[] m1, int k, long seed) {
        int d = m1.length;
        SymmetricEigen e = SymmetricEigen.of(p2);
        double[][] v = new double[d][k];
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            lambda[j] = Math.abs(e.values()[j]); // > 0 for a ReLU teacher with unit output weights
            for (int i = 0; i < d; i++) v[i][j] = e.vectors()[i][j];
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] beta = unit(gaussian(rnd, k));
        double[][][] t = m4.slice(v, beta);
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int r = 0; r < k; r++) t[p][q][r] /= Math.sqrt(lambda[p] * lambda[q] * lambda[r]);
            }
        }
        double[][] whitened = orthogonalComponents(t, rnd);
        double[][] u = new double[k][k]; // columns: û_j = diag(√λ) v_j, normalized
        for (int j = 0; j < k; j++) {
            double[] uj = new double[k];
            for (int p = 0; p < k; p++) uj[p] = Math.sqrt(lambda[p]) * whitened[j][p];
            uj = unit(uj);
            for (int p = 0; p < k; p++) u[p][j] = uj[p];
        }
        double[] rhs = new double[k];
        for (int p = 0; p < k; p++) for (int i = 0; i < d; i++) rhs[p] += v[i][p] * m1[i];
        double[] c = LinearSystem.solve(u, rhs);
        double[][] w = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                double vu = 0;
                for (int p = 0; p < k; p++) vu += v[i][p] * u[p][j];
                w[j][i] = c[j] / M1 * vu;
            }
        }
        return w;
    }

    /** P̂₂ = (1/|S|) Σ_{i∈S} y_i (x_i x_iᵀ − I) over rows [from, to). */
    static double[][] secondMoment(Matrix x, Matrix y, int from, int to, LowOrder baseline) {
        int d = x.cols();
        double[][] p = new double[d][d];
        double[] row = new double[d];
        double ySum = 0;
        for (int s = from; s < to; s++) {
            read(x, s, row);
            double ys = y.get(s, 0) - baseline.value(row);
            ySum += ys;
            for (int i = 0; i < d; i++) {
                double yi = ys * row[i];
                for (int j = i; j < d; j++) p[i][j] += yi * row[j];
            }
        }
        int count = to - from;
        for (int i = 0; i < d; i++) {
            p[i][i] -= ySum;
            for (int j = i; j < d; j++) {
                p[i][j] /= count;
                p[j][i] = p[i][j];
            }
        }
        return p;
    }

    /**
     * M̂₄(V, V, V, α) with α = Vβ (V has orthonormal columns) over rows [from, to): with z = Vᵀx and a = βᵀz,
     * the fourth Hermite tensor of x contracted is
     * a z_p z_q z_r − a(z_p δ_qr + z_q δ_pr + z_r δ_pq) − (z_p z_q β_r + z_p z_r β_q + z_q z_r β_p)
     * + (δ_pq β_r + δ_pr β_q + δ_qr β_p); its y-weighted mean is returned as t[p][q][r].
     */
    static double[][][] fourthMomentSlice(Matrix x, Matrix y, int from, int to, double[][] v, double[] beta,
            LowOrder baseline) {
        int d = x.cols(), k = beta.length;
        double[][][] t = new double[k][k][k];
        double[] first = new double[k];      // Σ y a z
        double[][] second = new double[k][k]; // Σ y z zᵀ
        double ySum = 0;
        double[] row = new double[d], z = new double[k];
        for (int s = from; s < to; s++) {
            read(x, s, row);
            double ys = y.get(s, 0) - baseline.value(row), a = 0;
            for (int p = 0; p < k; p++) {
                double zp = 0;
                for (int i = 0; i < d; i++) zp += v[i][p] * row[i];
                z[p] = zp;
                a += beta[p] * zp;
            }
            ySum += ys;
            double ya = ys * a;
            for (int p = 0; p < k; p++) {
                first[p] += ya * z[p];
                for (int q = 0; q < k; q++) {
                    second[p][q] += ys * z[p] * z[q];
                    double yazz = ya * z[p] * z[q];
                    for (int r = 0; r < k; r++) t[p][q][r] += yazz * z[r];
                }
            }
        }
        int count = to - from;
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int r = 0; r < k; r++) {
                    double v3 = t[p][q][r]
                            - (q == r ? first[p] : 0) - (p == r ? first[q] : 0) - (p == q ? first[r] : 0)
                            - second[p][q] * beta[r] - second[p][r] * beta[q] - second[q][r] * beta[p]
                            + ySum * ((p == q ? beta[r] : 0) + (p == r ? beta[q] : 0) + (q == r ? beta[p] : 0));
                    t[p][q][r] = v3 / count;
                }
            }
        }
        return t;
    }

    /** M̂₁ = (1/|S|) Σ_{i∈S} y_i x_i over rows [from, to). */
    static double[] firstMoment(Matrix x, Matrix y, int from, int to, LowOrder baseline) {
        int d = x.cols();
        double[] m = new double[d], row = new double[d];
        for (int s = from; s < to; s++) {
            read(x, s, row);
            double ys = y.get(s, 0) - baseline.value(row);
            for (int i = 0; i < d; i++) m[i] += ys * row[i];
        }
        for (int i = 0; i < d; i++) m[i] /= to - from;
        return m;
    }

    /**
     * The K unit vectors v_j of a symmetric tensor t ≈ Σ_j μ_j v_j^{⊗3} with orthonormal v_j (rows of the
     * result), by the robust tensor power method: for each component the best of {@link #STARTS} random starts
     * (largest |t(v, v, v)|) after {@link #ITERATIONS} steps v ← t(I, v, v)/‖·‖, then deflation. Iterates are
     * kept orthogonal to the components found, so the last one is fixed by the others even when its μ is ~0.
     */
    static double[][] orthogonalComponents(double[][][] tensor, SplittableRandom rnd) {
        int k = tensor.length;
        double[][][] t = new double[k][k][];
        for (int p = 0; p < k; p++) for (int q = 0; q < k; q++) t[p][q] = tensor[p][q].clone();
        double[][] found = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] best = null;
            double bestValue = -1;
            for (int start = 0; start < STARTS; start++) {
                double[] v = powerIterations(t, project(gaussian(rnd, k), found, j), found, j, ITERATIONS);
                double value = Math.abs(contract(t, v, v, v));
                if (value > bestValue) {
                    best = v;
                    bestValue = value;
                }
            }
            best = powerIterations(t, best, found, j, ITERATIONS);
            double mu = contract(t, best, best, best);
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    for (int r = 0; r < k; r++) t[p][q][r] -= mu * best[p] * best[q] * best[r];
                }
            }
            found[j] = best;
        }
        return found;
    }

    private static double[] powerIterations(double[][][] t, double[] start, double[][] found, int nFound, int steps) {
        int k = t.length;
        double[] v = unit(start);
        for (int it = 0; it < steps; it++) {
            double[] next = new double[k];
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int q = 0; q < k; q++) for (int r = 0; r < k; r++) sum += t[p][q][r] * v[q] * v[r];
                next[p] = sum;
            }
            next = project(next, found, nFound);
            if (norm(next) < 1e-300) break; // v is (numerically) the last free direction, or t vanishes on it
            v = unit(next);
        }
        return v;
    }

    /** v minus its components along found[0..count), the component vectors found so far. */
    private static double[] project(double[] v, double[][] found, int count) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < count; j++) {
                double dot = 0;
                for (int p = 0; p < v.length; p++) dot += v[p] * found[j][p];
                for (int p = 0; p < v.length; p++) v[p] -= dot * found[j][p];
            }
        }
        return v;
    }

    private static double contract(double[][][] t, double[] a, double[] b, double[] c) {
        double sum = 0;
        for (int p = 0; p < a.length; p++) {
            for (int q = 0; q < a.length; q++)
                for (int r = 0; r < a.length; r++) sum += t[p][q][r] * a[p] * b[q] * c[r];
        }
        return sum;
    }

    private static double[] gaussian(SplittableRandom rnd, int k) {
        double[] g = new double[k];
        for (int i = 0; i < k; i++) g[i] = Orthogonal.gaussian(rnd);
        return g;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static double[] unit(double[] v) {
        double n = norm(v);
        if (!(n > 0)) throw new IllegalStateException("tensor init: a zero vector where a direction was expected");
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) u[i] = v[i] / n;
        return u;
    }

    /** Row s of x into {@code row}, as doubles. */
    private static void read(Matrix x, int s, double[] row) {
        for (int i = 0; i < row.length; i++) row[i] = x.get(s, i);
    }
}
