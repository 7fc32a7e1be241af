package org.relulab.core;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register micro-kernel: an MR × NR block of C held in 12 vector accumulators, updated by kc
 * rank-1 steps (NR values of packed B as two vectors, MR broadcasts of packed A, 12 FMAs), written once
 * to a tile buffer that {@link #store} combines with C (C = α·acc + β·C, and H = σ(C) when fused). MR × NR is 6 × 2·lanes: 6 × 16 on
 * AVX2, 6 × 32 on AVX-512, 6 × 8 on 128-bit NEON. This class is the only place that knows the register
 * layout: a faster micro-kernel replaces it alone, keeping {@link #MR}, {@link #NR} and the packed formats
 * of {@link GemmPacking}.
 */
final class SimdMicroKernel {
    static final VectorSpecies<Float> S = SimdKernelSupport.SPECIES;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdMicroKernel() {}

    /**
     * tile[r·NR + j] = Σ_k a_k[r]·b_k[j] for the MR × NR tile, where a_k is packed A at {@code ao + k·MR} and
     * b_k packed B at {@code bo + k·NR}. The accumulators never leave registers until the final store;
     * the caller combines the tile (still in L1) with C.
     */
    static void multiply(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int ai = ao + k * MR;
            int bi = bo + k * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
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
