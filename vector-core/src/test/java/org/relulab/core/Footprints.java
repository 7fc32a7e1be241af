package org.relulab.core;

import java.util.BitSet;

/**
 * Brute-force oracles for the overlap checks, independent of their arithmetic: the bytes a view covers, listed
 * element by element, and its byte span. Byte positions are counted from {@code origin}, an address at or below
 * every segment of a test (all views of one test lie in one native buffer).
 */
final class Footprints {
    private Footprints() {}

    /** Every byte of view {@code m} shifted by {@code shift} elements. */
    static BitSet bytes(Matrix m, long shift, long origin) {
        BitSet s = new BitSet();
        for (int r = 0; r < m.storedRows(); r++) {
            for (int c = 0; c < m.storedCols(); c++) {
                long b = byteOf(m, shift + (long) r * m.stride() + c, origin);
                s.set(Math.toIntExact(b), Math.toIntExact(b + Float.BYTES));
            }
        }
        return s;
    }

    /** First byte and one past the last byte of the shifted view (null when it is empty). */
    static long[] span(Matrix m, long shift, long origin) {
        if (m.size() == 0) return null;
        long last = (long) (m.storedRows() - 1) * m.stride() + m.storedCols() - 1;
        return new long[] {byteOf(m, shift, origin), byteOf(m, shift + last, origin) + Float.BYTES};
    }

    private static long byteOf(Matrix m, long element, long origin) {
        return m.segment().address() - origin + (m.offset() + element) * Float.BYTES;
    }

    /**
     * The checks' contract for two shifted views: on one row grid (the same stride, or a view with a single
     * stored row) they conflict when they share a byte; otherwise when their byte spans meet.
     */
    static boolean conflict(Matrix x, long shiftX, Matrix y, long shiftY, long origin) {
        if (x.size() == 0 || y.size() == 0) return false;
        if (x.storedRows() <= 1 || y.storedRows() <= 1 || x.stride() == y.stride()) {
            return bytes(x, shiftX, origin).intersects(bytes(y, shiftY, origin));
        }
        long[] a = span(x, shiftX, origin), b = span(y, shiftY, origin);
        return a[0] < b[1] && b[0] < a[1];
    }
}
