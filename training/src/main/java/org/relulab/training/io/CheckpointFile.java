package org.relulab.training.io;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.relulab.core.Matrix;

/**
 * A training checkpoint in one file, written atomically ({@link AtomicFile}: temporary file, fsync, rename):
 * the step count, the wall time so far, the options of the run that wrote it, and the learner's trained blocks as
 * float32 matrices, bit for bit. Layout, little-endian: magic "RLCK", version 2, step (long), seconds (double), option
 * count (int) and per option its key and value, block count (int); per block: name, rows, cols (ints), rows × cols
 * floats; then a CRC-32 of everything before it. Every text is its UTF-8 length (int) and bytes. A torn or altered
 * file fails the CRC with a clear message instead of resuming wrong weights; a defect of the content is an
 * {@link IllegalArgumentException} naming the file and the defect. Version 1 (no options) is refused: what it would
 * resume could not be checked against the run's manifest.
 *
 * @param step    gradient steps taken before the checkpoint, 0 or more
 * @param seconds training wall time up to it, finite and 0 or more
 * @param options the options of the run that wrote it (those that determine its weights and metrics), in order
 * @param names   block names, in the learner's block order
 * @param blocks  each block's elements, row-major
 * @param shapes  each block's rows and cols
 */
public record CheckpointFile(long step, double seconds, Map<String, String> options, List<String> names,
        List<float[]> blocks, List<int[]> shapes) {
    private static final int MAGIC = 0x4b434c52; // "RLCK" little-endian
    private static final int VERSION = 2;
    private static final int MAX_ENTRIES = 1000; // options or blocks: a count beyond is a defect, not a run

    /** Writes a checkpoint of {@code blocks} (named) after {@code step} steps of a run with {@code options}. */
    public static void write(Path file, long step, double seconds, Map<String, String> options, List<String> names,
            List<Matrix> blocks)
            throws IOException {
        long size = 4 + 4 + 8 + 8 + 4 + 4 + 4;
        for (Map.Entry<String, String> o : options.entrySet())
            size += 8 + utf8(o.getKey()).length + utf8(o.getValue()).length;
        for (int i = 0; i < blocks.size(); i++) size += 4 + utf8(names.get(i)).length + 8 + 4L * blocks.get(i).size();
        if (size > Integer.MAX_VALUE) throw new IOException("checkpoint of " + size + " bytes: expected at most 2 GB");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(step).putDouble(seconds).putInt(options.size());
        for (Map.Entry<String, String> o : options.entrySet()) putText(putText(b, o.getKey()), o.getValue());
        b.putInt(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Matrix m = blocks.get(i);
            putText(b, names.get(i)).putInt(m.rows()).putInt(m.cols());
            for (float v : m.toArray()) b.putFloat(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        AtomicFile.write(file, ch -> {
            while (b.hasRemaining()) ch.write(b);
        });
    }

    /**
     * Deletes the partial checkpoints that a process killed while writing {@code file} left under temporary names
     * (the file itself is never partial); returns how many. For a run that is resumed, before it writes again, and
     * only while it holds its folder's lock: a temporary file of a run still going is that run's write in progress.
     */
    public static int deleteTornWrites(Path file) throws IOException {
        return AtomicFile.deleteLeftovers(file);
    }

    /**
     * Reads a checkpoint, checking its magic, version, sizes, CRC, step and time; a defect is an
     * {@link IllegalArgumentException} naming the file and the defect, a failure to read it an IOException.
     */
    public static CheckpointFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String where = file.toString();
        if (bytes.length < 36) {
            throw new IllegalArgumentException(
                    where + ": " + bytes.length + " bytes, too short for a checkpoint (a truncated file?)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue())
            throw new IllegalArgumentException(where + ": CRC mismatch (a torn or altered checkpoint)");
        if (b.getInt() != MAGIC) throw new IllegalArgumentException(where + ": not a relulab checkpoint (bad magic)");
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(where + ": checkpoint version " + version + " (expected " + VERSION
                    + (version < VERSION
                            ? ": an older relulab wrote it without the run's options, so it cannot be checked; "
                                    + "start the run again)"
                            : ": a newer relulab wrote it)"));
        }
        long step = b.getLong();
        double seconds = b.getDouble();
        if (step < 0) throw new IllegalArgumentException(where + ": step " + step + " (expected 0 or more)");
        if (!(seconds >= 0) || Double.isInfinite(seconds))
            throw new IllegalArgumentException(where + ": " + seconds + " seconds (expected a finite time, 0 or more)");
        b.limit(bytes.length - 4); // the CRC is not content
        try {
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = count(b, where, "options"); i > 0; i--) options.put(text(b), text(b));
            int blocks = count(b, where, "blocks");
            List<String> names = new ArrayList<>();
            List<float[]> data = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                names.add(text(b));
                int rows = b.getInt(), cols = b.getInt();
                if (rows < 0 || cols < 0 || (long) rows * cols * 4 > b.remaining()) {
                    throw new IllegalArgumentException(
                            where + ": block " + i + " claims " + rows + "x" + cols + ", more than the file holds");
                }
                float[] values = new float[rows * cols];
                b.asFloatBuffer().get(values);
                b.position(b.position() + 4 * values.length);
                data.add(values);
                shapes.add(new int[] {rows, cols});
            }
            if (b.hasRemaining())
                throw new IllegalArgumentException(where + ": " + b.remaining() + " unexpected bytes after the blocks");
            return new CheckpointFile(step, seconds, options, names, data, shapes);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    where + ": truncated checkpoint (a count or a length runs past its end)");
        }
    }

    /**
     * Copies block i into {@code m}, which must have the shape and name the checkpoint recorded; else an
     * {@link IllegalArgumentException}.
     */
    public void restore(int i, String name, Matrix m) {
        if (i >= names.size() || !names.get(i).equals(name) || shapes.get(i)[0] != m.rows()
                || shapes.get(i)[1] != m.cols()) {
            throw new IllegalArgumentException("checkpoint block " + i + " is "
                    + (i >= names.size() ? "missing" : names.get(i) + " " + shapes.get(i)[0] + "x" + shapes.get(i)[1])
                    + ": expected " + name + " " + m.shape() + " (a checkpoint of another run configuration?)");
        }
        m.copyFrom(blocks.get(i));
    }

    private static int count(ByteBuffer b, String where, String what) {
        int n = b.getInt();
        if (n < 0 || n > MAX_ENTRIES)
            throw new IllegalArgumentException(where + ": " + n + " " + what + ", expected 0 to " + MAX_ENTRIES);
        return n;
    }

    private static String text(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) throw new BufferUnderflowException();
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer putText(ByteBuffer b, String text) {
        byte[] bytes = utf8(text);
        return b.putInt(bytes.length).put(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
