package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;

/** The benchmarks' correctness check passes on a right product and names the element of a wrong one. */
class GemmOperandsTest {
    @Test
    void checkAcceptsTheProductAndRejectsAWrongElement() {
        for (GemmShape shape : new GemmShape[] {GemmShape.SQ256, GemmShape.GTX}) {
            try (Kernels kernels = Kernels.create(); GemmOperands ops = new GemmOperands(shape, kernels)) {
                ops.multiplyRelu(kernels);
                ops.check("fused", true);
                // 100 is far beyond the rounding bound (about 1.3 at k = 4096), as a lost k-block would be.
                ops.c.set(shape.m - 1, shape.n - 1, ops.c.get(shape.m - 1, shape.n - 1) + 100f);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.check("changed", false));
                assertTrue(e.getMessage().contains("C(" + (shape.m - 1) + ", " + (shape.n - 1) + ")"), e.getMessage());
            }
        }
    }

    @Test
    void checkRejectsOutputsTheCallDidNotWrite() {
        try (Kernels kernels = Kernels.create(); GemmOperands ops = new GemmOperands(GemmShape.SQ256, kernels)) {
            ops.clearOutputs();
            assertThrows(IllegalStateException.class, () -> ops.check("nothing written", false));
            ops.multiply(kernels);
            ops.check("gemm", false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.check("no relu", true));
            assertTrue(e.getMessage().contains("H(0, 0)"), e.getMessage());
        }
    }
}
