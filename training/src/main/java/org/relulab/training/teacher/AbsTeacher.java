package org.relulab.training.teacher;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.relulab.core.Activation;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.metrics.HermiteMetric;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;

/**
 * The teacher of LMZ20: f*(x) = Σ_{i≤d} a_i |w*_iᵀx| with orthonormal w*_i (the identity, or a random
 * orthogonal matrix) and noiseless labels. The a_i are 1/d each ("uniform"), or drawn uniformly in
 * [1/(κd), κ/d] and normalized to sum 1 ("random"), as the paper's a_i ∈ [1/(κd), κ/d], Σ a_i = 1.
 */
public final class AbsTeacher extends OneHiddenLayerTeacher {
    /**
     * @param ws owner of the teacher's weights
     * @param orthogonalBasis a random orthogonal W* instead of the identity
     * @param kappa 1 for uniform a_i = 1/d, else the spread of the random a_i (≥ 1)
     */
    public AbsTeacher(Workspace ws, int d, boolean orthogonalBasis, double kappa, long seed) {
        super(basis(ws, checked(d, kappa), orthogonalBasis, seed), outputs(ws, d, kappa, seed), Activation.ABS,
                String.format(Locale.ROOT, "abs teacher (LMZ20): d=%d, W*=%s, a_i=%s", d,
                        orthogonalBasis ? "random orthogonal" : "identity",
                        kappa == 1 ? "1/d" : "random in [1/(κd), κ/d], κ=" + kappa));
    }

    /** W*: the identity, or a random orthogonal matrix (d × d). */
    private static Matrix basis(Workspace ws, int d, boolean orthogonalBasis, long seed) {
        Matrix w = ws.matrix(d, d);
        double[][] q = orthogonalBasis ? Orthogonal.columns(d, d, seed) : null;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) w.set(i, j, q == null ? (i == j ? 1f : 0f) : (float) q[j][i]);
        }
        return w;
    }

    /** a (1 × d): 1/d each for κ = 1, else uniform in [1/(κd), κ/d] and normalized to sum 1. */
    private static Matrix outputs(Workspace ws, int d, double kappa, long seed) {
        Matrix a = ws.matrix(1, d);
        double[] ai = new double[d];
        double sum = 0;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < d; i++) {
            ai[i] = kappa == 1 ? 1.0 / d : (1 / kappa + rnd.nextDouble() * (kappa - 1 / kappa)) / d;
            sum += ai[i];
        }
        for (int i = 0; i < d; i++) a.set(0, i, (float) (ai[i] / sum));
        return a;
    }

    /** LMZ20's Hermite terms, for the norm-tied student whose loss they decompose. */
    @Override
    public List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return student.output == OutputLayer.TIED ? List.of(new HermiteMetric(student, this)) : List.of();
    }

}
