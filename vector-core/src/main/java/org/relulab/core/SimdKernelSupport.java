package org.relulab.core;

import static org.relulab.core.Matrix.F32;
import static org.relulab.core.Matrix.F64;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
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

    /** Doubles in a vector of the same width: one float vector converts into two of these. */
    static final VectorSpecies<Double> DSPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int DLANES = DSPECIES.length();
    static final long DVBYTES = (long) DLANES * Double.BYTES;
    // The same fixed-order lane sum for doubles (see ROT1).
    private static final VectorShuffle<Double> DROT1 = VectorShuffle.iota(DSPECIES, DLANES / 2, 1, true);
    private static final VectorShuffle<Double> DROT2 = VectorShuffle.iota(DSPECIES, Math.max(1, DLANES / 4), 1, true);
    private static final VectorShuffle<Double> DROT3 = VectorShuffle.iota(DSPECIES, Math.max(1, DLANES / 8), 1, true);

    // arcsin(s) = s + s³·P(s²) on |s| <= 1/2, P of degree 4: the coefficients of Cephes' asinf (S. Moshier),
    // relative error about 2.5e-7 there. Measured for arccos c over 4M evenly spaced floats in [-1, 1]
    // against Math.acos: at most 1.26 ulp (3.0e-7 absolute). It beat VectorOperators.ACOS (intrinsified
    // through SVML on this JDK: 0.65 ns/float at 512 bits) by 1.8x at 512 bits, 3.0x at 256 and 2.2x at
    // 128 (Zen 4), and gives the same bits on every CPU.
    private static final float ASIN_P4 = 4.2163199048e-2f, ASIN_P3 = 2.4181311049e-2f, ASIN_P2 = 4.5470025998e-2f,
            ASIN_P1 = 7.4953002686e-2f, ASIN_P0 = 1.6666752422e-1f;
    private static final float PI = (float) Math.PI, HALF_PI = (float) (Math.PI / 2);

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

    /**
     * The kernel in the one form {@link KernelFunction} documents, in float: c = g/(ab) (0 where ab = 0)
     * clamped to [−1, 1]; π − θ = arccos(−c) from the arcsine polynomial, by arccos(−c) = π/2 + arcsin c for
     * |c| ≤ 1/2, and for |c| &gt; 1/2 with s = √((1 − |c|)/2): π − 2·arcsin s (c &gt; 0) or 2·arcsin s (c &lt; 0),
     * accurate at both ends; sin θ = √((1 − c)(1 + c)). ab = √(scale·‖x‖² · scale·‖x′‖²), so a diagonal
     * entry whose norms are its own Gram value gets c = 1 exactly.
     */
    @Override
    public void kernelFromGram(KernelFunction f, int n, float scale, float rowSqNorm, MemorySegment g, long go,
            MemorySegment colSqNorms, long co, MemorySegment out, long oo) {
        float rs = scale * rowSqNorm;
        float sinW = f.sinWeight, angleDotW = f.angleDotWeight, angleW = f.angleWeight, dotW = f.dotWeight;
        FloatVector p2 = FloatVector.broadcast(SPECIES, ASIN_P2);
        FloatVector p1 = FloatVector.broadcast(SPECIES, ASIN_P1), p0 = FloatVector.broadcast(SPECIES, ASIN_P0);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector gs = FloatVector.fromMemorySegment(SPECIES, g, (go + i) * Float.BYTES, ORDER).mul(scale);
            FloatVector ab = FloatVector.fromMemorySegment(SPECIES, colSqNorms, (co + i) * Float.BYTES, ORDER)
                    .mul(scale).mul(rs).sqrt();
            FloatVector c = gs.div(ab).blend(0f, ab.compare(VectorOperators.EQ, 0f)).max(-1f).min(1f);
            FloatVector abs = c.abs();
            VectorMask<Float> big = abs.compare(VectorOperators.GT, 0.5f);
            FloatVector half = abs.neg().add(1f).mul(0.5f); // (1 − |c|)/2
            FloatVector z = c.mul(c).blend(half, big); // s² with s = c or √((1 − |c|)/2)
            FloatVector s = c.blend(half.sqrt(), big);
            FloatVector poly = z.fma(ASIN_P4, ASIN_P3).fma(z, p2).fma(z, p1).fma(z, p0);
            FloatVector asin = poly.mul(z).fma(s, s); // arcsin s
            FloatVector twice = asin.add(asin);
            FloatVector bigAngle = twice.blend(twice.neg().add(PI), c.compare(VectorOperators.GT, 0f));
            FloatVector angle = asin.add(HALF_PI).blend(bigAngle, big); // π − θ
            FloatVector sin = c.neg().add(1f).mul(c.add(1f)).sqrt();
            FloatVector v = gs.fma(angleDotW, angleW).mul(angle);
            v = ab.mul(sin).fma(FloatVector.broadcast(SPECIES, sinW), v);
            v = gs.fma(FloatVector.broadcast(SPECIES, dotW), v);
            v.intoMemorySegment(out, (oo + i) * Float.BYTES, ORDER);
        }
        for (; i < n; i++) { // the scalar twin's arithmetic: products with the scale in double, like the dot's
            double value = f.value((double) scale * g.getAtIndex(F32, go + i), (double) scale * rowSqNorm,
                    (double) scale * colSqNorms.getAtIndex(F32, co + i));
            out.setAtIndex(F32, oo + i, (float) value);
        }
    }

    /** Each float vector converts into two double vectors (parts 0 and 1): four accumulators per two float vectors. */
    @Override
    public double dotMixed(int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        int i = 0;
        double s = 0;
        int step = 2 * LANES;
        if (n >= step) {
            int bound = n - n % step;
            DoubleVector acc1 = DoubleVector.zero(DSPECIES); // one
            DoubleVector acc2 = DoubleVector.zero(DSPECIES); // two
            DoubleVector acc3 = DoubleVector.zero(DSPECIES); // three
            DoubleVector acc4 = DoubleVector.zero(DSPECIES); // four
            for (; i < bound; i += step) {
                long xb = (xo + i) * Float.BYTES, yb = (yo + i) * Double.BYTES;
                FloatVector f1 = FloatVector.fromMemorySegment(SPECIES, x, xb, ORDER);
                FloatVector f2 = FloatVector.fromMemorySegment(SPECIES, x, xb + VBYTES, ORDER);
                acc1 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, DSPECIES, 0))
                        .fma(DoubleVector.fromMemorySegment(DSPECIES, y, yb, ORDER), acc1);
                acc2 = ((DoubleVector) f1.convertShape(VectorOperators.F2D, DSPECIES, 1))
                        .fma(DoubleVector.fromMemorySegment(DSPECIES, y, yb + DVBYTES, ORDER), acc2);
                acc3 = ((DoubleVector) f2.convertShape(VectorOperators.F2D, DSPECIES, 0))
                        .fma(DoubleVector.fromMemorySegment(DSPECIES, y, yb + 2 * DVBYTES, ORDER), acc3);
                acc4 = ((DoubleVector) f2.convertShape(VectorOperators.F2D, DSPECIES, 1))
                        .fma(DoubleVector.fromMemorySegment(DSPECIES, y, yb + 3 * DVBYTES, ORDER), acc4);
            }
            DoubleVector v = acc1.add(acc2).add(acc3.add(acc4));
            if (DLANES == 2) { // C2 does not intrinsify a 2-lane double rearrange (x86, 128-bit): it would box
                s = v.lane(0) + v.lane(1);
            } else {
                v = v.add(v.rearrange(DROT1)); // fixed-order lane sum: see ROT1
                v = v.add(v.rearrange(DROT2));
                if (DLANES >= 8) v = v.add(v.rearrange(DROT3));
                s = v.lane(0);
            }
        }
        for (; i < n; i++) s = Math.fma(x.getAtIndex(F32, xo + i), y.getAtIndex(F64, yo + i), s);
        return s;
    }

    @Override
    public void axpyMixed(int n, double alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        DoubleVector a = DoubleVector.broadcast(DSPECIES, alpha);
        int i = 0;
        for (; i < bound; i += LANES) {
            long yb = (yo + i) * Double.BYTES;
            FloatVector f = FloatVector.fromMemorySegment(SPECIES, x, (xo + i) * Float.BYTES, ORDER);
            a.fma((DoubleVector) f.convertShape(VectorOperators.F2D, DSPECIES, 0),
                    DoubleVector.fromMemorySegment(DSPECIES, y, yb, ORDER)).intoMemorySegment(y, yb, ORDER);
            a.fma((DoubleVector) f.convertShape(VectorOperators.F2D, DSPECIES, 1),
                    DoubleVector.fromMemorySegment(DSPECIES, y, yb + DVBYTES, ORDER))
                    .intoMemorySegment(y, yb + DVBYTES, ORDER);
        }
        for (; i < n; i++) {
            y.setAtIndex(F64, yo + i, Math.fma(alpha, x.getAtIndex(F32, xo + i), y.getAtIndex(F64, yo + i)));
        }
    }

    @Override
    public GemmEngine gemm() {
        return gemm;
    }
}
