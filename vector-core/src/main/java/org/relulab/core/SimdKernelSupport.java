package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

    private final GemmEngine gemm = new SimdGemm();

    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    static String describe() {
        return "FloatVector " + SPECIES.vectorBitSize() + "-bit, " + LANES + " lanes";
    }

    private static FloatVector load(MemorySegment s, long elem) {
        return FloatVector.fromMemorySegment(SPECIES, s, elem * Float.BYTES, ORDER);
    }

    private static void store(FloatVector v, MemorySegment s, long elem) {
        v.intoMemorySegment(s, elem * Float.BYTES, ORDER);
    }

    @Override
    public void axpy(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        FloatVector a = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (; i < bound; i += LANES) store(a.fma(load(x, xo + i), load(y, yo + i)), y, yo + i);
        for (; i < n; i++) {
            y.setAtIndex(F32, yo + i, Math.fma(alpha, x.getAtIndex(F32, xo + i), y.getAtIndex(F32, yo + i)));
        }
    }

    @Override
    public void scale(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) store(load(x, xo + i).mul(alpha), y, yo + i);
        for (; i < n; i++) y.setAtIndex(F32, yo + i, alpha * x.getAtIndex(F32, xo + i));
    }

    @Override
    public void add(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) store(load(x, xo + i).add(load(y, yo + i)), z, zo + i);
        for (; i < n; i++) z.setAtIndex(F32, zo + i, x.getAtIndex(F32, xo + i) + y.getAtIndex(F32, yo + i));
    }

    @Override
    public void multiply(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) store(load(x, xo + i).mul(load(y, yo + i)), z, zo + i);
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

    private static float dotBody(MemorySegment x, long xo, MemorySegment y, long yo, int limit) {
        FloatVector acc1 = FloatVector.zero(SPECIES); // one
        FloatVector acc2 = FloatVector.zero(SPECIES); // two
        FloatVector acc3 = FloatVector.zero(SPECIES); // three
        FloatVector acc4 = FloatVector.zero(SPECIES); // four
        for (int i = 0; i < limit; i += 4 * LANES) {
            acc1 = load(x, xo + i).fma(load(y, yo + i), acc1);
            acc2 = load(x, xo + i + LANES).fma(load(y, yo + i + LANES), acc2);
            acc3 = load(x, xo + i + 2 * LANES).fma(load(y, yo + i + 2 * LANES), acc3);
            acc4 = load(x, xo + i + 3 * LANES).fma(load(y, yo + i + 3 * LANES), acc4);
        }
        return acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
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
                acc1 = acc1.add(load(x, xo + i));
                acc2 = acc2.add(load(x, xo + i + LANES));
                acc3 = acc3.add(load(x, xo + i + 2 * LANES));
                acc4 = acc4.add(load(x, xo + i + 3 * LANES));
            }
            s = acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
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
        switch (act) {
            case IDENTITY -> { for (; i < bound; i += LANES) store(load(x, xo + i), y, yo + i); }
            case RELU -> { for (; i < bound; i += LANES) store(load(x, xo + i).max(0f), y, yo + i); }
            case ABS -> { for (; i < bound; i += LANES) store(load(x, xo + i).abs(), y, yo + i); }
        }
        for (; i < n; i++) y.setAtIndex(F32, yo + i, act.apply(x.getAtIndex(F32, xo + i)));
    }

    @Override
    public void activateBackward(Activation act, int n, MemorySegment g, long go, MemorySegment z, long zo,
                                 MemorySegment out, long oo) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        switch (act) {
            case IDENTITY -> { for (; i < bound; i += LANES) store(load(g, go + i), out, oo + i); }
            case RELU -> {
                for (; i < bound; i += LANES) store(load(g, go + i).mul(reluMask(load(z, zo + i))), out, oo + i);
            }
            case ABS -> {
                for (; i < bound; i += LANES) store(load(g, go + i).mul(sign(load(z, zo + i))), out, oo + i);
            }
        }
        for (; i < n; i++) {
            out.setAtIndex(F32, oo + i, g.getAtIndex(F32, go + i) * act.derivative(z.getAtIndex(F32, zo + i)));
        }
    }

    /** 1 where z > 0, NaN where z is NaN, else 0 (as {@link Activation#derivative}). */
    static FloatVector reluMask(FloatVector z) {
        VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
        VectorMask<Float> nan = z.test(VectorOperators.IS_NAN);
        return FloatVector.zero(SPECIES).blend(1f, positive).blend(z, nan);
    }

    /** signum(z): ±1, ±0 kept, NaN kept. */
    static FloatVector sign(FloatVector z) {
        return z.blend(1f, z.compare(VectorOperators.GT, 0f)).blend(-1f, z.compare(VectorOperators.LT, 0f));
    }

    @Override
    public GemmEngine gemm() {
        return gemm;
    }
}
