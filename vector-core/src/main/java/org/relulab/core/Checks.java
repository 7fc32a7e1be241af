package org.relulab.core;

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

    /** The very same view: one memory at one address (any segment objects), one shape, layout and row stride. */
    static boolean sameView(Matrix x, Matrix y) {
        return Overlap.sameBase(x.segment, y.segment) && Overlap.start(x) == Overlap.start(y) && x.rows == y.rows
                && x.cols == y.cols && x.transposed == y.transposed && (x.stride == y.stride || x.storedRows() == 1);
    }

    /** Whether two views share a byte (see {@link Overlap} for when that is exact). */
    static boolean overlaps(Matrix x, Matrix y) {
        return Overlap.between(x, 0, y, 0, 1) != Overlap.NONE;
    }
}
