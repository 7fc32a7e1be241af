package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The packed A panels of every tile height against their definition, element by element. */
class GemmPackingTest {
    private static final int[] MC = {1, 4, 7, 8, 11, 12, 13, 15, 16, 17, 23, 24, 25, 28, 29, 40, 47, 48, 143, 144};
    private static final int[] KC = {1, 7, 8, 9, 33};

    @Test
    void packedAPanelsHoldTheBlockInPanelOrder() {
        int rows = 160, cols = 50, ld = 61; // the source: op(A) is rows × cols, stored with a padded stride
        try (Arena arena = Arena.ofConfined()) { // the source matrix, freed with this test
            MemorySegment a = arena.allocate((long) ld * Math.max(rows, cols) * Float.BYTES, 64);
            for (long e = 0; e < a.byteSize() / Float.BYTES; e++) a.setAtIndex(Matrix.F32, e, e + 0.5f);
            for (int mr : new int[] {8, 12}) {
                for (boolean columnsContiguous : new boolean[] {false, true}) {
                    int rs = columnsContiguous ? 1 : ld, cs = columnsContiguous ? ld : 1;
                    for (int mc : MC) {
                        for (int kc : KC) {
                            int i0 = 3, p0 = 5, panels = (mc + mr - 1) / mr;
                            float[] dst = new float[panels * mr * kc + 1];
                            dst[dst.length - 1] = -1f;
                            GemmPacking.packA(a, 2, rs, cs, i0, mc, p0, kc, mr, dst);
                            for (int q = 0; q < panels; q++) {
                                for (int p = 0; p < kc; p++) {
                                    for (int r = 0; r < mr; r++) {
                                        int i = q * mr + r;
                                        float want = i < mc
                                                ? a.getAtIndex(Matrix.F32,
                                                        2 + (long) (i0 + i) * rs + (long) (p0 + p) * cs)
                                                : 0f;
                                        int at = q * mr * kc + p * mr + r;
                                        assertEquals(want, dst[at], "MR = " + mr + (columnsContiguous
                                                ? ", columns"
                                                : ", rows") + " contiguous, mc = " + mc + ", kc = " + kc + ": row "
                                                + i + ", column " + p + " (dst[" + at + "])");
                                    }
                                }
                            }
                            assertEquals(-1f, dst[dst.length - 1], "packA wrote past its panels");
                        }
                    }
                }
            }
        }
    }
}
