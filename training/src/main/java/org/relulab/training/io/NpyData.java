package org.relulab.training.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Little-endian element streams through a fixed chunk buffer, so a file of any size passes through
 * {@value #CHUNK_BYTES} bytes of heap: {@link In} reads the data of a .npy file, {@link Out} writes one.
 */
final class NpyData {
    /** Bytes moved per channel call: a multiple of both element sizes. */
    static final int CHUNK_BYTES = 1 << 16;

    private NpyData() {}

    /** Reads {@code bytes} bytes of data from {@code offset} on, in order. The size was checked by the header. */
    static final class In {
        private final FileChannel ch;
        private final String name;
        private final ByteBuffer buf;
        private long position;

        In(FileChannel ch, long offset, long bytes, String name) {
            this.ch = ch;
            this.name = name;
            this.position = offset;
            this.buf = ByteBuffer.allocate((int) Math.min(bytes, CHUNK_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
            buf.limit(0);
        }

        void floats(float[] dst, int off, int len) throws IOException {
            while (len > 0) {
                fill(Float.BYTES);
                int k = Math.min(len, buf.remaining() / Float.BYTES);
                buf.asFloatBuffer().get(dst, off, k);
                buf.position(buf.position() + k * Float.BYTES);
                off += k;
                len -= k;
            }
        }

        void doubles(double[] dst, int off, int len) throws IOException {
            while (len > 0) {
                fill(Double.BYTES);
                int k = Math.min(len, buf.remaining() / Double.BYTES);
                buf.asDoubleBuffer().get(dst, off, k);
                buf.position(buf.position() + k * Double.BYTES);
                off += k;
                len -= k;
            }
        }

        /** Makes at least {@code need} bytes available in {@link #buf}. */
        private void fill(int need) throws IOException {
            if (buf.remaining() >= need) return;
            buf.compact();
            while (buf.position() < need) {
                int n = ch.read(buf, position);
                if (n < 0) {
                    throw NpyHeader.fail(name, "the file shrank to " + position
                            + " bytes while it was read (was it still being written?)");
                }
                position += n;
            }
            buf.flip();
        }
    }

    /** Writes through the chunk buffer to a channel; {@link #flush()} before closing it. */
    static final class Out {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        Out(FileChannel ch) {
            this.ch = ch;
        }

        void bytes(byte[] b) throws IOException {
            flush();
            ByteBuffer w = ByteBuffer.wrap(b);
            while (w.hasRemaining()) ch.write(w);
        }

        void putFloat(float v) throws IOException {
            if (buf.remaining() < Float.BYTES) flush();
            buf.putFloat(v);
        }

        void putDouble(double v) throws IOException {
            if (buf.remaining() < Double.BYTES) flush();
            buf.putDouble(v);
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
            buf.clear();
        }
    }
}
