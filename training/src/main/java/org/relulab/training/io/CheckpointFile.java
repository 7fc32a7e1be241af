package org.relulab.training.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.relulab.core.Matrix;

/**
 * A training checkpoint in one file, written atomically ({@link AtomicFile}: temporary file, fsync, rename):
 * the step count, the wall time so far, and the learner's trained blocks as float32 matrices, bit for bit.
 * Layout, little-endian: magic "RLCK", version 1, step (long), seconds (double), block count (int); per
 * block: name length and UTF-8 name, rows, cols (ints), rows × cols floats; then a CRC-32 of everything
 * before it. A torn or altered file fails the CRC with a clear message instead of resuming wrong weights.
 *
 * @param step    gradient steps taken before the checkpoint
 * @param seconds training wall time up to it
 * @param names   block names, in the learner's block order
 * @param blocks  each block's elements, row-major
 * @param shapes  each block's rows and cols
 */
public record CheckpointFile(long step, double seconds, List<String> names, List<float[]> blocks, List<int[]> shapes) {
    private static final int MAGIC = 0x4b434c52; // "RLCK" little-endian
    private static final int VERSION = 1;

    /** Writes a checkpoint of {@code blocks} (named) after {@code step} steps. */
    public static void write(Path file, long step, double seconds, List<String> names, List<Matrix> blocks)
            throws IOException {
        long size = 4 + 4 + 8 + 8 + 4 + 4;
        for (int i = 0; i < blocks.size(); i++)
            size += 4 + names.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 8
                    + 4L * blocks.get(i).size();
        if (size > Integer.MAX_VALUE) throw new IOException("checkpoint of " + size + " bytes: expected at most 2 GB");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(step).putDouble(seconds).putInt(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            byte[] name = names.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Matrix m = blocks.get(i);
            b.putInt(name.length).put(name).putInt(m.rows()).putInt(m.cols());
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
     * (the file itself is never partial); returns how many. For a run that is resumed, before it writes again.
     */
    public static int deleteTornWrites(Path file) throws IOException {
        return AtomicFile.deleteLeftovers(file);
    }

    /** Reads a checkpoint, checking its magic, version, sizes and CRC; any defect is an IOException naming it. */
    public static CheckpointFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String where = file.toString();
        if (bytes.length < 32)
            throw new IOException(where + ": " + bytes.length + " bytes, too short for a checkpoint");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue())
            throw new IOException(where + ": CRC mismatch (a torn or altered checkpoint)");
        if (b.getInt() != MAGIC) throw new IOException(where + ": not a relulab checkpoint (bad magic)");
        int version = b.getInt();
        if (version != VERSION)
            throw new IOException(where + ": checkpoint version " + version + ", expected " + VERSION);
        long step = b.getLong();
        double seconds = b.getDouble();
        int count = b.getInt();
        if (count < 0 || count > 1000) throw new IOException(where + ": " + count + " blocks, expected 0 to 1000");
        List<String> names = new ArrayList<>();
        List<float[]> blocks = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[b.getInt()];
                b.get(name);
                int rows = b.getInt(), cols = b.getInt();
                if (rows < 0 || cols < 0 || (long) rows * cols * 4 > b.remaining()) {
                    throw new IOException(
                            where + ": block " + i + " claims " + rows + "x" + cols + ", more than the file holds");
                }
                float[] data = new float[rows * cols];
                for (int j = 0; j < data.length; j++) data[j] = b.getFloat();
                names.add(new String(name, java.nio.charset.StandardCharsets.UTF_8));
                blocks.add(data);
                shapes.add(new int[] {rows, cols});
            }
        } catch (RuntimeException e) {
            throw new IOException(where + ": truncated checkpoint (" + e + ")", e);
        }
        if (b.remaining() != 4)
            throw new IOException(where + ": " + (b.remaining() - 4) + " unexpected bytes after the blocks");
        return new CheckpointFile(step, seconds, names, blocks, shapes);
    }

    /** Copies block i into {@code m}, which must have the shape and name the checkpoint recorded. */
    public void restore(int i, String name, Matrix m) throws IOException {
        if (!names.get(i).equals(name) || shapes.get(i)[0] != m.rows() || shapes.get(i)[1] != m.cols()) {
            throw new IOException(
                    "checkpoint block " + i + " is " + names.get(i) + " " + shapes.get(i)[0] + "x" + shapes.get(i)[1]
                            + ": expected " + name + " " + m.shape() + " (a checkpoint of another run configuration?)");
        }
        m.copyFrom(blocks.get(i));
    }
}
