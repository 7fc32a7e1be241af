package org.relulab.training.student;

import java.util.Arrays;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;

/**
 * Initializations of a {@link TwoLayerStudent}. Random: w_i ~ N(0, s²I/d) and, when the output is trainable,
 * a_i ~ N(0, 1); {@link #SYMMETRIC} makes neurons 2i and 2i+1 equal with opposite a, so f = 0 at the start.
 * {@link #TENSOR}: ZYWG19's estimate from the training data ({@link TensorInitialization}).
 */
public enum Initialization {
    GAUSSIAN, SYMMETRIC, TENSOR;

    /** Fills the student's parameters: from the training data (x, y) for {@link #TENSOR}, else as below. */
    public void apply(Kernels k, TwoLayerStudent s, double scale, long seed, Matrix x, Matrix y) {
        if (this == TENSOR) TensorInitialization.apply(s, x, y, seed);
        else apply(k, s, scale, seed);
    }

    /** Fills the student's parameters from {@code seed}; {@code scale} is s. Random initializations only. */
    public void apply(Kernels k, TwoLayerStudent s, double scale, long seed) {
        if (this == TENSOR)
            throw new IllegalArgumentException("tensor init estimates W from the training data: use apply(..., x, y)");
        if (!(scale > 0)) throw new IllegalArgumentException("init scale = " + scale + ": expected a positive number");
        k.gaussianFill(s.w, seed, 0f, (float) (scale / Math.sqrt(s.d)));
        if (s.output.trainable()) k.gaussianFill(s.a, seed + 1, 0f, 1f);
        if (this == SYMMETRIC) {
            if (!s.output.trainable() || s.m % 2 != 0) {
                throw new IllegalArgumentException(
                        "symmetric init needs a trainable output layer (mean or sqrt) and an "
                                + "even m; got output " + s.output.key() + ", m = " + s.m);
            }
            for (int i = 0; i + 1 < s.m; i += 2) {
                for (int j = 0; j < s.d; j++) s.w.set(i + 1, j, s.w.get(i, j));
                s.a.set(0, i + 1, -s.a.get(0, i));
            }
        }
    }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Initialization of(String key) {
        for (Initialization i : values()) if (i.key().equals(key)) return i;
        throw new IllegalArgumentException("init '" + key + "': expected one of "
                + Arrays.stream(values()).map(Initialization::key).toList());
    }
}
