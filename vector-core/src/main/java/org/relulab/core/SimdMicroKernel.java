package org.relulab.core;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register micro-kernel: an MR × NR block of C held in 8 vector accumulators, updated by kc
 * rank-1 steps (one vector of packed B, MR broadcasts of packed A, 8 FMAs), written once to a tile
 * buffer that {@link #store} combines with C (C = α·acc + β·C, and H = σ(C) when fused). MR × NR is
 * 8 × lanes: 8 × 8 on AVX2, 8 × 16 on AVX-512, 8 × 4 on 128-bit NEON. Wider tiles (6 × 16, 4 × 24,
 * 12 × 8) made C2 spill an accumulator to the stack on AVX2's 16 registers and ran at half the speed:
 * see vector-core/GEMM-NOTES.md. This class is the only place that knows the register layout: a faster
 * micro-kernel replaces it alone, keeping {@link #MR}, {@link #NR} and the packed formats of
 * {@link GemmPacking}.
 */
final class SimdMicroKernel {
    static final VectorSpecies<Float> S = SimdKernelSupport.SPECIES;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: one vector. */
    static final int NR = L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdMicroKernel() {}

    /**
     * tile[r·NR + j] = Σ_k a_k[r]·b_k[j] for the MR × NR tile, where a_k is packed A at {@code ao + k·MR} and
     * b_k packed B at {@code bo + k·NR}. The accumulators never leave registers until the final store;
     * the caller combines the tile (still in L1) with C.
     */
    static void multiply(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S), c7 = FloatVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int ai = ao + k * MR;
            FloatVector bk = FloatVector.fromArray(S, b, bo + k * NR);
            c0 = FloatVector.broadcast(S, a[ai]).fma(bk, c0);
            c1 = FloatVector.broadcast(S, a[ai + 1]).fma(bk, c1);
            c2 = FloatVector.broadcast(S, a[ai + 2]).fma(bk, c2);
            c3 = FloatVector.broadcast(S, a[ai + 3]).fma(bk, c3);
            c4 = FloatVector.broadcast(S, a[ai + 4]).fma(bk, c4);
            c5 = FloatVector.broadcast(S, a[ai + 5]).fma(bk, c5);
            c6 = FloatVector.broadcast(S, a[ai + 6]).fma(bk, c6);
            c7 = FloatVector.broadcast(S, a[ai + 7]).fma(bk, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
        c6.intoArray(tile, 6 * NR);
        c7.intoArray(tile, 7 * NR);
    }

    /**
     * C = α·tile + β·C for a full MR × NR tile (row r of C at element {@code co + r·crs}); β = 0 does not
     * read C. With {@code act} non-null, also H = act(C) (row r at {@code ho + r·hrs}).
     */
    static void store(float[] tile, float alpha, float beta, MemorySegment c, long co, int crs, Activation act,
                      MemorySegment h, long ho, int hrs) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        for (int r = 0; r < MR; r++) {
            for (int v = 0; v < NR; v += L) {
                long cb = (co + (long) r * crs + v) * Float.BYTES;
                FloatVector acc = FloatVector.fromArray(S, tile, r * NR + v);
                FloatVector out = beta == 0f ? acc.mul(va)
                        : acc.fma(va, FloatVector.fromMemorySegment(S, c, cb, ORDER).mul(beta));
                out.intoMemorySegment(c, cb, ORDER);
                if (act != null) {
                    long hb = (ho + (long) r * hrs + v) * Float.BYTES;
                    switch (act) {
                        case IDENTITY -> out.intoMemorySegment(h, hb, ORDER);
                        case RELU -> out.max(0f).intoMemorySegment(h, hb, ORDER);
                        case ABS -> out.abs().intoMemorySegment(h, hb, ORDER);
                    }
                }
            }
        }
    }
}
