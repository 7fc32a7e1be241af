package org.relulab.training.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds .npy files byte by byte from the format rules, independently of {@link Npy}'s writer. */
final class FileBytes {
    private FileBytes() {}

    /** A version 1.0 file: {@code dict} padded with spaces and '\n' to a 64-byte boundary, then {@code data}. */
    static byte[] npy(String dict, byte[] data) {
        return concat(header(1, dict, 64), data);
    }

    /** Magic, version, length and {@code dict} padded as numpy pads it: 1 to {@code align} spaces, then '\n'. */
    static byte[] header(int major, String dict, int align) {
        int preamble = major == 1 ? 10 : 12;
        int pad = align - (preamble + dict.length() + 1) % align;
        return raw(major, 0, dict + " ".repeat(pad) + "\n");
    }

    /** Magic, version and length, then {@code text} exactly as given (Latin-1). */
    static byte[] raw(int major, int minor, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate((major == 1 ? 10 : 12) + t.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) minor);
        if (major == 1) b.putShort((short) t.length);
        else b.putInt(t.length);
        return b.put(t).array();
    }

    static byte[] f4(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    static byte[] f8(double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** numpy's dict for a C-order array, without the growth padding of numpy 2. */
    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }
}
