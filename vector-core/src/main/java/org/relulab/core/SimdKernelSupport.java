package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels on the JDK Vector API, at the platform's preferred vector width. Each loop runs whole
 * vectors up to {@code SPECIES.loopBound(n)} and finishes with the scalar twin's code (masked tails are
 * slow on AVX2). Only loaded once {@link Provider} has checked the Vector API is present.
 */
final class SimdKernelSupport implements KernelSupport {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Bytes in one vector. */
    static final long VBYTES = (long) LANES * Float.BYTES;
    // Lane rotations by L/2, L/4, L/8, L/16 for the fixed-order sum of a vector's lanes. reduceLanes(ADD)
    // leaves the order open: C2's intrinsic adds as a tree, the interpreter and C1 lane by lane, so a
    // result would depend on whether the caller was compiled yet. Rotate-and-add is exact lane moves and
    // IEEE adds in one fixed tree, the same in every execution mode.
    private static final VectorShuffle<Float> ROT1 = VectorShuffle.iota(SPECIES, LANES / 2, 1, true);
    private static final VectorShuffle<Float> ROT2 = VectorShuffle.iota(SPECIES, Math.max(1, LANES / 4), 1, true);
    private static final VectorShuffle<Float> ROT3 = VectorShuffle.iota(SPECIES, Math.max(1, LANES / 8), 1, true);
    private static final VectorShuffle<Float> ROT4 = VectorShuffle.iota(SPECIES, Math.max(1, LANES / 16), 1, true);

    private final GemmEngine gemm = new SimdGemm();

    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    static String describe() {
        return "FloatVector " + SPECIES.vectorBitSize() + "-bit, " + LANES + " lanes, GEMM tile "
                + SimdMicroKernel.MR + "x" + SimdMicroKernel.NR;
    }

    // No method here takes or returns a FloatVector: when C2 stops inlining in a large caller (a training
    // step), a vector crossing a call is boxed on the heap. Every vector lives inside one loop body.

    @Override
    public void axpy(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        FloatVector a = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i < bound; i += LANES) {
            long xb = (xo + i) * Float.BYTES, yb = (yo + i) * Float.BYTES;
            FloatVector vy = FloatVector.fromMemorySegment(SPECIES, y, yb, ORDER);
            a.fma(FloatVector.fromMemorySegment(SPECIES, x, xb, ORDER), vy).intoMemorySegment(y, yb, ORDER);
        }
        for (; i < n; i++) {
            y.setAtIndex(F32, yo + i, Math.fma(alpha, x.getAtIndex(F32, xo + i), y.getAtIndex(F32, yo + i)));
        }
    }

    @Override
    public void scale(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector.fromMemorySegment(SPECIES, x, (xo + i) * Float.BYTES, ORDER).mul(alpha)
                    .intoMemorySegment(y, (yo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) y.setAtIndex(F32, yo + i, alpha * x.getAtIndex(F32, xo + i));
    }

    @Override
    public void add(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector vx = FloatVector.fromMemorySegment(SPECIES, x, (xo + i) * Float.BYTES, ORDER);
            FloatVector vy = FloatVector.fromMemorySegment(SPECIES, y, (yo + i) * Float.BYTES, ORDER);
            vx.add(vy).intoMemorySegment(z, (zo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) z.setAtIndex(F32, zo + i, x.getAtIndex(F32, xo + i) + y.getAtIndex(F32, yo + i));
    }

    @Override
    public void multiply(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector vx = FloatVector.fromMemorySegment(SPECIES, x, (xo + i) * Float.BYTES, ORDER);
            FloatVector vy = FloatVector.fromMemorySegment(SPECIES, y, (yo + i) * Float.BYTES, ORDER);
            vx.mul(vy).intoMemorySegment(z, (zo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) z.setAtIndex(F32, zo + i, x.getAtIndex(F32, xo + i) * y.getAtIndex(F32, yo + i));
    }

    @Override
    public float dot(int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        int i = 0;
        float s = 0f;
        if (n >= 4 * LANES) {
            int bound = n - n % (4 * LANES);
            s = dotBody(x, xo, y, yo, bound);
            i = bound;
        }
        for (; i < n; i++) s = Math.fma(x.getAtIndex(F32, xo + i), y.getAtIndex(F32, yo + i), s);
        return s;
    }

    /** Σ x[i]·y[i] over [0, limit), limit a multiple of 4·LANES: four accumulators, one reduction. */
    private static float dotBody(MemorySegment x, long xo, MemorySegment y, long yo, int limit) {
        FloatVector acc1 = FloatVector.zero(SPECIES); // one
        FloatVector acc2 = FloatVector.zero(SPECIES); // two
        FloatVector acc3 = FloatVector.zero(SPECIES); // three
        FloatVector acc4 = FloatVector.zero(SPECIES); // four
        for (int i = 0; i < limit; i += 4 * LANES) {
            long xb = (xo + i) * Float.BYTES, yb = (yo + i) * Float.BYTES;
            acc1 = FloatVector.fromMemorySegment(SPECIES, x, xb, ORDER)
                    .fma(FloatVector.fromMemorySegment(SPECIES, y, yb, ORDER), acc1);
            acc2 = FloatVector.fromMemorySegment(SPECIES, x, xb + VBYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(SPECIES, y, yb + VBYTES, ORDER), acc2);
            acc3 = FloatVector.fromMemorySegment(SPECIES, x, xb + 2 * VBYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(SPECIES, y, yb + 2 * VBYTES, ORDER), acc3);
            acc4 = FloatVector.fromMemorySegment(SPECIES, x, xb + 3 * VBYTES, ORDER)
                    .fma(FloatVector.fromMemorySegment(SPECIES, y, yb + 3 * VBYTES, ORDER), acc4);
        }
        FloatVector v = acc1.add(acc2).add(acc3.add(acc4));
        v = v.add(v.rearrange(ROT1)); // fixed-order lane sum: see ROT1
        v = v.add(v.rearrange(ROT2));
        if (LANES >= 8) v = v.add(v.rearrange(ROT3));
        if (LANES >= 16) v = v.add(v.rearrange(ROT4));
        return v.lane(0);
    }

    @Override
    public float sum(int n, MemorySegment x, long xo) {
        int i = 0;
        float s = 0f;
        if (n >= 4 * LANES) {
            int bound = n - n % (4 * LANES);
            FloatVector acc1 = FloatVector.zero(SPECIES); // one
            FloatVector acc2 = FloatVector.zero(SPECIES); // two
            FloatVector acc3 = FloatVector.zero(SPECIES); // three
            FloatVector acc4 = FloatVector.zero(SPECIES); // four
            for (; i < bound; i += 4 * LANES) {
                long xb = (xo + i) * Float.BYTES;
                acc1 = acc1.add(FloatVector.fromMemorySegment(SPECIES, x, xb, ORDER));
                acc2 = acc2.add(FloatVector.fromMemorySegment(SPECIES, x, xb + VBYTES, ORDER));
                acc3 = acc3.add(FloatVector.fromMemorySegment(SPECIES, x, xb + 2 * VBYTES, ORDER));
                acc4 = acc4.add(FloatVector.fromMemorySegment(SPECIES, x, xb + 3 * VBYTES, ORDER));
            }
            FloatVector v = acc1.add(acc2).add(acc3.add(acc4));
            v = v.add(v.rearrange(ROT1)); // fixed-order lane sum: see ROT1
            v = v.add(v.rearrange(ROT2));
            if (LANES >= 8) v = v.add(v.rearrange(ROT3));
            if (LANES >= 16) v = v.add(v.rearrange(ROT4));
            s = v.lane(0);
        }
        for (; i < n; i++) s += x.getAtIndex(F32, xo + i);
        return s;
    }

    @Override
    public float sumOfSquares(int n, MemorySegment x, long xo) {
        int i = 0;
        float s = 0f;
        if (n >= 4 * LANES) {
            int bound = n - n % (4 * LANES);
            s = dotBody(x, xo, x, xo, bound);
            i = bound;
        }
        for (; i < n; i++) {
            float v = x.getAtIndex(F32, xo + i);
            s = Math.fma(v, v, s);
        }
        return s;
    }

    @Override
    public void activate(Activation act, int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromMemorySegment(SPECIES, x, (xo + i) * Float.BYTES, ORDER);
            v = switch (act) {
                case IDENTITY -> v;
                case RELU -> v.max(0f);
                case ABS -> v.abs();
            };
            v.intoMemorySegment(y, (yo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) y.setAtIndex(F32, yo + i, act.apply(x.getAtIndex(F32, xo + i)));
    }

    /**
     * out = g · σ'(z) with σ' as {@link Activation#derivative}: RELU's mask is 1 where z &gt; 0, NaN where z
     * is NaN, else 0; ABS's sign is ±1, ±0 kept, NaN kept.
     */
    @Override
    public void activateBackward(Activation act, int n, MemorySegment g, long go, MemorySegment z, long zo,
                                 MemorySegment out, long oo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            FloatVector vg = FloatVector.fromMemorySegment(SPECIES, g, (go + i) * Float.BYTES, ORDER);
            FloatVector vz = FloatVector.fromMemorySegment(SPECIES, z, (zo + i) * Float.BYTES, ORDER);
            FloatVector d = switch (act) {
                case IDENTITY -> vg;
                case RELU -> vg.mul(zero.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(vz, vz.test(VectorOperators.IS_NAN)));
                case ABS -> vg.mul(vz.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(-1f, vz.compare(VectorOperators.LT, 0f)));
            };
            d.intoMemorySegment(out, (oo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) {
            out.setAtIndex(F32, oo + i, g.getAtIndex(F32, go + i) * act.derivative(z.getAtIndex(F32, zo + i)));
        }
    }

    @Override
    public void activateBackwardScaled(Activation act, int n, float s, MemorySegment c, long co, MemorySegment z,
                                       long zo, MemorySegment out, long oo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            FloatVector g = FloatVector.fromMemorySegment(SPECIES, c, (co + i) * Float.BYTES, ORDER).mul(s);
            FloatVector vz = FloatVector.fromMemorySegment(SPECIES, z, (zo + i) * Float.BYTES, ORDER);
            FloatVector d = switch (act) { // the same derivative as activateBackward
                case IDENTITY -> g;
                case RELU -> g.mul(zero.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(vz, vz.test(VectorOperators.IS_NAN)));
                case ABS -> g.mul(vz.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(-1f, vz.compare(VectorOperators.LT, 0f)));
            };
            d.intoMemorySegment(out, (oo + i) * Float.BYTES, ORDER);
        }
        if (i < n) { // one masked step for the tail: narrow rows (ZYWG19's K ≤ 10 neurons) are all tail
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            FloatVector g = FloatVector.fromMemorySegment(SPECIES, c, (co + i) * Float.BYTES, ORDER, m).mul(s);
            FloatVector vz = FloatVector.fromMemorySegment(SPECIES, z, (zo + i) * Float.BYTES, ORDER, m);
            FloatVector d = switch (act) {
                case IDENTITY -> g;
                case RELU -> g.mul(zero.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(vz, vz.test(VectorOperators.IS_NAN)));
                case ABS -> g.mul(vz.blend(1f, vz.compare(VectorOperators.GT, 0f))
                        .blend(-1f, vz.compare(VectorOperators.LT, 0f)));
            };
            d.intoMemorySegment(out, (oo + i) * Float.BYTES, ORDER, m);
        }
    }

    @Override
    public GemmEngine gemm() {
        return gemm;
    }
}
