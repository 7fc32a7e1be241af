package org.relulab.training.teacher;

import java.util.List;
import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
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
public final class SignedReluTeacher implements Teacher {
    private final int d, k;
    private final Matrix w, a;
    private final String description;

    public SignedReluTeacher(Workspace ws, int d, int neurons, double kappa, long seed) {
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1");
        if (neurons < 1 || neurons > d) {
            throw new IllegalArgumentException(
                    "teacher neurons m° = " + neurons + ": expected 1 to d = " + d + " (orthonormal directions)");
        }
        if (!(kappa >= 1)) throw new IllegalArgumentException("kappa = " + kappa + ": expected at least 1");
        this.d = d;
        this.k = neurons;
        double[][] q = Orthogonal.columns(d, neurons, seed);
        w = ws.matrix(neurons, d);
        a = ws.matrix(1, neurons);
        for (int j = 0; j < neurons; j++) {
            for (int i = 0; i < d; i++) w.set(j, i, (float) q[i][j]);
            double magnitude = neurons == 1 ? 1 : 1 + (kappa - 1) * j / (neurons - 1.0);
            a.set(0, j, (float) (j % 2 == 0 ? magnitude : -magnitude));
        }
        description = String.format(Locale.ROOT,
                "signed relu teacher (AS21): d=%d, m°=%d orthonormal unit neurons, a°_j = ±linspace(1, %s)",
                d, neurons, kappa);
    }

    @Override
    public int inputDim() { return d; }

    @Override
    public Matrix weights() { return w; }

    /** The signed output weights a°_j (1 × m°). */
    @Override
    public Matrix outputWeights() { return a; }

    @Override
    public void label(Kernels kernels, Matrix x, Matrix y, long noiseSeed) {
        TeacherLabels.oneHiddenLayer(kernels, x, w, Activation.RELU, a, 0f, y);
    }

    @Override
    public String describe() { return description; }

    /** AS21's identification of the teacher's neurons, for a ReLU student. */
    @Override
    public List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return student.activation == Activation.RELU ? List.of(new IdentificationMetric(student, this)) : List.of();
    }

}
