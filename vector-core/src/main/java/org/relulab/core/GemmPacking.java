package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;

/**
 * Copies blocks of op(A) and op(B) into the contiguous micro-panel order the micro-kernel streams
 * through, zero-padding partial panels. Packing absorbs the transposes: the strides say where elements
 * are, and each loop walks the source along its contiguous direction.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs rows [i0, i0+mc) × cols [p0, p0+kc) of op(A) (element (i, p) at {@code off + i·rs + p·cs}) into
     * {@code dst}: panel q of MR rows at {@code q·MR·kc}, element (r, p) of it at {@code + p·MR + r}.
     */
    static void packA(MemorySegment a, long off, int rs, int cs, int i0, int mc, int p0, int kc, int mr, float[] dst) {
        for (int q = 0; q * mr < mc; q++) {
            int base = q * mr * kc;
            int rowsHere = Math.min(mr, mc - q * mr);
            long first = off + (long) (i0 + q * mr) * rs + (long) p0 * cs;
            if (cs == 1) { // rows are contiguous along p
                for (int r = 0; r < rowsHere; r++) {
                    long src = first + (long) r * rs;
                    for (int p = 0; p < kc; p++) dst[base + p * mr + r] = a.getAtIndex(F32, src + p);
                }
            } else { // columns are contiguous (rs == 1) or fully strided
                for (int p = 0; p < kc; p++) {
                    long src = first + (long) p * cs;
                    for (int r = 0; r < rowsHere; r++) dst[base + p * mr + r] = a.getAtIndex(F32, src + (long) r * rs);
                }
            }
            for (int r = rowsHere; r < mr; r++) {
                for (int p = 0; p < kc; p++) dst[base + p * mr + r] = 0f;
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
            if (cs == 1) { // rows of B are contiguous along j
                for (int p = 0; p < kc; p++) {
                    long src = first + (long) p * rs;
                    int d = base + p * nr;
                    for (int c = 0; c < colsHere; c++) dst[d + c] = b.getAtIndex(F32, src + c);
                    for (int c = colsHere; c < nr; c++) dst[d + c] = 0f;
                }
            } else { // columns of B are contiguous along p (rs == 1) or fully strided
                for (int c = 0; c < colsHere; c++) {
                    long src = first + (long) c * cs;
                    for (int p = 0; p < kc; p++) dst[base + p * nr + c] = b.getAtIndex(F32, src + (long) p * rs);
                }
                for (int c = colsHere; c < nr; c++) {
                    for (int p = 0; p < kc; p++) dst[base + p * nr + c] = 0f;
                }
            }
        }
    }
}
