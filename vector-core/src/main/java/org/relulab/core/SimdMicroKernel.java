package org.relulab.core;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register micro-kernel: an MR × NR block of C held in vector accumulators, updated by kc
 * rank-1 steps (NV vectors of packed B, MR broadcasts of packed A, MR·NV FMAs), written once to a tile
 * buffer that {@link #store} combines with C (C = α·acc + β·C, and H = σ(C) when fused).
 *
 * <p>The tile follows the vector registers the ISA has. With 16 (x86 AVX2 or SSE) it is 8 × L: 8
 * accumulators, since C2 spilled an accumulator of every wider tile (6 × 16, 4 × 24, 12 × 8) to the
 * stack and ran at half speed. With 32 (AVX-512, AArch64 NEON/SVE) it is 8 × 2L: 16 accumulators, two B
 * vectors and a broadcast fit with room to spare (on Zen 4: 116 GFLOP/s in L1, 99 % of the FMA peak,
 * against 87 for 8 × L). See vector-core/GEMM-NOTES.md. This class is the only place that knows the
 * register layout: a faster micro-kernel replaces it alone, keeping {@link #MR}, {@link #NR} and the
 * packed formats of {@link GemmPacking}.
 */
final class SimdMicroKernel {
    static final VectorSpecies<Float> S = SimdKernelSupport.SPECIES;
    static final int L = S.length();
    /** Vector registers of the ISA: 16 on x86 below AVX-512, else 32 (AVX-512, AArch64). */
    static final int VECTOR_REGISTERS = vectorRegisters(System.getProperty("os.arch"), S.vectorBitSize());
    /** Vectors per tile row. */
    static final int NV = VECTOR_REGISTERS >= 32 ? 2 : 1;
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SimdMicroKernel() {}

    static int vectorRegisters(String arch, int vectorBits) {
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
        return x86 && vectorBits < 512 ? 16 : 32;
    }

    /** "8x32 (2 vectors of 16 lanes per row, 32 vector registers)". */
    static String describe() {
        return MR + "x" + NR + " (" + NV + (NV == 1 ? " vector" : " vectors") + " of " + L + " lanes per row, "
                + VECTOR_REGISTERS + " vector registers)";
    }

    /**
     * tile[r·NR + j] = Σ_k a_k[r]·b_k[j] for the MR × NR tile, where a_k is packed A at {@code ao + k·MR} and
     * b_k packed B at {@code bo + k·NR}. The accumulators never leave registers until the final store;
     * the caller combines the tile (still in L1) with C.
     */
    static void multiply(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        if (NV == 2) multiply8x2(kc, a, ao, b, bo, tile);
        else multiply8x1(kc, a, ao, b, bo, tile);
    }

    private static void multiply8x1(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
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

    private static void multiply8x2(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int ai = ao + k * MR, bi = bo + k * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
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
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
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
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
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
                FloatVector out = beta == 0f
                        ? acc.mul(va)
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
