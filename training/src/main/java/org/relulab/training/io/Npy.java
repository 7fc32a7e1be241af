package org.relulab.training.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * NumPy {@code .npy} files (format 1.0; 2.0 and 3.0 also read) of 1-D and 2-D little-endian float32
 * ('&lt;f4') and float64 ('&lt;f8') arrays in C order, for exchanging data sets, weights and metrics with
 * Python: {@code np.save("x.npy", x)} on one side, {@link #readMatrix} on the other, and back.
 *
 * <p>{@link #readMatrix} rounds '&lt;f8' data to float (a finite value beyond the float range is an error)
 * and loads a 1-D array of n as a 1 x n matrix, or as an n x 1 column when the caller expects one column.
 * Every n x 1 result is laid out as {@link Workspace#column} makes it: a transposed view of contiguous
 * storage. {@link #read} keeps the file's dtype.
 *
 * <p>Writes are atomic (see {@link AtomicFile}) and byte for byte what numpy 2's {@code np.save} writes for
 * a C-contiguous array. Reads check the whole header against the file's size before allocating anything:
 * a missing or bad file (not .npy, another dtype, Fortran order, 0-D or 3-D, truncated, an absurd shape,
 * more elements than a Java array holds, the wrong shape for the caller) throws {@link NpyException}, an
 * {@link IllegalArgumentException} whose one-line message names the file, the bad value and what was
 * expected; so does a path that is not a regular file once links are followed (a folder, a FIFO, a device),
 * checked before it is opened, since opening a FIFO waits for a writer that may never come. Other I/O
 * failures throw {@link IOException}. {@link #readFiniteMatrix} also refuses NaN and infinities, naming the row
 * and the column.
 */
public final class Npy {
    /** Elements converted per step when loading into a matrix. */
    private static final int CHUNK_ELEMENTS = NpyData.CHUNK_BYTES / Double.BYTES;
    /** The longest row Workspace.matrix can pad (to 64 bytes, plus 64 against cache aliasing) within an int stride. */
    private static final int MAX_ROW_LENGTH = Integer.MAX_VALUE - 2 * (Workspace.ROW_ALIGN_BYTES / Float.BYTES);

    private Npy() {}

    /** Writes {@code m} (any layout) as a 2-D '&lt;f4' array of its logical elements, row-major, atomically. */
    public static void write(Path file, Matrix m) throws IOException {
        write(file, NpyDtype.FLOAT32, new int[] {m.rows(), m.cols()}, out -> {
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) out.putFloat(m.get(i, j));
            }
        });
    }

    /** Writes the vector {@code m} (1 × n or n × 1, any layout) as a 1-D '&lt;f4' array of n, atomically. */
    public static void writeVector(Path file, Matrix m) throws IOException {
        if (m.rows() != 1 && m.cols() != 1) {
            throw new IllegalArgumentException(file + ": a " + m.rows() + " x " + m.cols()
                    + " matrix is not a vector (expected 1 x n or n x 1)");
        }
        boolean row = m.rows() == 1;
        int n = row ? m.cols() : m.rows();
        write(file, NpyDtype.FLOAT32, new int[] {n}, out -> {
            for (int i = 0; i < n; i++) out.putFloat(row ? m.get(0, i) : m.get(i, 0));
        });
    }

    /** Writes {@code values} as a 1-D '&lt;f4' array, atomically. */
    public static void write(Path file, float[] values) throws IOException {
        write(file, NpyDtype.FLOAT32, new int[] {values.length}, out -> {
            for (float v : values) out.putFloat(v);
        });
    }

    /** Writes the rectangular {@code rows} as a 2-D '&lt;f8' array (0 rows: shape (0, 0)), atomically. */
    public static void writeDouble(Path file, double[][] rows) throws IOException {
        int cols = rows.length == 0 ? 0 : length(rows, 0);
        for (int i = 1; i < rows.length; i++) {
            if (length(rows, i) != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values (expected " + cols
                        + ", the length of row 0)");
            }
        }
        write(file, NpyDtype.FLOAT64, new int[] {rows.length, cols}, out -> {
            for (double[] row : rows) {
                for (double v : row) out.putDouble(v);
            }
        });
    }

    /** Writes {@code values} as a 1-D '&lt;f8' array, atomically. */
    public static void writeDouble(Path file, double[] values) throws IOException {
        write(file, NpyDtype.FLOAT64, new int[] {values.length}, out -> {
            for (double v : values) out.putDouble(v);
        });
    }

    /** Reads a whole 1-D or 2-D '&lt;f4' or '&lt;f8' C-order array, keeping its dtype. */
    public static NpyArray read(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = open(file, name)) {
            NpyHeader h = NpyHeader.read(ch, name);
            NpyData.In in = new NpyData.In(ch, h.dataOffset(), h.dataBytes(), name);
            int n = (int) h.elements(); // at most NpyHeader.MAX_ELEMENTS
            if (h.dtype() == NpyDtype.FLOAT64) {
                double[] d = new double[n];
                in.doubles(d, 0, n);
                return new NpyArray(h.shape(), true, null, d);
            }
            float[] f = new float[n];
            in.floats(f, 0, n);
            return new NpyArray(h.shape(), false, f, null);
        }
    }

    /**
     * The shape of a 1-D or 2-D '&lt;f4' or '&lt;f8' C-order array, from its header (checked against the file size).
     */
    public static int[] shape(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = open(file, name)) {
            return NpyHeader.read(ch, name).shape().clone();
        }
    }

    /**
     * Loads a 1-D or 2-D '&lt;f4' or '&lt;f8' array into a new matrix of {@code ws} of the expected shape (-1: any).
     */
    public static Matrix readMatrix(Workspace ws, Path file, int expectedRows, int expectedCols) throws IOException {
        return readMatrix(ws, file, expectedRows, expectedCols, false);
    }

    /**
     * As {@link #readMatrix(Workspace, Path, int, int)}, and refuses an element that is NaN or infinite, naming its
     * row and column in the file ("row 3, column 2"; "element 5" of a 1-D array).
     */
    public static Matrix readFiniteMatrix(Workspace ws, Path file, int expectedRows, int expectedCols)
            throws IOException {
        return readMatrix(ws, file, expectedRows, expectedCols, true);
    }

    private static Matrix readMatrix(Workspace ws, Path file, int expectedRows, int expectedCols, boolean finite)
            throws IOException {
        if (expectedRows < -1 || expectedCols < -1) {
            throw new IllegalArgumentException(
                    "expected shape " + expectedRows + " x " + expectedCols + ": use -1 for any size");
        }
        String name = file.toString();
        try (FileChannel ch = open(file, name)) {
            NpyHeader h = NpyHeader.read(ch, name);
            boolean vectorAsColumn = h.shape().length == 1 && expectedCols == 1 && expectedRows != 1;
            int rows = vectorAsColumn ? h.cols() : h.rows(), cols = vectorAsColumn ? 1 : h.cols();
            if ((expectedRows != -1 && expectedRows != rows) || (expectedCols != -1 && expectedCols != cols)) {
                throw NpyHeader.fail(name,
                        "shape " + h.describeShape() + (h.shape().length == 1 ? " read as " + rows + " x " + cols : "")
                                + " (expected " + any(expectedRows) + " x " + any(expectedCols) + ")");
            }
            // n x 1 data load as Workspace.column lays them out: the transposed view of one contiguous 1 x n
            // row, rather than n rows padded to 64 bytes each (16 times the memory).
            boolean column = cols == 1 && rows != 1;
            int rowLength = column ? rows : cols;
            if (rowLength > MAX_ROW_LENGTH) {
                throw NpyHeader.fail(name,
                        "shape " + h.describeShape() + " has rows of " + rowLength + " elements (expected at most "
                                + MAX_ROW_LENGTH + " in a workspace matrix, whose rows are padded to "
                                + Workspace.ROW_ALIGN_BYTES + " bytes)");
            }
            Matrix m = column ? ws.column(rows) : ws.matrix(rows, cols);
            load(column ? m.t() : m, h, new NpyData.In(ch, h.dataOffset(), h.dataBytes(), name), name, finite);
            return m;
        }
    }

    /** Fills the row-major {@code m} chunk by chunk from the data in C order; {@code finite}: refuses NaN and ±∞. */
    private static void load(Matrix m, NpyHeader h, NpyData.In in, String name, boolean finite) throws IOException {
        int chunk = Math.min(m.cols(), CHUNK_ELEMENTS);
        float[] f = new float[chunk];
        double[] d = h.dtype() == NpyDtype.FLOAT64 ? new double[chunk] : null;
        MemorySegment seg = m.segment();
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j += chunk) {
                int k = Math.min(chunk, m.cols() - j);
                if (d == null) {
                    in.floats(f, 0, k);
                } else {
                    in.doubles(d, 0, k);
                    narrow(d, f, k, (long) i * m.cols() + j, h, name);
                }
                if (finite) requireFinite(f, k, (long) i * m.cols() + j, h, name);
                long at = (m.offset() + (long) i * m.stride() + j) * Float.BYTES;
                MemorySegment.copy(f, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED, at, k);
            }
        }
    }

    /**
     * Rounds doubles to floats; a finite double beyond the float range is an error, not an infinity.
     * {@code first} is the C-order index in the file of {@code d[0]}.
     */
    private static void narrow(double[] d, float[] f, int k, long first, NpyHeader h, String name) {
        for (int t = 0; t < k; t++) {
            f[t] = (float) d[t];
            if (Float.isInfinite(f[t]) && Double.isFinite(d[t])) {
                long at = first + t;
                String where = h.shape().length == 1
                        ? "[" + at + "]"
                        : "(" + at / h.cols() + ", " + at % h.cols() + ")";
                throw NpyHeader.fail(name, "element " + where
                        + " = " + d[t] + " is too large for float32 (expected magnitude at most " + Float.MAX_VALUE
                        + ")");
            }
        }
    }

    /** Refuses the first of {@code f[0..k)} that is NaN or infinite; {@code first} is the C-order index of f[0]. */
    private static void requireFinite(float[] f, int k, long first, NpyHeader h, String name) {
        for (int t = 0; t < k; t++) {
            if (!Float.isFinite(f[t])) {
                long at = first + t;
                String where = h.shape().length == 1
                        ? "element " + at
                        : "row " + at / h.cols() + ", column " + at % h.cols();
                throw NpyHeader.fail(name, where + " is " + f[t] + " (expected finite numbers)");
            }
        }
    }

    private static String any(int n) {
        return n == -1 ? "any" : Integer.toString(n);
    }

    private static int length(double[][] rows, int i) {
        if (rows[i] == null) throw new IllegalArgumentException("row " + i + " is null");
        return rows[i].length;
    }

    private interface Elements {
        void writeTo(NpyData.Out out) throws IOException;
    }

    private static void write(Path file, NpyDtype dtype, int[] shape, Elements elements) throws IOException {
        byte[] header = NpyHeader.encode(dtype, shape);
        AtomicFile.write(file, ch -> {
            NpyData.Out out = new NpyData.Out(ch);
            out.bytes(header);
            elements.writeTo(out);
            out.flush();
        });
    }

    /**
     * Opens a file for reading once its attributes (links followed) say it is a regular file: a FIFO would block the
     * open until some writer came, a device would never end.
     */
    private static FileChannel open(Path file, String name) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw NpyHeader.fail(name, "no such file");
        }
        if (a.isDirectory()) throw NpyHeader.fail(name, "is a folder (expected a .npy file)");
        if (!a.isRegularFile()) {
            throw NpyHeader.fail(name, "is not a regular file (a FIFO, a socket or a device; expected a .npy file)");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw NpyHeader.fail(name, "no such file");
        }
    }
}
