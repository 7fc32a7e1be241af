package org.relulab.training.metrics;

import static org.relulab.training.metrics.DoubleRows.dot;
import static org.relulab.training.metrics.DoubleRows.scaled;

import java.util.Arrays;
import org.relulab.core.Activation;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * LMZ20's Hermite expansion of the population loss L(W) = E_x[(f_W(x) − f*(x))²], x ~ N(0, I_d), for the
 * tied student f_W(x) = (1/m) Σ_i ‖w_i‖ σ(w_iᵀx), σ = |·| or ReLU, and the abs teacher f*(x) = Σ_j a_j |w*_jᵀx|.
 *
 * <p>Derivation. With w̄ = w/‖w‖, ‖w‖ σ(wᵀx) = ‖w‖² σ(w̄ᵀx) (σ is positively homogeneous), so
 * f_W = Σ_i α_i σ(w̄_iᵀx) with α_i = ‖w_i‖²/m, and f* = Σ_j β_j |w̄*_jᵀx| with β_j = a_j ‖w*_j‖ (= a_j for the
 * orthonormal rows of LMZ20; orthonormality is not needed here). Expanding σ(z) = Σ_k ĥ_k He_k(z)/√(k!)
 * ({@link HermiteCoefficients}) and using E[He_k(uᵀx) He_l(vᵀx)] = δ_kl k! (uᵀv)^k for unit u, v:
 * <pre>
 *   L(W) = Σ_{k≥0} term_k,   term_k = ‖ ĥ_k(σ) S_k − ĥ_k(|·|) T_k ‖_F²,
 *   S_k = Σ_i α_i w̄_i^{⊗k} (= (1/m) Σ_i w_i^{⊗2} ⊗ w̄_i^{⊗(k−2)} for k ≥ 2),   T_k = Σ_j β_j w̄*_j^{⊗k},
 * </pre>
 * and each squared norm needs only dot products: ‖Σ_p γ_p u_p^{⊗k}‖² = Σ_{p,q} γ_p γ_q (u_pᵀu_q)^k.
 * For σ = |·|: term_k = c_k ‖S_k − T_k‖² for even k, with LMZ20's c_k = 2[(k−3)!!]²/(π k!) (checked in
 * the tests against ∫ |z| He_k φ), and 0 for odd k. For σ = ReLU = z/2 + |z|/2: term_1 = ¼ ‖(1/m) Σ_i ‖w_i‖ w_i‖²,
 * term_k = c_k ‖S_k/2 − T_k‖² for even k, 0 for odd k ≥ 3; the student's even part carries the factor ½
 * (docs/papers.md's formula leaves it out; against this abs teacher it is there).
 *
 * <p>The whole series in closed form ({@link #exactPopulationLoss}), from the dual kernels of the activations
 * for unit u, v with ρ = uᵀv and J(ρ) = √(1−ρ²) + ρ arcsin ρ: E[|uᵀx||vᵀx|] = (2/π) J(ρ),
 * E[ReLU(uᵀx)|vᵀx|] = J(ρ)/π (E[uᵀx |vᵀx|] = 0 by symmetry), E[ReLU(uᵀx) ReLU(vᵀx)] = ρ/4 + J(ρ)/(2π).
 *
 * <p>Cost: O((m + K)² (d + maxOrder)) time per {@link #terms} call, O((m + K) d) memory, no m × m buffer.
 * Each term is a difference of sums, so its accuracy is absolute, not relative: a term far below
 * 1e-16 · (m + K) · (Σ_i α_i + Σ_j |β_j|)² is rounding noise. Student neurons with w_i = 0 contribute nothing
 * and are skipped.
 */
public final class HermiteTerms {
    private final Activation activation;
    /** Unit directions, the student's (w̄_i) first, then the teacher's (w̄*_j). */
    private final double[][] dirs;
    /** Their signed weights: α_i for the student, −β_j for the teacher, so L is the norm of one sum. */
    private final double[] weights;
    /** How many of {@link #dirs} are the student's. */
    private final int studentCount;

    /**
     * From the student's W (m × d rows, tied outputs ‖w_i‖/m) and σ (ABS or RELU), the teacher's rows w*_j (K × d) and
     * a_j.
     */
    public HermiteTerms(double[][] student, Activation activation, double[][] teacher, double[] teacherWeights) {
        HermiteCoefficients.secondMoment(activation); // rejects IDENTITY
        if (student == null || student.length == 0)
            throw new IllegalArgumentException("student has no neurons: expected m >= 1");
        if (teacher == null || teacher.length == 0)
            throw new IllegalArgumentException("teacher has no neurons: expected K >= 1");
        int d = teacher[0] == null ? 0 : teacher[0].length;
        if (d == 0) throw new IllegalArgumentException("teacher rows have no columns: expected d >= 1");
        DoubleRows.checkRectangular("teacher", teacher, d);
        DoubleRows.checkRectangular("student", student, d);
        if (teacherWeights == null || teacherWeights.length != teacher.length) {
            throw new IllegalArgumentException((teacherWeights == null ? "no" : teacherWeights.length + "")
                    + " teacher output weights for K = " + teacher.length + " teacher neurons");
        }
        this.activation = activation;
        int m = student.length, k = teacher.length;
        double[][] u = new double[m + k][];
        double[] g = new double[m + k];
        int n = 0;
        for (double[] w : student) {
            double norm2 = dot(w, w);
            if (norm2 == 0) continue;
            u[n] = scaled(w, 1 / Math.sqrt(norm2));
            g[n++] = norm2 / m;
        }
        studentCount = n;
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(teacherWeights[j])) {
                throw new IllegalArgumentException(
                        "teacher weight a[" + j + "] = " + teacherWeights[j] + ": expected a finite value");
            }
            double norm2 = dot(teacher[j], teacher[j]);
            if (norm2 == 0) continue;
            double norm = Math.sqrt(norm2);
            u[n] = scaled(teacher[j], 1 / norm);
            g[n++] = -teacherWeights[j] * norm;
        }
        dirs = Arrays.copyOf(u, n);
        weights = Arrays.copyOf(g, n);
    }

    /** The terms of a tied student (its W and σ) against an abs teacher (its W* and a), read from the fp32 matrices. */
    public static HermiteTerms of(TwoLayerStudent student, AbsTeacher teacher) {
        if (student.output != OutputLayer.TIED) {
            throw new IllegalArgumentException(
                    "student output layer " + student.output.key() + ": expected tied (LMZ20)");
        }
        return new HermiteTerms(DoubleRows.of(student.w), student.activation,
                DoubleRows.of(teacher.weights()), DoubleRows.of(teacher.outputWeights())[0]);
    }

    /** term_0 … term_maxOrder of the expansion (index = order k); odd orders are 0 except order 1 for ReLU. */
    public double[] terms(int maxOrder) {
        double[] hs = HermiteCoefficients.normalized(activation, maxOrder);
        double[] ht = HermiteCoefficients.normalized(Activation.ABS, maxOrder);
        // Σ γ_p γ_q ρ_pq^k split by pair kind, so each order gets its own student and teacher coefficient.
        double[] ss = new double[maxOrder + 1], st = new double[maxOrder + 1], tt = new double[maxOrder + 1];
        int n = dirs.length;
        for (int p = 0; p < n; p++) {
            for (int q = p; q < n; q++) {
                double rho = p == q ? 1 : Math.clamp(dot(dirs[p], dirs[q]), -1.0, 1.0);
                double[] acc = q < studentCount ? ss : p < studentCount ? st : tt;
                double power = weights[p] * weights[q] * (p == q ? 1 : 2); // both (p, q) and (q, p)
                for (int k = 0; k <= maxOrder; k++) {
                    acc[k] += power;
                    power *= rho;
                }
            }
        }
        double[] terms = new double[maxOrder + 1];
        for (int k = 0; k <= maxOrder; k++) {
            terms[k] = hs[k] * hs[k] * ss[k] + hs[k] * ht[k] * st[k] + ht[k] * ht[k] * tt[k];
        }
        return terms;
    }

    /** Σ_{k ≤ maxOrder} term_k: the population loss truncated after order maxOrder. */
    public double populationLoss(int maxOrder) {
        double sum = 0;
        for (double t : terms(maxOrder)) sum += t;
        return sum;
    }

    /** E[(f_W − f*)²] in closed form, the whole series summed (see the class comment). */
    public double exactPopulationLoss() {
        boolean relu = activation == Activation.RELU;
        double sum = 0;
        int n = dirs.length;
        for (int p = 0; p < n; p++) {
            for (int q = p; q < n; q++) {
                double rho = p == q ? 1 : Math.clamp(dot(dirs[p], dirs[q]), -1.0, 1.0);
                double j = Math.sqrt(Math.max(0, 1 - rho * rho)) + rho * Math.asin(rho);
                int reluSides = relu ? (p < studentCount ? 1 : 0) + (q < studentCount ? 1 : 0) : 0;
                double kernel = switch (reluSides) {
                    case 0 -> 2 * j / Math.PI; // |·| with |·|
                    case 1 -> j / Math.PI; // ReLU with |·|
                    default -> rho / 4 + j / (2 * Math.PI); // ReLU with ReLU
                };
                sum += weights[p] * weights[q] * (p == q ? 1 : 2) * kernel;
            }
        }
        return sum;
    }

}
