package org.relulab.training.teacher;

import java.util.List;
import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.linalg.Orthogonal;
import org.relulab.training.metrics.IdentificationMetric;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.student.TwoLayerStudent;

/**
 * The teacher of AS21: f°(x) = Σ_{j≤m°} a°_j ReLU(w°_jᵀx), a few neurons with signed output weights and noiseless
 * labels. The directions w°_j are random orthonormal (unit norm, 90° apart: well separated); the output weights
 * alternate in sign, a°_j = (−1)^j·s_j with magnitudes s_j = linspace(1, κ, m°) (κ = 1: all ±1). Neuron j's
 * mass in the measure view μ° = Σ_j a°_j‖w°_j‖ δ_{w°_j/‖w°_j‖} is therefore a°_j.
 */
public final class SignedReluTeacher extends OneHiddenLayerTeacher {
    public SignedReluTeacher(Workspace ws, int d, int neurons, double kappa, long seed) {
        super(directions(ws, checked(d, kappa), neurons, seed), signs(ws, neurons, kappa), Activation.RELU,
                String.format(Locale.ROOT,
                        "signed relu teacher (AS21): d=%d, m°=%d orthonormal unit neurons, a°_j = ±linspace(1, %s)",
                        d, neurons, kappa));
    }

    /** w°_j: m° random orthonormal rows (m° × d). */
    private static Matrix directions(Workspace ws, int d, int neurons, long seed) {
        if (neurons < 1 || neurons > d) {
            throw new IllegalArgumentException(
                    "teacher neurons m° = " + neurons + ": expected 1 to d = " + d + " (orthonormal directions)");
        }
        double[][] q = Orthogonal.columns(d, neurons, seed);
        Matrix w = ws.matrix(neurons, d);
        for (int j = 0; j < neurons; j++) {
            for (int i = 0; i < d; i++) w.set(j, i, (float) q[i][j]);
        }
        return w;
    }

    /** a°_j = (−1)^j·s_j, s_j = linspace(1, κ, m°) (1 × m°). */
    private static Matrix signs(Workspace ws, int neurons, double kappa) {
        Matrix a = ws.matrix(1, neurons);
        for (int j = 0; j < neurons; j++) {
            double magnitude = neurons == 1 ? 1 : 1 + (kappa - 1) * j / (neurons - 1.0);
            a.set(0, j, (float) (j % 2 == 0 ? magnitude : -magnitude));
        }
        return a;
    }

    /** AS21's identification of the teacher's neurons, for a ReLU student. */
    @Override
    public List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return student.activation == Activation.RELU ? List.of(new IdentificationMetric(student, this)) : List.of();
    }

}
