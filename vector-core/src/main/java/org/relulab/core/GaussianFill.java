package org.relulab.core;

import static org.relulab.core.Matrix.F32;

/**
 * Seeded N(mean, std²) samples, counter-based: logical element e (row-major index) is a pure function of
 * (seed, e), so the output is the same for any thread count, any provider and any sub-view layout.
 * Pair q = e / 2 draws two 53-bit uniforms from SplitMix64 of (seed, q) and turns them into two
 * normals by Box–Muller in double; even e takes the cosine branch, odd e the sine branch.
 */
final class GaussianFill {
    /** The algorithm's name, for run manifests. */
    static final String ALGORITHM = "SplitMix64 counter + Box-Muller (double), per element pair";
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private GaussianFill() {}

    static void fill(Matrix x, long seed, float mean, float std) {
        long key = mix(seed);
        for (int i = 0; i < x.rows; i++) {
            for (int j = 0; j < x.cols; j++) {
                long e = (long) i * x.cols + j;
                x.segment.setAtIndex(F32, x.index(i, j), (float) (mean + std * normal(key, e)));
            }
        }
    }

    /** The standard normal of element {@code e} under {@code key = mix(seed)}. */
    static double normal(long key, long e) {
        long q = e >>> 1;
        long s = key ^ mix(q * GOLDEN + GOLDEN);
        double u1 = ((mix(s) >>> 11) + 1) * 0x1.0p-53; // (0, 1]: log is finite
        double u2 = (mix(s + GOLDEN) >>> 11) * 0x1.0p-53;
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double angle = 2.0 * Math.PI * u2;
        return (e & 1) == 0 ? radius * Math.cos(angle) : radius * Math.sin(angle);
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
