package org.relulab.core;

import java.lang.foreign.MemorySegment;

/** Argument checks of {@link Kernels}: each failure names the operation, the operands and their shapes. */
final class Checks {
    private Checks() {}

    static void open(String op, String name, Matrix m) {
        if (m == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (!m.segment.scope().isAlive()) {
            throw new IllegalStateException(op + ": " + name + " " + m + " belongs to a closed workspace");
        }
    }

    static void sameShape(String op, String xn, Matrix x, String yn, Matrix y) {
        if (x.rows != y.rows || x.cols != y.cols) {
            throw new IllegalArgumentException(op + ": " + xn + " is " + x.shape() + " but " + yn + " is " + y.shape()
                    + " (expected the same shape)");
        }
    }

    /** A vector is a matrix with one row or one column. */
    static void vector(String op, String name, Matrix v, long expectedLength) {
        if (v.rows != 1 && v.cols != 1) {
            throw new IllegalArgumentException(
                    op + ": " + name + " is " + v.shape() + " (expected a 1xn or nx1 vector)");
        }
        if (length(v) != expectedLength) {
            throw new IllegalArgumentException(op + ": " + name + " has length " + length(v) + " (" + v.shape()
                    + "), expected " + expectedLength);
        }
    }

    static int length(Matrix v) {
        return v.rows == 1 ? v.cols : v.rows;
    }

    /** Elements between consecutive entries of a vector. */
    static int step(Matrix v) {
        return v.rows == 1 ? v.colStep() : v.rowStep();
    }

    /**
     * An element-wise operation on a matrix {@code in} with one vector entry per row ({@code rows}) and per
     * column ({@code cols}), writing {@code out}: all open, vector lengths matching, out of in's shape, in
     * place or separate from in, and separate from both vectors.
     */
    static void withLineVectors(String op, String inName, Matrix in, String rowsName, Matrix rows, String colsName,
            Matrix cols, String outName, Matrix out) {
        open(op, rowsName, rows);
        open(op, colsName, cols);
        open(op, inName, in);
        open(op, outName, out);
        vector(op, rowsName, rows, in.rows);
        vector(op, colsName, cols, in.cols);
        sameShape(op, inName, in, outName, out);
        inPlaceOrDisjoint(op, outName, out, inName, in);
        disjoint(op, outName, out, rowsName, rows);
        disjoint(op, outName, out, colsName, cols);
    }

    /** Output {@code out} must be the very same view as input {@code in}, or share no element with it. */
    static void inPlaceOrDisjoint(String op, String outName, Matrix out, String inName, Matrix in) {
        if (!sameView(out, in) && overlaps(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " partly overlaps input "
                    + inName + " " + in + " (expected the very same view, or separate memory)");
        }
    }

    /** Output {@code out} must share no element with input {@code in}. */
    static void disjoint(String op, String outName, Matrix out, String inName, Matrix in) {
        if (overlaps(out, in)) {
            throw new IllegalArgumentException(op + ": output " + outName + " " + out + " overlaps input " + inName
                    + " " + in + " (expected separate memory)");
        }
    }

    static boolean sameView(Matrix x, Matrix y) {
        return x.segment.address() == y.segment.address() && sameBase(x.segment, y.segment) && x.offset == y.offset
                && x.rows == y.rows && x.cols == y.cols && x.transposed == y.transposed
                && (x.stride == y.stride || x.storedRows() == 1);
    }

    private static boolean sameBase(MemorySegment a, MemorySegment b) {
        if (a.isNative() || b.isNative()) return a.isNative() == b.isNative();
        return a.heapBase().orElse(null) == b.heapBase().orElse(null);
    }

    /** Byte address of element {@code e} of {@code s}, comparable between segments of the same base. */
    private static long addr(MemorySegment s, long e) {
        return s.address() + e * Float.BYTES;
    }

    /** Whether two views share an element (exact for views on one storage grid, else by address span). */
    static boolean overlaps(Matrix x, Matrix y) {
        if (x.size() == 0 || y.size() == 0 || !sameBase(x.segment, y.segment)) return false;
        long x0 = addr(x.segment, x.offset), x1 = addr(x.segment, last(x)) + Float.BYTES;
        long y0 = addr(y.segment, y.offset), y1 = addr(y.segment, last(y)) + Float.BYTES;
        if (x1 <= y0 || y1 <= x0) return false;
        if (x.stride != y.stride || x.stride == 0 || (x0 - y0) % Float.BYTES != 0) return true;
        // Grid coordinates from the segment's start (where a workspace matrix's row 0 begins).
        long origin = x.segment.address() == y.segment.address() ? x.segment.address() : 0;
        long px = (x0 - origin) / Float.BYTES, py = (y0 - origin) / Float.BYTES;
        long rx = px / x.stride, cx = px % x.stride, ry = py / y.stride, cy = py % y.stride;
        if (cx + x.storedCols() > x.stride || cy + y.storedCols() > y.stride) return true; // rows wrap
        boolean rows = rx < ry + y.storedRows() && ry < rx + x.storedRows();
        boolean cols = cx < cy + y.storedCols() && cy < cx + x.storedCols();
        return rows && cols;
    }

    private static long last(Matrix m) {
        return m.offset + (long) (m.storedRows() - 1) * m.stride + m.storedCols() - 1;
    }
}
