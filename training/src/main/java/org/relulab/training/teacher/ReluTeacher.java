package org.relulab.training.teacher;

import java.util.List;
import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
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
public final class ReluTeacher implements Teacher {
    private final int d, k;
    private final double noise;
    private final Matrix w, ones;
    private final String description;

    public ReluTeacher(Workspace ws, int d, int neurons, double kappa, double noise, long seed) {
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1");
        if (neurons < 1 || neurons > d) {
            throw new IllegalArgumentException("teacher neurons K = " + neurons + ": expected 1 to d = " + d);
        }
        if (!(kappa >= 1)) throw new IllegalArgumentException("kappa = " + kappa + ": expected at least 1");
        if (!(noise >= 0)) throw new IllegalArgumentException("noise = " + noise + ": expected at least 0");
        this.d = d;
        this.k = neurons;
        this.noise = noise;
        double[][] u = Orthogonal.columns(d, neurons, seed), v = Orthogonal.columns(neurons, neurons, seed + 1);
        w = ws.matrix(neurons, d);
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
        ones = ws.matrix(1, neurons).fill(1f);
        description = String.format(Locale.ROOT, "relu teacher (ZYWG19): d=%d, K=%d, κ=%s, noise ν=%s", d, neurons,
                kappa, noise);
    }

    @Override
    public int inputDim() { return d; }

    @Override
    public Matrix weights() { return w; }

    public double noise() { return noise; }

    @Override
    public void label(Kernels kernels, Matrix x, Matrix y, long noiseSeed) {
        if (noise > 0) kernels.gaussianFill(y, noiseSeed, 0f, (float) noise);
        TeacherLabels.oneHiddenLayer(kernels, x, w, Activation.RELU, ones, noise > 0 ? 1f : 0f, y);
    }

    @Override
    public String describe() { return description; }

    /** ZYWG19's parameter recovery, for a student with at least K neurons. */
    @Override
    public List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return student.m >= w.rows() ? List.of(new RecoveryMetric(student, this)) : List.of();
    }
}
