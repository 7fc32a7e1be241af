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
 * The teacher of AS21: f°(x) = Σ_{j≤m°} a°_j ReLU(w°_jᵀx) + ν·ξ, a few neurons with signed output weights. The
 * directions w°_j are unit vectors with one pairwise cosine ρ ({@link EquiangularDirections} over random orthonormal
 * vectors; ρ = 0, the default: orthonormal, 90° apart, well separated); the output weights alternate in sign,
 * a°_j = (−1)^j·s_j with magnitudes s_j = linspace(1, κ, m°) (κ = 1: all ±1). Neuron j's mass in the measure view
 * μ° = Σ_j a°_j‖w°_j‖ δ_{w°_j/‖w°_j‖} is therefore a°_j. The labels carry Gaussian noise ξ ~ N(0, 1) of standard
 * deviation ν (0 by default: noiseless).
 */
public final class SignedReluTeacher extends OneHiddenLayerTeacher {
    /** The noiseless teacher with orthonormal directions. */
    public SignedReluTeacher(Workspace ws, int d, int neurons, double kappa, long seed) {
        this(ws, d, neurons, kappa, 0, 0, seed);
    }

    /** The teacher with pairwise cosine {@code cosine} (ρ) between its directions and label noise {@code noise} (ν). */
    public SignedReluTeacher(Workspace ws, int d, int neurons, double kappa, double cosine, double noise, long seed) {
        super(directions(ws, checked(d, kappa), neurons, cosine, seed), signs(ws, neurons, kappa), Activation.RELU,
                noise, describe(d, neurons, kappa, cosine, noise));
    }

    /** The line that names it; the orthonormal noiseless teacher's is the one its earlier runs recorded. */
    private static String describe(int d, int neurons, double kappa, double cosine, double noise) {
        String magnitudes = String.format(Locale.ROOT, "a°_j = ±linspace(1, %s)", kappa);
        return cosine == 0 && noise == 0
                ? String.format(Locale.ROOT, "signed relu teacher (AS21): d=%d, m°=%d orthonormal unit neurons, %s", d,
                        neurons, magnitudes)
                : String.format(Locale.ROOT, "signed relu teacher (AS21): d=%d, m°=%d unit neurons with pairwise "
                        + "cosine ρ=%s, %s, noise ν=%s", d, neurons, cosine, magnitudes, noise);
    }

    /** w°_j: m° random unit rows with pairwise cosine ρ (m° × d), orthonormal at ρ = 0. */
    private static Matrix directions(Workspace ws, int d, int neurons, double cosine, long seed) {
        if (neurons < 1 || neurons > d) {
            throw new IllegalArgumentException(
                    "teacher neurons m° = " + neurons + ": expected 1 to d = " + d + " (orthonormal directions)");
        }
        double[][] rows = new EquiangularDirections(neurons, cosine).from(Orthogonal.columns(d, neurons, seed));
        Matrix w = ws.matrix(neurons, d);
        for (int j = 0; j < neurons; j++) {
            for (int i = 0; i < d; i++) w.set(j, i, (float) rows[j][i]);
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
