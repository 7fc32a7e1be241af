package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous micro-panel order the micro-kernel streams
 * through, zero-padding partial panels. Packing absorbs the transposes: the strides say where elements
 * are, and each loop walks the source along its contiguous direction.
 *
 * <p>Full groups of 8 go through 8-lane vectors: a plain copy where the packed direction is contiguous
 * in the source, an in-register 8 × 8 transpose (three rounds of two-vector shuffles) where it is not.
 * On Zen 4 that packs a row-major A at 0.2 ns per float against 0.9 element by element, which matters
 * when n is small and every element of A is packed for only a few columns of C (see GEMM-NOTES.md).
 * Where vectors are narrower than 256 bits an 8-lane species would be emulated, so packing stays scalar.
 */
final class GemmPacking {
    /** 8 floats: one packed A column (MR = 8) and the transpose block. */
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final boolean VECTOR_PACKING = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            && SimdMicroKernel.MR == 8;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** The preferred species, for plain copies: full-width loads and stores only. */
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
    /** On 16 lanes: the low and the high 8, to split one load across two packed A panels. */
    private static final VectorMask<Float> LOW8 = VectorMask.fromLong(SP, 0xFFL);
    private static final VectorMask<Float> HIGH8 = VectorMask.fromLong(SP, 0xFF00L);
    // Round 1 interleaves lanes of two rows, round 2 pairs of lanes, round 3 quadruples: after three
    // rounds vector j holds column j of the 8 rows. Indexes 8..15 pick from the second vector.
    private static final VectorShuffle<Float> LO1 = VectorShuffle.fromValues(S8, 0, 8, 1, 9, 2, 10, 3, 11);
    private static final VectorShuffle<Float> HI1 = VectorShuffle.fromValues(S8, 4, 12, 5, 13, 6, 14, 7, 15);
    private static final VectorShuffle<Float> LO2 = VectorShuffle.fromValues(S8, 0, 1, 8, 9, 2, 3, 10, 11);
    private static final VectorShuffle<Float> HI2 = VectorShuffle.fromValues(S8, 4, 5, 12, 13, 6, 7, 14, 15);
    private static final VectorShuffle<Float> LO4 = VectorShuffle.fromValues(S8, 0, 1, 2, 3, 8, 9, 10, 11);
    private static final VectorShuffle<Float> HI4 = VectorShuffle.fromValues(S8, 4, 5, 6, 7, 12, 13, 14, 15);

    private GemmPacking() {}

    /**
     * Packs rows [i0, i0+mc) × cols [p0, p0+kc) of op(A) (element (i, p) at {@code off + i·rs + p·cs}) into
     * {@code dst}: panel q of MR rows at {@code q·MR·kc}, element (r, p) of it at {@code + p·MR + r}.
     */
    static void packA(MemorySegment a, long off, int rs, int cs, int i0, int mc, int p0, int kc, int mr, float[] dst) {
        int q0 = 0;
        if (VECTOR_PACKING && rs == 1 && cs != 1) { // columns contiguous along i: for each p, the whole column
            int full = mc / 8;                      // segment in order, 8 floats to each full panel
            long first = off + i0 + (long) p0 * cs;
            for (int p = 0; p < kc; p++) {
                long src = first + (long) p * cs;
                int q = 0;
                if (L == 16) { // one 16-lane load feeds two panels: lanes 0-7 to panel q, 8-15 to panel q + 1
                    for (; q + 2 <= full; q += 2) {
                        FloatVector v = FloatVector.fromMemorySegment(SP, a, (src + q * 8L) * Float.BYTES, ORDER);
                        v.intoArray(dst, q * 8 * kc + p * 8, LOW8);
                        v.intoArray(dst, (q + 1) * 8 * kc + p * 8 - 8, HIGH8);
                    }
                } else if (L == 8) {
                    for (; q < full; q++) {
                        FloatVector.fromMemorySegment(SP, a, (src + q * 8L) * Float.BYTES, ORDER).intoArray(dst,
                                q * 8 * kc + p * 8);
                    }
                }
                for (; q < full; q++) copy8(a, src + q * 8L, dst, q * 8 * kc + p * 8);
            }
            q0 = full;
        }
        for (int q = q0; q * mr < mc; q++) {
            int base = q * mr * kc;
            int rowsHere = Math.min(mr, mc - q * mr);
            long first = off + (long) (i0 + q * mr) * rs + (long) p0 * cs;
            if (VECTOR_PACKING && rowsHere == 8 && cs == 1) { // rows contiguous along p: transpose
                transpose8(a, first, rs, kc, dst, base, 8);
            } else {
                for (int p = 0; p < kc; p++) {
                    long src = first + (long) p * cs;
                    int d = base + p * mr;
                    for (int r = 0; r < rowsHere; r++) dst[d + r] = a.getAtIndex(F32, src + (long) r * rs);
                    for (int r = rowsHere; r < mr; r++) dst[d + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs rows [p0, p0+kc) × cols [j0, j0+nc) of op(B) (element (p, j) at {@code off + p·rs + j·cs}) into
     * {@code dst}: panel q of NR columns at {@code q·NR·kc}, element (p, c) of it at {@code + p·NR + c}.
     */
    static void packB(MemorySegment b, long off, int rs, int cs, int p0, int kc, int j0, int nc, int nr, float[] dst) {
        for (int q = 0; q * nr < nc; q++) {
            int base = q * nr * kc;
            int colsHere = Math.min(nr, nc - q * nr);
            long first = off + (long) p0 * rs + (long) (j0 + q * nr) * cs;
            int c = 0;
            if (VECTOR_PACKING && cs == 1) { // rows contiguous along j: copy a full vector at a time
                for (; c + L <= colsHere; c += L) {
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromMemorySegment(SP, b, (first + (long) p * rs + c) * Float.BYTES, ORDER)
                                .intoArray(dst, base + p * nr + c);
                    }
                }
            } else if (VECTOR_PACKING && rs == 1) { // columns contiguous along p: transpose 8 columns at a time
                for (; c + 8 <= colsHere; c += 8) transpose8(b, first + (long) c * cs, cs, kc, dst, base + c, nr);
            }
            for (int p = 0; p < kc; p++) { // what is left, and the zero padding of a partial panel
                long src = first + (long) p * rs;
                int d = base + p * nr;
                for (int j = c; j < colsHere; j++) dst[d + j] = b.getAtIndex(F32, src + (long) j * cs);
                for (int j = colsHere; j < nr; j++) dst[d + j] = 0f;
            }
        }
    }

    /**
     * dst[d .. d+8) = 8 contiguous floats of {@code src} from element {@code e}, for what the full-width
     * copies leave. A plain loop: as an 8-lane vector copy on a 512-bit machine, C2 sometimes left it
     * un-intrinsified inside a training step (a boxed vector per call); see GEMM-NOTES.md.
     */
    private static void copy8(MemorySegment src, long e, float[] dst, int d) {
        for (int i = 0; i < 8; i++) dst[d + i] = src.getAtIndex(F32, e + i);
    }

    /**
     * Eight source lines, line l starting at element {@code first + l·lineStride} and contiguous for
     * {@code count} floats, written transposed: element p of line l goes to {@code dst[d + p·dstStride + l]}.
     */
    private static void transpose8(MemorySegment src, long first, int lineStride, int count, float[] dst, int d,
            int dstStride) {
        long lb = (long) lineStride * Float.BYTES, o0 = first * Float.BYTES;
        int p = 0;
        for (; p + 8 <= count; p += 8) {
            long o = o0 + (long) p * Float.BYTES;
            FloatVector r0 = FloatVector.fromMemorySegment(S8, src, o, ORDER);
            FloatVector r1 = FloatVector.fromMemorySegment(S8, src, o + lb, ORDER);
            FloatVector r2 = FloatVector.fromMemorySegment(S8, src, o + 2 * lb, ORDER);
            FloatVector r3 = FloatVector.fromMemorySegment(S8, src, o + 3 * lb, ORDER);
            FloatVector r4 = FloatVector.fromMemorySegment(S8, src, o + 4 * lb, ORDER);
            FloatVector r5 = FloatVector.fromMemorySegment(S8, src, o + 5 * lb, ORDER);
            FloatVector r6 = FloatVector.fromMemorySegment(S8, src, o + 6 * lb, ORDER);
            FloatVector r7 = FloatVector.fromMemorySegment(S8, src, o + 7 * lb, ORDER);
            FloatVector a0 = r0.rearrange(LO1, r1), b0 = r0.rearrange(HI1, r1);
            FloatVector a1 = r2.rearrange(LO1, r3), b1 = r2.rearrange(HI1, r3);
            FloatVector a2 = r4.rearrange(LO1, r5), b2 = r4.rearrange(HI1, r5);
            FloatVector a3 = r6.rearrange(LO1, r7), b3 = r6.rearrange(HI1, r7);
            FloatVector c0 = a0.rearrange(LO2, a1), c1 = a0.rearrange(HI2, a1); // lines 0-3: p 0,1 | 2,3
            FloatVector c2 = a2.rearrange(LO2, a3), c3 = a2.rearrange(HI2, a3); // lines 4-7
            FloatVector e0 = b0.rearrange(LO2, b1), e1 = b0.rearrange(HI2, b1); // lines 0-3: p 4,5 | 6,7
            FloatVector e2 = b2.rearrange(LO2, b3), e3 = b2.rearrange(HI2, b3);
            int t = d + p * dstStride;
            c0.rearrange(LO4, c2).intoArray(dst, t);
            c0.rearrange(HI4, c2).intoArray(dst, t + dstStride);
            c1.rearrange(LO4, c3).intoArray(dst, t + 2 * dstStride);
            c1.rearrange(HI4, c3).intoArray(dst, t + 3 * dstStride);
            e0.rearrange(LO4, e2).intoArray(dst, t + 4 * dstStride);
            e0.rearrange(HI4, e2).intoArray(dst, t + 5 * dstStride);
            e1.rearrange(LO4, e3).intoArray(dst, t + 6 * dstStride);
            e1.rearrange(HI4, e3).intoArray(dst, t + 7 * dstStride);
        }
        for (; p < count; p++) {
            for (int l = 0; l < 8; l++)
                dst[d + p * dstStride + l] = src.getAtIndex(F32, first + (long) l * lineStride + p);
        }
    }
}
