package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;

/**
 * The plain-Java twin of the GEMM: for each row of C, C_i = β·C_i, then C_i += (α·a_ip)·B_p for p in
 * order (i-p-j order, so B and C are read along rows), then the epilogue. Any transposes via strides.
 */
final class ScalarGemm implements GemmEngine {
    @Override
    public void compute(GemmArgs g, int p, int i0, int i1, int j0, int j1, GemmScratch s) {
        MemorySegment a = g.a, b = g.b, c = g.c, h = g.h;
        long aOff = g.aOff + p * g.aStep, bOff = g.bOff + p * g.bStep;
        long cOff = g.cOff + p * g.cStep, hOff = g.hOff + p * g.hStep;
        for (int i = i0; i < i1; i++) {
            long ci = cOff + (long) i * g.cRs;
            for (int j = j0; j < j1; j++) {
                float v = g.beta == 0f ? 0f : g.beta * c.getAtIndex(F32, ci + j);
                c.setAtIndex(F32, ci + j, v);
            }
            for (int q = 0; q < g.k; q++) {
                float aiq = g.alpha * a.getAtIndex(F32, aOff + (long) i * g.aRs + (long) q * g.aCs);
                long bq = bOff + (long) q * g.bRs;
                for (int j = j0; j < j1; j++) {
                    float cij = c.getAtIndex(F32, ci + j);
                    c.setAtIndex(F32, ci + j, Math.fma(aiq, b.getAtIndex(F32, bq + (long) j * g.bCs), cij));
                }
            }
            if (g.act != null) {
                long hi = hOff + (long) i * g.hRs;
                for (int j = j0; j < j1; j++) h.setAtIndex(F32, hi + j, g.act.apply(c.getAtIndex(F32, ci + j)));
            }
        }
    }

    @Override
    public int rowGrain() { return 1; }

    @Override
    public int colGrain() { return 1; }

    @Override
    public GemmScratch newScratch() { return GemmScratch.NONE; }

    @Override
    public long scratchFloats() { return 0; }
}
