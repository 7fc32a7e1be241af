package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * Whether views share memory, for a single pair and for strided families: X_p is view x moved by p·tx elements,
 * Y_q is y moved by q·ty, for problems p, q in [0, batch) (a single view is a family of one).
 *
 * <p>On one row grid (equal row strides, or a view with a single stored row) the answer is exact, by arithmetic:
 * X_p and Y_q share an element when the distance D between their first elements equals (r' − r)·S + (c' − c) for
 * rows r, r' and columns c, c' of the two views, which takes one range test on r' − r. Views at byte offsets that
 * differ by a non-multiple of 4 share a byte when D rounded down or up does. With different row strides it is
 * the byte spans that are compared, which may refuse views that interleave without sharing an element.
 *
 * <p>Cost: O(1) for a pair; for families O(batch) when the strides are equal (D depends on p − q only), and
 * otherwise one O(1) test per pair of problems whose byte spans meet, which is O(batch) unless a family's
 * problems interleave (a batch stride shorter than one problem's span). Nothing is allocated.
 *
 * <p>Addresses are compared within one base: native segments by address, heap segments of one array by offset;
 * a read-only heap segment hides its array, so it is compared with every heap segment. Callers check first that
 * every problem lies inside its segment, so the byte arithmetic here cannot overflow (native addresses are those
 * of real memory).
 */
final class Overlap {
    /** No pair of problems shares memory. */
    static final long NONE = -1;

    private Overlap() {}

    /** The first problem of a pair returned by {@link #between} or {@link #within}. */
    static int first(long pair) {
        return (int) (pair >>> 32);
    }

    /** The second problem of a pair. */
    static int second(long pair) {
        return (int) pair;
    }

    private static long pair(long p, long q) {
        return p << 32 | q;
    }

    /** A pair (p, q) such that X_p and Y_q share memory, or {@link #NONE}. Strides are elements, at least 0. */
    static long between(Matrix x, long tx, Matrix y, long ty, int batch) {
        if (x.size() == 0 || y.size() == 0 || !comparable(x.segment, y.segment)) return NONE;
        long bx = start(x), by = start(y), lx = bytes(x), ly = bytes(y);
        // A batch of one never moves (its strides are unchecked: they may be anything).
        long stepX = batch == 1 ? 0 : tx * Float.BYTES, stepY = batch == 1 ? 0 : ty * Float.BYTES;
        // The families' whole byte ranges: disjoint ones (the usual case: separate matrices) end it here.
        if (bx + (batch - 1L) * stepX + lx <= by || by + (batch - 1L) * stepY + ly <= bx) return NONE;
        if (stepX == stepY) return byDistance(x, y, bx - by, stepX, batch, false);
        for (long p = 0, last = stepX == 0 ? 0 : batch - 1; p <= last; p++) { // X_p all alike: p = 0 is enough
            long sx = bx + p * stepX;
            // Y_q's span meets X_p's when sx - ly < by + q·stepY < sx + lx.
            long qlo = 0, qhi = 0;
            if (stepY > 0) {
                qlo = Math.max(0, Math.floorDiv(sx - ly - by, stepY) + 1);
                qhi = Math.min(batch - 1L, Math.ceilDiv(sx + lx - by, stepY) - 1);
            }
            for (long q = qlo; q <= qhi; q++) {
                if (hits(x, y, sx - (by + q * stepY))) return pair(p, q);
            }
        }
        return NONE;
    }

    /** A pair p > q such that X_p and X_q share memory, or {@link #NONE}. */
    static long within(Matrix x, long tx, int batch) {
        if (x.size() == 0 || batch < 2) return NONE;
        return byDistance(x, x, 0, tx * Float.BYTES, batch, true);
    }

    /**
     * Families with one byte step: X_p against Y_q depends only on d = p − q, whose candidates are the d for
     * which the spans meet, −lx < d0 + d·step < ly. For one family only d > 0 (the relation is symmetric).
     */
    private static long byDistance(Matrix x, Matrix y, long d0, long step, int batch, boolean self) {
        long lx = bytes(x), ly = bytes(y);
        long dlo = self ? 1 : 1 - batch, dhi = batch - 1;
        if (step > 0) {
            dlo = Math.max(dlo, Math.floorDiv(-lx - d0, step) + 1);
            dhi = Math.min(dhi, Math.ceilDiv(ly - d0, step) - 1);
        } else if (!self) {
            dlo = dhi = 0; // every problem at one place
        }
        for (long d = dlo; d <= dhi; d++) {
            if (hits(x, y, d0 + d * step)) {
                long p = Math.max(d, 0);
                return pair(p, p - d);
            }
        }
        return NONE;
    }

    /** Whether x and y share a byte when x's first element lies {@code dBytes} after y's. */
    static boolean hits(Matrix x, Matrix y, long dBytes) {
        int rx = x.storedRows(), ry = y.storedRows();
        if (rx > 1 && ry > 1 && x.stride != y.stride) return dBytes > -bytes(x) && dBytes < bytes(y);
        long d = Math.floorDiv(dBytes, Float.BYTES);
        return sharesElement(x, y, d) || (dBytes % Float.BYTES != 0 && sharesElement(x, y, d + 1));
    }

    /**
     * On one grid of row stride S, with x's first element d elements after y's: element (r, c) of x is (r', c')
     * of y when d = (r' − r)·S + (c' − c). Solves for the row difference e = r' − r: e·S must lie in
     * [d − (cy − 1), d + (cx − 1)], and e in [−(rx − 1), ry − 1].
     */
    private static boolean sharesElement(Matrix x, Matrix y, long d) {
        int rx = x.storedRows(), ry = y.storedRows(), cx = x.storedCols(), cy = y.storedCols();
        long lo = d - (cy - 1), hi = d + (cx - 1);
        long s = rx > 1 ? x.stride : ry > 1 ? y.stride : 0;
        if (s == 0) return lo <= 0 && 0 <= hi; // a single stored row each (or rows at one place): e = 0
        long elo = Math.max(Math.ceilDiv(lo, s), 1 - rx), ehi = Math.min(Math.floorDiv(hi, s), ry - 1);
        return elo <= ehi;
    }

    /** Byte address of a view's first element, comparable within one base. */
    static long start(Matrix m) {
        return m.segment.address() + m.offset * Float.BYTES;
    }

    /** Bytes from a view's first element to the end of its last. */
    private static long bytes(Matrix m) {
        return m.extent() * Float.BYTES;
    }

    /**
     * Whether the addresses of a and b may be compared: both native, or heap segments of one array. A read-only
     * heap segment hides its array: it may be any, so it compares with all.
     */
    static boolean comparable(MemorySegment a, MemorySegment b) {
        if (a.isNative() != b.isNative()) return false;
        if (a.isNative()) return true;
        Object x = a.heapBase().orElse(null), y = b.heapBase().orElse(null);
        return x == y || x == null || y == null;
    }

    /** Whether a and b are certainly the same memory at the same address: one native block or one known array. */
    static boolean sameBase(MemorySegment a, MemorySegment b) {
        if (a.isNative() || b.isNative()) return a.isNative() && b.isNative();
        Object x = a.heapBase().orElse(null);
        return x != null && x == b.heapBase().orElse(null);
    }
}
