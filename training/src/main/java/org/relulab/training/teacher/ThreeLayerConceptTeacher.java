package org.relulab.training.teacher;

import java.util.Locale;
import java.util.SplittableRandom;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * ALL19's three-layer concept class: f*(x) = Σ_{i≤p} a*_i Φ_i(Σ_{j≤p} v*_{1,i,j} φ_{1,j}(⟨w*_{1,j}, x⟩)) ·
 * (Σ_{j≤p} v*_{2,i,j} φ_{2,j}(⟨w*_{2,j}, x⟩)) with smooth Φ_i, φ_{1,j}, φ_{2,j} (p inner terms as outer ones).
 * The seeded random instance ({@link #random}) draws the w* rows uniformly from the unit sphere of ℝ^d, the
 * rows v*_{1,i}, v*_{2,i} uniformly from the unit sphere of ℝ^p, a*_i uniformly in [−1, 1] and every function
 * uniformly from {@link SmoothFunction}. Noiseless labels.
 */
public final class ThreeLayerConceptTeacher extends PointwiseTeacher {
    /** One sum Σ_j v_{i,j} φ_j(⟨w_j, x⟩) for each i: v (p × p), w (p × d), phi (p). */
    public record InnerSums(double[][] v, double[][] w, SmoothFunction[] phi) {
        double[] at(double[] x) {
            double[] features = new double[w.length], sums = new double[v.length];
            for (int j = 0; j < w.length; j++) features[j] = phi[j].apply(dot(w[j], x));
            for (int i = 0; i < v.length; i++) sums[i] = dot(v[i], features);
            return sums;
        }
    }

    private final int p;
    private final double[] a;
    private final SmoothFunction[] outer;
    private final InnerSums first, second;

    /**
     * The instance a (p), Φ = {@code outer} (p) and the two inner sums, kept, not copied; {@code ws} owns {@link
     * #weights()}.
     */
    public ThreeLayerConceptTeacher(Workspace ws, double[] a, SmoothFunction[] outer, InnerSums first,
            InnerSums second) {
        int p = a.length, d = first.w().length == 0 ? 0 : first.w()[0].length;
        if (p < 1) throw new IllegalArgumentException("p = " + p + ": expected at least 1 term");
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1 input");
        if (outer.length != p)
            throw new IllegalArgumentException("outer has " + outer.length + " functions: expected p = " + p);
        for (InnerSums s : new InnerSums[] {first, second}) {
            checkShape("v", s.v(), p, p);
            checkShape("w", s.w(), p, d);
            if (s.phi().length != p)
                throw new IllegalArgumentException("phi has " + s.phi().length + " functions: expected p = " + p);
        }
        super(d, toMatrix(ws, first.w(), d));
        this.p = p;
        this.a = a;
        this.outer = outer;
        this.first = first;
        this.second = second;
    }

    /** A random instance with p terms on ℝ^d, drawn from {@code seed}; {@link #weights()} are the w*_{1,j}. */
    public static ThreeLayerConceptTeacher random(Workspace ws, int d, int p, long seed) {
        if (d < 1 || p < 1)
            throw new IllegalArgumentException("d = " + d + ", p = " + p + ": expected both at least 1");
        SplittableRandom rnd = new SplittableRandom(seed);
        InnerSums first = new InnerSums(unitRows(rnd, p, p), unitRows(rnd, p, d), smoothFunctions(rnd, p));
        InnerSums second = new InnerSums(unitRows(rnd, p, p), unitRows(rnd, p, d), smoothFunctions(rnd, p));
        double[] a = uniformSigned(rnd, p);
        return new ThreeLayerConceptTeacher(ws, a, smoothFunctions(rnd, p), first, second);
    }

    @Override
    public double value(double[] x) {
        double[] s1 = first.at(x), s2 = second.at(x);
        double f = 0;
        for (int i = 0; i < p; i++) f += a[i] * outer[i].apply(s1[i]) * s2[i];
        return f;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "ALL19 three-layer concept sum_i a_i Phi_i(sum_j v1_ij phi1_j(<w1_j,x>)) "
                + "(sum_j v2_ij phi2_j(<w2_j,x>)), d=%d, p=%d, Phi=%s, phi1=%s, phi2=%s",
                inputDim(), p, formulas(outer), formulas(first.phi()), formulas(second.phi()));
    }
}
