package org.relulab.core;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The owner of off-heap matrices: everything allocated from a workspace lives until {@link #close()},
 * which frees it all at once. Using a matrix after its workspace closed, or closing twice, throws
 * {@link IllegalStateException}; it never touches freed memory.
 *
 * <p>{@link #shared()} (the default) can be read and written by any thread, including the GEMM worker
 * threads of {@link Kernels}; {@link #confined()} only by the thread that opened it, so multi-threaded
 * kernels fall back to the calling thread on its matrices (results are bit-identical either way).
 */
public final class Workspace implements AutoCloseable {
    /** Rows start on this many bytes: one cache line, and a full AVX-512 vector. */
    public static final int ROW_ALIGN_BYTES = 64;
    static final int ROW_ALIGN_FLOATS = ROW_ALIGN_BYTES / Float.BYTES;

    private final Arena arena;
    private final String kind;
    /** The thread that opened a confined workspace (the only one that may close it); null when shared. */
    private final Thread owner;

    private Workspace(Arena arena, String kind, Thread owner) {
        this.arena = arena;
        this.kind = kind;
        this.owner = owner;
    }

    /**
     * A workspace whose memory any thread may use (an {@link Arena#ofShared()} arena).
     *
     * @return a new open workspace; the caller owns it and must {@link #close()} it to free its memory
     */
    public static Workspace shared() {
        return new Workspace(Arena.ofShared(), "shared", null);
    }

    /**
     * A workspace whose memory only the opening thread may use (an {@link Arena#ofConfined()} arena).
     *
     * @return a new open workspace owned by the calling thread, the only one that may use or close it
     */
    public static Workspace confined() {
        return new Workspace(Arena.ofConfined(), "confined", Thread.currentThread());
    }

    /** Row strides that are multiples of this many floats (1 KB) get one more cache line. */
    static final int ALIAS_FLOATS = 256;

    /**
     * The row stride for {@code cols} columns: {@code cols} rounded up to a whole cache line, plus one more
     * line when that is a multiple of 1 KB. With a power-of-two stride, walking down a column hits the same
     * few cache sets row after row: the GEMM packing of a stored-transposed 4096 × 1024 operand ran at
     * 86-127 GFLOP/s on 2 threads with a 4 KB stride, 157-165 with 4 KB + 64 B (Zen 4, GEMM-NOTES.md).
     *
     * @param cols the number of columns, ≥ 0
     * @return the stride in floats (not bytes): a multiple of 16 (64 bytes), at least {@code cols}
     * @throws IllegalArgumentException when cols is negative or the padded stride exceeds the int range
     */
    public static int paddedStride(int cols) {
        if (cols < 0) throw new IllegalArgumentException("cols " + cols + ": expected >= 0");
        long s = (cols + (long) ROW_ALIGN_FLOATS - 1) / ROW_ALIGN_FLOATS * ROW_ALIGN_FLOATS;
        if (s >= ALIAS_FLOATS && s % ALIAS_FLOATS == 0) s += ROW_ALIGN_FLOATS;
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cols " + cols + ": the padded row stride " + s
                    + " exceeds the int range of strides (expected at most " + (Integer.MAX_VALUE - 15) + " cols)");
        }
        return (int) s;
    }

    /**
     * A zeroed {@code rows × cols} matrix whose rows start 64-byte aligned.
     *
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @return a row-major view with stride {@link #paddedStride paddedStride(cols)}, alive until this workspace
     *     closes
     * @throws IllegalArgumentException when a number is negative or the matrix's bytes exceed the long range
     * @throws IllegalStateException when the workspace is closed
     */
    public Matrix matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + ": expected non-negative rows and cols");
        }
        int stride = paddedStride(cols);
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact((long) rows, (long) stride), (long) Float.BYTES);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + ": " + rows + " rows of " + stride
                    + " floats exceed the long range of byte sizes");
        }
        MemorySegment seg = allocate(Math.max(bytes, ROW_ALIGN_BYTES));
        return new Matrix(seg, 0, rows, cols, stride, false);
    }

    /**
     * A zeroed {@code rows × cols} matrix filled from a row-major array.
     *
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @param data rows × cols elements, row-major; copied, the array is not kept
     * @return a row-major view as {@link #matrix(int, int)} gives, holding a copy of {@code data}
     * @throws IllegalArgumentException when a number is negative or the array's length is not rows × cols
     * @throws IllegalStateException when the workspace is closed
     */
    public Matrix matrix(int rows, int cols, float[] data) {
        return matrix(rows, cols).copyFrom(data);
    }

    /**
     * A zeroed 1 × n matrix: relulab's vector.
     *
     * @param n the length, ≥ 0
     * @return a 1 × n row view, its elements contiguous
     */
    public Matrix vector(int n) {
        return matrix(1, n);
    }

    /**
     * A zeroed n × 1 column vector whose elements are contiguous (the transposed view of a 1 × n row), so
     * kernels run over it in one vector loop: for labels, predictions and per-neuron values.
     *
     * @param n the length, ≥ 0
     * @return an n × 1 view with {@link Matrix#isTransposed()} true
     */
    public Matrix column(int n) {
        return matrix(1, n).t();
    }

    /**
     * Raw zeroed memory of {@code bytes} bytes, 64-byte aligned, owned by this workspace.
     *
     * @param bytes the size in bytes, ≥ 0
     * @return a segment of this workspace's arena, freed by {@link #close()}
     * @throws IllegalArgumentException when bytes is negative
     * @throws IllegalStateException when the workspace is closed
     */
    public MemorySegment allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("allocate: bytes " + bytes + " (expected >= 0)");
        checkOpen();
        return arena.allocate(bytes, ROW_ALIGN_BYTES); // Arena.allocate zero-fills
    }

    /**
     * Whether the memory is still there: the arena's own state, so every thread sees the same answer.
     *
     * @return true until a {@link #close()} succeeds
     */
    public boolean isOpen() {
        return arena.scope().isAlive();
    }

    private void checkOpen() {
        if (!isOpen()) throw new IllegalStateException("workspace (" + kind + ") is closed: it can no longer allocate");
    }

    /**
     * Frees every matrix of this workspace. A second call throws {@link IllegalStateException}. A close that
     * cannot happen changes nothing: a confined workspace closed from another thread throws
     * {@link WrongThreadException} and stays open (its owner can still use and close it), and so does any close
     * the arena itself refuses, since the arena's state is the workspace's.
     */
    @Override
    public void close() {
        if (!isOpen()) throw new IllegalStateException("workspace (" + kind + ") was already closed");
        if (owner != null && owner != Thread.currentThread()) {
            throw new WrongThreadException("workspace (confined) belongs to thread \"" + owner.getName()
                    + "\" but thread \"" + Thread.currentThread().getName()
                    + "\" tried to close it: only its owner can; it stays open");
        }
        arena.close(); // the arena's state is the workspace's: it changes only when this succeeds
    }

    @Override
    public String toString() {
        return "Workspace[" + kind + (isOpen() ? "" : ", closed") + "]";
    }
}
