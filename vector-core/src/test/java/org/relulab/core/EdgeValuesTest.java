package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.BadInputTest.fails;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Argument checks at the edges of int and long (0, 1, MAX − 1, MAX, negative): each case's verdict is computed
 * here in BigInteger, where nothing overflows, and the check must agree. Overflowing offsets and sizes used to
 * wrap around and pass.
 */
class EdgeValuesTest {
    static final long[] OFFSETS = {Long.MIN_VALUE, -1, 0, 1, 63, 64, 65, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    static final int[] SIZES = {Integer.MIN_VALUE, -1, 0, 1, 2, 8, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** Matrix.wrap's contract: non-negative numbers, rows that do not overlap, every element inside. */
    static boolean wrapValid(long capacity, long offset, int rows, int cols, int stride) {
        if (rows < 0 || cols < 0 || stride < 0 || offset < 0 || (rows > 1 && stride < cols)) return false;
        BigInteger extent = rows == 0 || cols == 0
                ? BigInteger.ZERO
                : big(rows - 1L).multiply(big(stride)).add(big(cols));
        return big(offset).add(extent).compareTo(big(capacity)) <= 0;
    }

    @Test
    void wrapAtTheEdges() {
        try (Workspace ws = Workspace.shared()) {
            MemorySegment seg = ws.allocate(64 * Float.BYTES);
            int accepted = 0;
            for (long offset : OFFSETS) {
                for (int rows : SIZES) {
                    for (int cols : SIZES) {
                        for (int stride : SIZES) {
                            String what = "wrap(offset " + offset + ", " + rows + "x" + cols + ", stride " + stride
                                    + ")";
                            if (wrapValid(64, offset, rows, cols, stride)) {
                                Matrix m = Matrix.wrap(seg, offset, rows, cols, stride);
                                assertEquals(offset, m.offset(), what);
                                assertEquals(stride, m.stride(), what);
                                accepted++;
                            } else {
                                fails(IllegalArgumentException.class,
                                        () -> Matrix.wrap(seg, offset, rows, cols, stride));
                            }
                        }
                    }
                }
            }
            if (accepted < 50) fail("only " + accepted + " valid cases: the grid tests little");
        }
    }

    @Test
    void wrapNearLongMaxNamesTheOverflow() {
        try (Workspace ws = Workspace.shared()) {
            MemorySegment seg = ws.allocate(64 * Float.BYTES);
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, Long.MAX_VALUE - 5, 2, 8, 8),
                    String.valueOf(Long.MAX_VALUE - 5), "holds 64 floats");
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, 0, 1, 4, -1), "stride -1");
            fails(IllegalArgumentException.class, () -> Matrix.wrap(seg, 65, 0, 4, 4), "offset 65", "64 floats");
            fails(IllegalArgumentException.class, () -> Matrix.wrap((float[]) null, 1, 1), "null");
        }
    }

    @Test
    void paddedStrideAtTheEdges() {
        int[] cols = {Integer.MIN_VALUE, -1, 0, 1, 15, 16, 17, 255, 256, 2147483632, 2147483633, Integer.MAX_VALUE};
        for (int c : cols) {
            long padded = (c + 15L) / 16 * 16;
            if (padded >= 256 && padded % 256 == 0) padded += 16;
            if (c >= 0 && padded <= Integer.MAX_VALUE) {
                assertEquals(padded, Workspace.paddedStride(c), "cols " + c);
            } else {
                fails(IllegalArgumentException.class, () -> Workspace.paddedStride(c), "cols " + c);
            }
        }
    }

    @Test
    void workspaceSizesThatOverflow() {
        try (Workspace ws = Workspace.shared()) {
            fails(IllegalArgumentException.class, () -> ws.matrix(Integer.MAX_VALUE, 1 << 30),
                    "2147483647x1073741824");
            fails(IllegalArgumentException.class, () -> ws.matrix(1, Integer.MAX_VALUE), "cols 2147483647");
            fails(IllegalArgumentException.class, () -> ws.matrix(-1, 2), "-1x2");
            fails(IllegalArgumentException.class, () -> ws.allocate(-1), "bytes -1");
            fails(IllegalArgumentException.class, () -> RidgeSolver.scratchBytes(-1), "n = -1");
        }
    }
}
