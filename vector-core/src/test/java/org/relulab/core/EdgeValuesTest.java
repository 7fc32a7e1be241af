package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.BadInputTest.fails;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Argument checks at the edges of int and long (0, 1, MAX − 1, MAX, negative): each case's verdict is computed
 * here in BigInteger, where nothing overflows, and the check must agree. Overflowing offsets and strides used to
 * wrap around and pass.
 */
class EdgeValuesTest {
    static final long[] OFFSETS = {Long.MIN_VALUE, -1, 0, 1, 63, 64, 65, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    static final int[] SIZES = {Integer.MIN_VALUE, -1, 0, 1, 2, 8, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

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

    /**
     * Batch strides and counts at the edges, one operand at a time (the others stay valid): refused exactly when
     * a stride is negative, a problem would end beyond its segment (or beyond long), or two problems' C share an
     * element. Operands sit in separate allocations, so C never meets A or B here.
     */
    @Test
    void batchStridesAtTheEdges() {
        long[] strides = {Long.MIN_VALUE, -1, 0, 1, 2, 17, 18, 32, 1L << 62, Long.MAX_VALUE / 2 + 1,
                Long.MAX_VALUE - 1, Long.MAX_VALUE};
        int[] batches = {1, 2, 3, 6, 7, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(2, 2).fill(1f), b = ws.matrix(2, 2).fill(2f);
            Matrix c = ws.matrix(12, 2).rows(0, 2); // room for 6 problems 32 floats apart (one spans 18)
            int accepted = 0;
            for (int which = 0; which < 3; which++) {
                for (long stride : strides) {
                    for (int batch : batches) {
                        long sa = which == 0 ? stride : 0, sb = which == 1 ? stride : 0, sc = which == 2 ? stride : 32;
                        String bad = (batchValid(a, sa, batch) ? "" : "A") + (batchValid(b, sb, batch) ? "" : "B")
                                + (batchValid(c, sc, batch) && !outputsMeet(c, sc, batch) ? "" : "C");
                        if (bad.isEmpty()) {
                            kernels.gemmBatched(false, false, 1f, a, sa, b, sb, 0f, c, sc, batch);
                            accepted++;
                        } else {
                            String m = assertThrows(IllegalArgumentException.class,
                                    () -> kernels.gemmBatched(false, false, 1f, a, sa, b, sb, 0f, c, sc, batch))
                                    .getMessage();
                            boolean named = false;
                            for (char x : bad.toCharArray())
                                named |= m.contains("of " + x) || m.contains(x + " of problem");
                            assertTrue(named && !m.contains("\n"), "message \"" + m + "\" should name one of " + bad);
                        }
                    }
                }
            }
            if (accepted < 10) fail("only " + accepted + " valid cases");
        }
    }

    /** A non-negative stride, and the last problem's last element inside the segment. */
    static boolean batchValid(Matrix m, long stride, int batch) {
        if (stride < 0) return false;
        long span = (long) (m.storedRows() - 1) * m.stride() + m.storedCols();
        BigInteger end = big(m.offset()).add(big(batch - 1L).multiply(big(stride))).add(big(span));
        return end.compareTo(big(m.segment().byteSize() / Float.BYTES)) <= 0;
    }

    /**
     * Whether two problems' outputs share a byte, by brute force (only asked for batches that fit: of the huge
     * ones, only those at stride 0, whose problems all lie at one place).
     */
    static boolean outputsMeet(Matrix c, long stride, int batch) {
        if (batch > 64) {
            if (stride != 0) throw new AssertionError("a batch of " + batch + " fits only at stride 0");
            return true;
        }
        long origin = c.segment().address();
        for (int p = 0; p < batch; p++) {
            for (int q = 0; q < p; q++) {
                if (Footprints.bytes(c, p * stride, origin).intersects(Footprints.bytes(c, q * stride, origin))) {
                    return true;
                }
            }
        }
        return false;
    }
}
