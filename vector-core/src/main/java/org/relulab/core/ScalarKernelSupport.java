package org.relulab.core;

import static org.relulab.core.Matrix.F32;
import static org.relulab.core.Matrix.F64;

import java.lang.foreign.MemorySegment;

/** The plain-Java twin of every kernel: one obvious loop each, the reference the SIMD kernels are held to. */
final class ScalarKernelSupport implements KernelSupport {
    private final GemmEngine gemm = new ScalarGemm();

    @Override
    public void axpy(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        for (int i = 0; i < n; i++) {
            y.setAtIndex(F32, yo + i, Math.fma(alpha, x.getAtIndex(F32, xo + i), y.getAtIndex(F32, yo + i)));
        }
    }

    @Override
    public void scale(int n, float alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        for (int i = 0; i < n; i++) y.setAtIndex(F32, yo + i, alpha * x.getAtIndex(F32, xo + i));
    }

    @Override
    public void add(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        for (int i = 0; i < n; i++) z.setAtIndex(F32, zo + i, x.getAtIndex(F32, xo + i) + y.getAtIndex(F32, yo + i));
    }

    @Override
    public void multiply(int n, MemorySegment x, long xo, MemorySegment y, long yo, MemorySegment z, long zo) {
        for (int i = 0; i < n; i++) z.setAtIndex(F32, zo + i, x.getAtIndex(F32, xo + i) * y.getAtIndex(F32, yo + i));
    }

    @Override
    public float dot(int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        float s = 0f;
        for (int i = 0; i < n; i++) s = Math.fma(x.getAtIndex(F32, xo + i), y.getAtIndex(F32, yo + i), s);
        return s;
    }

    @Override
    public float sum(int n, MemorySegment x, long xo) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x.getAtIndex(F32, xo + i);
        return s;
    }

    @Override
    public float sumOfSquares(int n, MemorySegment x, long xo) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float v = x.getAtIndex(F32, xo + i);
            s = Math.fma(v, v, s);
        }
        return s;
    }

    @Override
    public void activate(Activation act, int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        for (int i = 0; i < n; i++) y.setAtIndex(F32, yo + i, act.apply(x.getAtIndex(F32, xo + i)));
    }

    @Override
    public void activateBackward(Activation act, int n, MemorySegment g, long go, MemorySegment z, long zo,
            MemorySegment out, long oo) {
        for (int i = 0; i < n; i++) {
            out.setAtIndex(F32, oo + i, g.getAtIndex(F32, go + i) * act.derivative(z.getAtIndex(F32, zo + i)));
        }
    }

    @Override
    public void activateBackwardScaled(Activation act, int n, float s, MemorySegment c, long co, MemorySegment z,
            long zo, MemorySegment out, long oo) {
        for (int i = 0; i < n; i++) {
            out.setAtIndex(F32, oo + i, s * c.getAtIndex(F32, co + i) * act.derivative(z.getAtIndex(F32, zo + i)));
        }
    }

    @Override
    public void kernelFromGram(KernelFunction f, int n, float scale, float rowSqNorm, MemorySegment g, long go,
            MemorySegment colSqNorms, long co, MemorySegment out, long oo) {
        double rs = (double) scale * rowSqNorm;
        for (int i = 0; i < n; i++) {
            double v = f.value((double) scale * g.getAtIndex(F32, go + i), rs,
                    (double) scale * colSqNorms.getAtIndex(F32, co + i));
            out.setAtIndex(F32, oo + i, (float) v);
        }
    }

    @Override
    public double dotMixed(int n, MemorySegment x, long xo, MemorySegment y, long yo) {
        double s = 0;
        for (int i = 0; i < n; i++) s = Math.fma(x.getAtIndex(F32, xo + i), y.getAtIndex(F64, yo + i), s);
        return s;
    }

    @Override
    public void axpyMixed(int n, double alpha, MemorySegment x, long xo, MemorySegment y, long yo) {
        for (int i = 0; i < n; i++) {
            y.setAtIndex(F64, yo + i, Math.fma(alpha, x.getAtIndex(F32, xo + i), y.getAtIndex(F64, yo + i)));
        }
    }

    @Override
    public GemmEngine gemm() {
        return gemm;
    }
}
