package org.relulab.training.teacher;

import java.util.Locale;
import java.util.SplittableRandom;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * ALL19's two-layer concept class: f*(x) = Σ_{i≤p} a*_i φ_i(⟨w*_{1,i}, x⟩)·⟨w*_{2,i}, x⟩ with smooth φ_i. The
 * seeded random instance ({@link #random}) draws w*_{1,i}, w*_{2,i} uniformly from the unit sphere, a*_i
 * uniformly in [−1, 1] and each φ_i uniformly from {@link SmoothFunction}. Noiseless labels.
 */
public final class TwoLayerConceptTeacher extends PointwiseTeacher {
    private final int p;
    private final double[] a;
    private final double[][] w1, w2;
    private final SmoothFunction[] phi;

    /**
     * The instance with these parameters: a (p), w1 and w2 (p × d), phi (p), kept, not copied; {@code ws} owns {@link
     * #weights()}.
     */
    public TwoLayerConceptTeacher(Workspace ws, double[] a, double[][] w1, double[][] w2, SmoothFunction[] phi) {
        int p = a.length, d = w1.length == 0 ? 0 : w1[0].length;
        if (p < 1) throw new IllegalArgumentException("p = " + p + ": expected at least 1 term");
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1 input");
        checkShape("w1", w1, p, d);
        checkShape("w2", w2, p, d);
        if (phi.length != p)
            throw new IllegalArgumentException("phi has " + phi.length + " functions: expected p = " + p);
        super(d, toMatrix(ws, w1, d));
        this.p = p;
        this.a = a;
        this.w1 = w1;
        this.w2 = w2;
        this.phi = phi;
    }

    /** A random instance with p terms on ℝ^d, drawn from {@code seed}; {@link #weights()} are the w*_{1,i}. */
    public static TwoLayerConceptTeacher random(Workspace ws, int d, int p, long seed) {
        if (d < 1 || p < 1)
            throw new IllegalArgumentException("d = " + d + ", p = " + p + ": expected both at least 1");
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] w1 = unitRows(rnd, p, d), w2 = unitRows(rnd, p, d);
        double[] a = uniformSigned(rnd, p);
        return new TwoLayerConceptTeacher(ws, a, w1, w2, smoothFunctions(rnd, p));
    }

    @Override
    public double value(double[] x) {
        double f = 0;
        for (int i = 0; i < p; i++) f += a[i] * phi[i].apply(dot(w1[i], x)) * dot(w2[i], x);
        return f;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "ALL19 two-layer concept sum_i a_i phi_i(<w1_i,x>)<w2_i,x>, d=%d, p=%d, phi=%s",
                inputDim(), p, formulas(phi));
    }
}
