package org.relulab.core;

import static org.relulab.core.Matrix.F32;
import static org.relulab.core.SimdMicroKernel.MR;
import static org.relulab.core.SimdMicroKernel.NR;

import java.lang.foreign.MemorySegment;

/**
 * The SIMD GEMM in the BLIS structure: five loops around {@link SimdMicroKernel}. For each NC-wide
 * panel of columns and KC-deep slice of k, pack op(B) once; for each MC-tall block of rows, pack op(A);
 * then the macro-kernel sweeps MR × NR tiles over the packed panels. The k-sum of every element of C runs
 * in the same order (KC slices in sequence, each accumulated from zero in registers, then added to C),
 * whichever thread computes it.
 */
final class SimdGemm implements GemmEngine {
    // Blocking sizes, per register tile (SimdMicroKernel.NV). With the 8 × 2L tile (32 vector registers),
    // swept on Zen 4 (32 KB L1d, 1 MB L2 per core): KC = 1024 beat 256 by 10-15 % on every shape with
    // k >= 1024 (fewer passes over C; the hardware prefetchers stream the 128 KB B micro-panel from L2), and
    // MC from 72 to 192 made no difference beyond noise. The 8 × L tile (AVX2) keeps the sizes measured on
    // Zen 3 (512 KB L2). GEMM-NOTES.md has the tables. -Drelulab.gemm.kc / .mc / .nc override them, for
    // tuning on a new CPU.

    /** k-depth of a packed slice: the A block (MC × KC) sits in L2, the B micro-panel (KC × NR) in L1/L2. */
    static final int KC = Integer.getInteger("relulab.gemm.kc", SimdMicroKernel.NV == 2 ? 1024 : 256);
    /** Rows of a packed A block (MC × KC floats: 576 KB at 1024, 144 KB at 256), kept in L2. Multiple of MR. */
    static final int MC = Math.max(MR, Integer.getInteger("relulab.gemm.mc", 144) / MR * MR);
    /** Columns of a packed B panel (KC × NC floats), in the shared L3. Multiple of NR. */
    static final int NC = Math.max(NR, Integer.getInteger("relulab.gemm.nc", 4096) / NR * NR);

    @Override
    public void compute(GemmArgs g, int p, int i0, int i1, int j0, int j1, GemmScratch s) {
        long aOff = g.aOff + p * g.aStep, bOff = g.bOff + p * g.bStep;
        long cOff = g.cOff + p * g.cStep, hOff = g.hOff + p * g.hStep;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < g.k; pc += KC) {
                int kc = Math.min(KC, g.k - pc);
                GemmPacking.packB(g.b, bOff, g.bRs, g.bCs, pc, kc, jc, nc, NR, s.packedB);
                float beta = pc == 0 ? g.beta : 1f;
                Activation act = pc + kc >= g.k ? g.act : null;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    GemmPacking.packA(g.a, aOff, g.aRs, g.aCs, ic, mc, pc, kc, MR, s.packedA);
                    macroKernel(g, s, kc, mc, nc, beta, act,
                            cOff + (long) ic * g.cRs + jc, hOff + (long) ic * g.hRs + jc);
                }
            }
        }
    }

    /** All MR × NR tiles of an mc × nc block of C (starting at element {@code c0}) from the packed panels. */
    private static void macroKernel(GemmArgs g, GemmScratch s, int kc, int mc, int nc, float beta, Activation act,
            long c0, long h0) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = (jr / NR) * NR * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ao = (ir / MR) * MR * kc;
                long ct = c0 + (long) ir * g.cRs + jr, ht = h0 + (long) ir * g.hRs + jr;
                SimdMicroKernel.multiply(kc, s.packedA, ao, s.packedB, bo, s.tile);
                if (mr == MR && nr == NR) {
                    SimdMicroKernel.store(s.tile, g.alpha, beta, g.c, ct, g.cRs, act, g.h, ht, g.hRs);
                } else {
                    storeEdge(s.tile, mr, nr, g.alpha, beta, g.c, ct, g.cRs, act, g.h, ht, g.hRs);
                }
            }
        }
    }

    /** {@link SimdMicroKernel#store} for a partial tile, element by element with the same rounding. */
    private static void storeEdge(float[] tile, int mr, int nr, float alpha, float beta, MemorySegment c, long ct,
            int crs, Activation act, MemorySegment h, long ht, int hrs) {
        for (int r = 0; r < mr; r++) {
            long cr = ct + (long) r * crs;
            for (int j = 0; j < nr; j++) {
                float acc = tile[r * NR + j];
                float v = beta == 0f ? acc * alpha : Math.fma(acc, alpha, c.getAtIndex(F32, cr + j) * beta);
                c.setAtIndex(F32, cr + j, v);
                if (act != null) h.setAtIndex(F32, ht + (long) r * hrs + j, act.apply(v));
            }
        }
    }

    @Override
    public int rowGrain() { return MR; }

    @Override
    public int colGrain() { return NR; }

    @Override
    public GemmScratch newScratch() {
        return new GemmScratch(MC * KC, KC * NC, MR * NR);
    }

    @Override
    public long scratchFloats() {
        return (long) MC * KC + (long) KC * NC + (long) MR * NR;
    }
}
