package org.relulab.core;

import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.TestMatrices.SIZES;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float × double kernels the solver refines with: SIMD and scalar twin against an exact sum (BigDecimal)
 * over awkward sizes and element offsets, within the float64 rounding of n terms.
 */
class MixedPrecisionTest {
    private static final double EPS64 = Math.ulp(1.0);
    private static final KernelSupport[] IMPLS = {new SimdKernelSupport(), new ScalarKernelSupport()};

    @Test
    void dotAndAxpyAgainstExactSums() {
        Random rnd = new Random(9);
        try (Workspace ws = Workspace.shared()) {
            for (int n : SIZES) {
                for (int shift : new int[] {0, 1, 5}) {
                    MemorySegment x = ws.allocate((long) (n + shift) * Float.BYTES),
                            y = ws.allocate((long) (n + shift) * Double.BYTES);
                    float[] xs = new float[n];
                    double[] ys = new double[n];
                    for (int i = 0; i < n; i++) {
                        xs[i] = rnd.nextFloat() * 2 - 1;
                        ys[i] = rnd.nextGaussian() * Math.exp(rnd.nextGaussian()); // spread magnitudes
                        x.setAtIndex(Matrix.F32, shift + i, xs[i]);
                        y.setAtIndex(Matrix.F64, shift + i, ys[i]);
                    }
                    BigDecimal exact = BigDecimal.ZERO;
                    double magnitude = 0;
                    for (int i = 0; i < n; i++) {
                        exact = exact.add(new BigDecimal(xs[i]).multiply(new BigDecimal(ys[i])),
                                MathContext.DECIMAL128);
                        magnitude += Math.abs(xs[i] * ys[i]);
                    }
                    double alpha = -0.3;
                    for (KernelSupport k : IMPLS) {
                        String at = k.getClass().getSimpleName() + " n = " + n + ", offset " + shift;
                        double got = k.dotMixed(n, x, shift, y, shift);
                        if (!(Math.abs(got - exact.doubleValue()) <= n * EPS64 * magnitude)) {
                            fail(at + ": dotMixed = " + got + ", exact " + exact.doubleValue() + " ± "
                                    + n * EPS64 * magnitude);
                        }
                        MemorySegment yc = ws.allocate((long) (n + shift) * Double.BYTES);
                        MemorySegment.copy(y, 0, yc, 0, y.byteSize());
                        k.axpyMixed(n, alpha, x, shift, yc, shift);
                        for (int i = 0; i < n; i++) {
                            double want = new BigDecimal(alpha).multiply(new BigDecimal(xs[i]))
                                    .add(new BigDecimal(ys[i])).doubleValue();
                            double v = yc.getAtIndex(Matrix.F64, shift + i);
                            if (v != want)
                                fail(at + ": axpyMixed element " + i + " = " + v + ", expected the fused " + want);
                        }
                        if (shift > 0 && yc.getAtIndex(Matrix.F64, shift - 1) != y.getAtIndex(Matrix.F64, shift - 1)) {
                            fail(at + ": axpyMixed wrote before its offset");
                        }
                    }
                }
            }
        }
    }
}
