package org.relulab.training.teacher;

import java.util.List;
import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.metrics.RecoveryMetric;
import org.relulab.training.student.TwoLayerStudent;

/**
 * The teacher of ZYWG19: y = Σ_{j≤K} ReLU(w*_jᵀx) + ε, ε ~ N(0, ν²), output weights all 1. The d × K matrix
 * with columns w*_j is U·diag(linspace(1, κ, K))·Vᵀ with random orthonormal U (d × K) and V (K × K), so κ is
 * its condition number; stored here as K × d rows w*_j.
 */
public final class ReluTeacher extends OneHiddenLayerTeacher {
    public ReluTeacher(Workspace ws, int d, int neurons, double kappa, double noise, long seed) {
        super(weights(ws, checked(d, kappa), neurons, kappa, seed), ones(ws, neurons), Activation.RELU, noise,
                String.format(Locale.ROOT, "relu teacher (ZYWG19): d=%d, K=%d, κ=%s, noise ν=%s", d, neurons, kappa,
                        noise));
    }

    /** W* = V·diag(s)·Uᵀ with random orthonormal U (d × K), V (K × K) and s = linspace(1, κ, K) (K × d). */
    private static Matrix weights(Workspace ws, int d, int neurons, double kappa, long seed) {
        if (neurons < 1 || neurons > d) {
            throw new IllegalArgumentException("teacher neurons K = " + neurons + ": expected 1 to d = " + d);
        }
        double[][] u = Orthogonal.columns(d, neurons, seed), v = Orthogonal.columns(neurons, neurons, seed + 1);
        Matrix w = ws.matrix(neurons, d);
        for (int j = 0; j < neurons; j++) { // row j = Σ_l V[j][l] s_l U[:, l]
            for (int i = 0; i < d; i++) {
                double sum = 0;
                for (int l = 0; l < neurons; l++) {
                    double s = neurons == 1 ? 1 : 1 + (kappa - 1) * l / (neurons - 1.0);
                    sum += v[j][l] * s * u[i][l];
                }
                w.set(j, i, (float) sum);
            }
        }
        return w;
    }

    private static Matrix ones(Workspace ws, int neurons) {
        return ws.matrix(1, neurons).fill(1f);
    }

    /** None to save: the output weights are all 1, part of the teacher's definition rather than its parameters. */
    @Override
    public Matrix outputWeights() { return null; }

    /** ZYWG19's parameter recovery, for a student with at least K neurons. */
    @Override
    public List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return student.m >= weights().rows() ? List.of(new RecoveryMetric(student, this)) : List.of();
    }
}
