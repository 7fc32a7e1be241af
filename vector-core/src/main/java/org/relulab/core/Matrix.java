package org.relulab.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A row-major fp32 matrix view over a {@link MemorySegment}: no data of its own, only a shape and where
 * its elements lie.
 *
 * <p>The storage is a grid of {@code storedRows × storedCols} floats, row {@code r} starting at element
 * {@code offset + r * stride} of the segment. A view is either that grid ({@link #isTransposed()} false)
 * or its transpose: {@link #t()} flips the flag without copying, and every kernel reads both forms.
 * Sub-views ({@link #rows(int, int)}, {@link #cols(int, int)}, {@link #row(int)}, {@link #col(int)})
 * share the storage. A view's lifetime is that of its segment: after its {@link Workspace} closes, any
 * access throws {@link IllegalStateException}.
 */
public final class Matrix {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** The solver's double-precision vectors (off-heap, beside the fp32 matrices). */
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    final MemorySegment segment;
    /** Element index (not bytes) of logical element (0, 0) in {@link #segment}. */
    final long offset;
    /** Logical shape. */
    final int rows, cols;
    /** Elements between the starts of two consecutive stored rows. */
    final int stride;
    /** True when the logical matrix is the transpose of the stored grid. */
    final boolean transposed;

    Matrix(MemorySegment segment, long offset, int rows, int cols, int stride, boolean transposed) {
        this.segment = segment;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.stride = stride;
        this.transposed = transposed;
    }

    /**
     * A row-major view of {@code rows × cols} floats at element {@code offset} of {@code segment},
     * consecutive rows {@code stride} elements apart. The caller owns the segment and its lifetime.
     *
     * @param segment the memory holding the floats, heap or off-heap, of any alignment; not copied
     * @param offset the element index (not bytes) of element (0, 0), ≥ 0
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @param stride the elements (not bytes) between the starts of consecutive rows: ≥ {@code cols} when there
     *     is more than one row
     * @return a view of the segment, not transposed; it reads and writes the segment's memory
     * @throws IllegalArgumentException when the segment is null, a number is negative, the view does not fit in
     *     the segment (an empty view may start at its end), or the stride is shorter than a row
     */
    public static Matrix wrap(MemorySegment segment, long offset, int rows, int cols, int stride) {
        if (segment == null) throw new IllegalArgumentException("segment is null");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + ": expected non-negative rows and cols");
        }
        if (stride < 0) throw new IllegalArgumentException("stride " + stride + ": expected >= 0");
        if (rows > 1 && stride < cols) {
            throw new IllegalArgumentException("stride " + stride + " < cols " + cols + ": rows would overlap");
        }
        if (offset < 0) throw new IllegalArgumentException("offset " + offset + ": expected >= 0");
        Matrix m = new Matrix(segment, offset, rows, cols, stride, false);
        m.checkInside();
        return m;
    }

    /**
     * A dense row-major view of a float array (stride = cols), mainly for tests and small inputs.
     *
     * @param data the elements, row-major: {@code rows * cols} of them; the view writes through to the array
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @return a view of the array itself, no copy; its memory is the array's, so it never closes
     * @throws IllegalArgumentException when the array is null or its length is not {@code rows * cols}
     */
    public static Matrix wrap(float[] data, int rows, int cols) {
        if (data == null) throw new IllegalArgumentException("array is null (for a " + rows + "x" + cols + " view)");
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("array of length " + data.length + " cannot hold " + rows + "x" + cols);
        }
        return wrap(MemorySegment.ofArray(data), 0, rows, cols, cols);
    }

    /**
     * Elements from the first to one past the last of the stored grid, 0 when empty: at most about 2^62, so it
     * never overflows.
     */
    long extent() {
        if (rows == 0 || cols == 0) return 0;
        return (long) (storedRows() - 1) * stride + storedCols();
    }

    private void checkInside() {
        String outside = outside(offset, extent(), segment);
        if (outside != null) throw new IllegalArgumentException("view " + this + " " + outside);
    }

    /**
     * Null when {@code extent} elements from element {@code start} (≥ 0) lie inside {@code segment}; otherwise
     * where they end, for a message. The one bounds rule of views and batches: start + extent ≤ the segment's
     * floats, compared without forming the sum, which may overflow a long.
     */
    static String outside(long start, long extent, MemorySegment segment) {
        long capacity = segment.byteSize() / Float.BYTES;
        if (extent <= capacity && start <= capacity - extent) return null;
        String end = start > Long.MAX_VALUE - extent
                ? "ends beyond element " + Long.MAX_VALUE + " (offset + extent overflows a long)"
                : extent == 0 ? "starts at element " + start : "ends at element " + (start + extent - 1);
        return end + " but its segment holds " + capacity + " floats";
    }

    /**
     * The number of logical rows.
     *
     * @return the rows of this view as it is read (the stored grid's columns when transposed)
     */
    public int rows() { return rows; }

    /**
     * The number of logical columns.
     *
     * @return the columns of this view as it is read (the stored grid's rows when transposed)
     */
    public int cols() { return cols; }

    /**
     * Elements between the starts of two consecutive rows of the underlying storage.
     *
     * @return the stride in elements (not bytes), of the stored grid: between logical columns when transposed
     */
    public int stride() {
        return stride;
    }

    /**
     * Element index of logical element (0, 0) in {@link #segment()}.
     *
     * @return the index in floats, not bytes
     */
    public long offset() { return offset; }

    /**
     * Whether this view is the transpose of its stored grid.
     *
     * @return true when logical element (i, j) is stored at row j, column i of the grid
     */
    public boolean isTransposed() { return transposed; }

    /**
     * The memory this view reads and writes, shared with every view of the same storage.
     *
     * @return the segment the view was made on, whole (not sliced at the view's offset); its owner (a
     *     {@link Workspace}, or the caller of {@link #wrap}) decides how long it stays alive
     */
    public MemorySegment segment() { return segment; }

    /**
     * rows × cols.
     *
     * @return the number of logical elements, as a long since it may exceed the int range
     */
    public long size() { return (long) rows * cols; }

    int storedRows() { return transposed ? cols : rows; }

    int storedCols() { return transposed ? rows : cols; }

    /** Elements between logical (i, j) and (i + 1, j). */
    int rowStep() { return transposed ? 1 : stride; }

    /** Elements between logical (i, j) and (i, j + 1). */
    int colStep() { return transposed ? stride : 1; }

    long index(int i, int j) {
        return offset + (long) i * rowStep() + (long) j * colStep();
    }

    /**
     * The transpose, sharing storage.
     *
     * @return a cols × rows view of the same elements, with {@link #isTransposed()} flipped; nothing is copied
     */
    public Matrix t() {
        return new Matrix(segment, offset, cols, rows, stride, !transposed);
    }

    /**
     * Logical rows {@code [from, to)}.
     *
     * @param from the first row, inclusive, 0 ≤ from ≤ to
     * @param to one past the last row, to ≤ {@link #rows()}
     * @return a (to − from) × cols view sharing this view's storage and layout
     * @throws IllegalArgumentException when the range is not inside [0, rows]
     */
    public Matrix rows(int from, int to) {
        checkRange("rows", from, to, rows);
        return new Matrix(segment, offset + (long) from * rowStep(), to - from, cols, stride, transposed);
    }

    /**
     * Logical columns {@code [from, to)}.
     *
     * @param from the first column, inclusive, 0 ≤ from ≤ to
     * @param to one past the last column, to ≤ {@link #cols()}
     * @return a rows × (to − from) view sharing this view's storage and layout
     * @throws IllegalArgumentException when the range is not inside [0, cols]
     */
    public Matrix cols(int from, int to) {
        checkRange("cols", from, to, cols);
        return new Matrix(segment, offset + (long) from * colStep(), rows, to - from, stride, transposed);
    }

    /**
     * Row {@code i} as a 1 × cols view.
     *
     * @param i the logical row, 0 ≤ i &lt; rows
     * @return the row, sharing storage (its elements are contiguous unless this view is transposed)
     * @throws IllegalArgumentException when i is outside [0, rows)
     */
    public Matrix row(int i) { return rows(i, i + 1); }

    /**
     * Column {@code j} as a rows × 1 view.
     *
     * @param j the logical column, 0 ≤ j &lt; cols
     * @return the column, sharing storage (its elements are contiguous only when this view is transposed)
     * @throws IllegalArgumentException when j is outside [0, cols)
     */
    public Matrix col(int j) { return cols(j, j + 1); }

    private static void checkRange(String what, int from, int to, int size) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException(what + " [" + from + ", " + to + ") outside [0, " + size + ")");
        }
    }

    /**
     * Logical element (i, j), with bounds checks: for tests and small inputs, not for loops over large views.
     *
     * @param i the row, 0 ≤ i &lt; rows
     * @param j the column, 0 ≤ j &lt; cols
     * @return the element
     * @throws IndexOutOfBoundsException when (i, j) is outside the shape
     * @throws IllegalStateException when the segment's workspace is closed
     */
    public float get(int i, int j) {
        checkIndex(i, j);
        return segment.getAtIndex(F32, index(i, j));
    }

    /**
     * Sets logical element (i, j), with bounds checks: for tests and small inputs, not for loops over large views.
     *
     * @param i the row, 0 ≤ i &lt; rows
     * @param j the column, 0 ≤ j &lt; cols
     * @param v the new value
     * @throws IndexOutOfBoundsException when (i, j) is outside the shape
     * @throws IllegalStateException when the segment's workspace is closed
     */
    public void set(int i, int j, float v) {
        checkIndex(i, j);
        segment.setAtIndex(F32, index(i, j), v);
    }

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + shape());
        }
    }

    /**
     * Sets every element to {@code v}.
     *
     * @param v the value written to every logical element
     * @return this view, for chaining
     */
    public Matrix fill(float v) {
        for (int r = 0; r < storedRows(); r++) {
            long base = offset + (long) r * stride;
            for (int c = 0; c < storedCols(); c++) segment.setAtIndex(F32, base + c, v);
        }
        return this;
    }

    /**
     * Copies a row-major array of rows × cols logical elements into this view.
     *
     * @param data the elements, row-major in this view's logical shape (whatever its layout); read, not kept
     * @return this view, for chaining
     * @throws IllegalArgumentException when the array's length is not rows × cols
     */
    public Matrix copyFrom(float[] data) {
        if (data.length != size()) {
            throw new IllegalArgumentException("array of length " + data.length + " for a " + shape() + " view");
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) segment.setAtIndex(F32, index(i, j), data[i * cols + j]);
        }
        return this;
    }

    /**
     * Copies another view of the same shape (any layout) into this one.
     *
     * @param src the view read, element by element in logical row-major order; overlap with this view is not
     *     checked, so a partly overlapping source may be read after it was overwritten
     * @return this view, for chaining
     * @throws IllegalArgumentException when the shapes differ
     */
    public Matrix copyFrom(Matrix src) {
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("copy of " + src.shape() + " into " + shape());
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++)
                segment.setAtIndex(F32, index(i, j), src.segment.getAtIndex(F32, src.index(i, j)));
        }
        return this;
    }

    /**
     * The logical elements, row-major.
     *
     * @return a new array of rows × cols floats, a copy that does not follow later writes to the view
     * @throws IllegalStateException when the view has more elements than one array can hold
     */
    public float[] toArray() {
        if (size() > Integer.MAX_VALUE - 8) throw new IllegalStateException(shape() + " is too large for one array");
        float[] out = new float[(int) size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[i * cols + j] = segment.getAtIndex(F32, index(i, j));
        }
        return out;
    }

    /**
     * "rows x cols".
     *
     * @return the logical shape, e.g. {@code "3x4"}, as the kernels' error messages print it
     */
    public String shape() { return rows + "x" + cols; }

    @Override
    public String toString() {
        return "Matrix[" + shape() + (transposed ? " transposed" : "") + ", stride " + stride + ", offset " + offset
                + "]";
    }
}
