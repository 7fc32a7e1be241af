package org.relulab.training.io;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The header of a .npy file (format versions 1.0, 2.0 and 3.0): its dtype, a shape of 1 or 2 dimensions
 * and where the C-order data start. {@link #read} validates everything it can against the file's size
 * before anyone allocates for the data; {@link #encode} writes a header byte for byte as numpy 2 does.
 *
 * <p>The layout: the magic {@code \x93NUMPY}, major and minor version bytes, the header length (uint16
 * little-endian in 1.0, uint32 in 2.0 and 3.0), then the header: a Python dict literal with the keys
 * 'descr', 'fortran_order' and 'shape', padded with spaces and a final '\n' so that the data start on a
 * multiple of 64 bytes.
 */
record NpyHeader(NpyDtype dtype, int[] shape, long dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy's ARRAY_ALIGN: the data start on a multiple of this many bytes. */
    static final int ALIGN = 64;
    /**
     * numpy's GROWTH_AXIS_MAX_DIGITS: numpy 2 pads the dict with 21 - len(str(shape[0])) spaces before the
     * alignment padding, so that the first dimension can grow in place.
     */
    static final int GROWTH_DIGITS = 21;
    /** A longer header is not an array header: numpy's own default limit is 10000 characters. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** The most elements one Java array holds (the VM refuses the last few below Integer.MAX_VALUE). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final String KEYS = "'descr', 'fortran_order' and 'shape'";

    int rows() { return shape.length == 1 ? 1 : shape[0]; }

    int cols() { return shape[shape.length - 1]; }

    long elements() { return (long) rows() * cols(); }

    long dataBytes() { return elements() * dtype.bytes; }

    /** "R x C" for 2-D, "(n,)" for 1-D. */
    String describeShape() {
        return describe(shape);
    }

    static String describe(int[] shape) {
        return shape.length == 1 ? "(" + shape[0] + ",)" : shape[0] + " x " + shape[1];
    }

    /** The magic, version 1.0, the header length and the padded dict, exactly as numpy 2's np.save. */
    static byte[] encode(NpyDtype dtype, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) dict.append(i > 0 ? ", " : "").append(shape[i]);
        dict.append(shape.length == 1 ? ",), }" : "), }");
        dict.append(" ".repeat(GROWTH_DIGITS - Integer.toString(shape[0]).length()));
        int preamble = MAGIC.length + 2 + Short.BYTES;
        int len = dict.length() + 1; // + '\n'
        int pad = ALIGN - (preamble + len) % ALIGN; // numpy pads 1..64 spaces, never 0
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer out = ByteBuffer.allocate(preamble + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /** Reads and validates the header of {@code ch}, a file of {@code ch.size()} bytes called {@code name}. */
    static NpyHeader read(FileChannel ch, String name) throws IOException {
        long size = ch.size();
        ByteBuffer pre = ByteBuffer.allocate((int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0, name);
        checkMagic(pre.array(), size, name);
        if (size < 8) throw fail(name, "truncated: " + size + " bytes, shorter than the 10-byte NPY preamble");
        int major = pre.get(6) & 0xff, minor = pre.get(7) & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw fail(name,
                    "NPY format version " + major + "." + minor + " is not supported (expected 1.0, 2.0 or 3.0)");
        }
        int preamble = major == 1 ? 10 : 12;
        if (size < preamble) {
            throw fail(name, "truncated: " + size + " bytes, shorter than the " + preamble + "-byte NPY " + major
                    + ".0 preamble");
        }
        long headerBytes = major == 1 ? pre.getShort(8) & 0xffff : pre.getInt(8) & 0xffff_ffffL;
        if (headerBytes > MAX_HEADER_BYTES) {
            throw fail(name,
                    "header length " + headerBytes + " is too long (expected at most " + MAX_HEADER_BYTES + " bytes)");
        }
        if (preamble + headerBytes > size) {
            throw fail(name, "truncated: the preamble declares a " + headerBytes + "-byte header but the file has "
                    + (size - preamble) + " bytes after the " + preamble + "-byte preamble");
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerBytes);
        readFully(ch, text, preamble, name);
        // Latin-1 maps each byte to one char, so positions are byte offsets; the parser accepts only ASCII.
        String header = new String(text.array(), StandardCharsets.ISO_8859_1);
        Map<String, Object> dict;
        try {
            dict = PyLiteral.parseDict(header);
        } catch (PyLiteral.SyntaxError e) {
            throw fail(name, "header is not a valid Python dict literal: " + e.getMessage() + " at character "
                    + e.position + " of " + excerpt(header, e.position));
        }
        NpyHeader h = validate(dict, preamble + headerBytes, name);
        checkDataSize(h, size, name);
        return h;
    }

    private static void checkMagic(byte[] head, long size, String name) {
        if (size == 0) throw fail(name, "not a .npy file (it is empty)");
        int n = (int) Math.min(size, MAGIC.length);
        for (int i = 0; i < n; i++) {
            if (head[i] != MAGIC[i]) {
                StringBuilder hex = new StringBuilder();
                for (int j = 0; j < n; j++) hex.append(j > 0 ? " " : "").append(String.format("%02x", head[j] & 0xff));
                String expected = "expected 93 4e 55 4d 50 59 = \\x93NUMPY";
                boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
                throw fail(name, zip
                        ? "not a .npy file but a zip archive, perhaps an .npz (magic bytes " + hex + ", " + expected
                                + "): np.save one of its arrays"
                        : "not a .npy file (magic bytes " + hex + ", " + expected + ")");
            }
        }
        if (size < MAGIC.length)
            throw fail(name, "truncated: " + size + " bytes, shorter than the 10-byte NPY preamble");
    }

    private static NpyHeader validate(Map<String, Object> dict, long dataOffset, String name) {
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw fail(name,
                        "header key " + PyLiteral.repr(key) + " is not an NPY key (expected only " + KEYS + ")");
            }
        }
        for (String key : new String[] {"descr", "fortran_order", "shape"}) {
            if (!dict.containsKey(key)) throw fail(name, "header has no '" + key + "' key (expected " + KEYS + ")");
        }
        Object descr = dict.get("descr");
        NpyDtype dtype = descr instanceof String s ? NpyDtype.of(s) : null;
        if (dtype == null) {
            throw fail(name, "dtype " + PyLiteral.repr(descr) + " is not supported (expected '<f4' or '<f8')");
        }
        int[] shape = shape(dict.get("shape"), name);
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw fail(name, "fortran_order " + PyLiteral.repr(fortran) + " is not True or False");
        }
        // Fortran order stores the same bytes as C order when at most one dimension exceeds 1.
        if (f && shape.length == 2 && shape[0] > 1 && shape[1] > 1) {
            throw fail(name, "fortran_order True (expected C order: save with np.ascontiguousarray)");
        }
        return new NpyHeader(dtype, shape, dataOffset);
    }

    private static int[] shape(Object value, String name) {
        String repr = PyLiteral.repr(value);
        if (!(value instanceof PyLiteral.Tuple(List<Object> dims))
                || !dims.stream().allMatch(d -> d instanceof Long || d instanceof PyLiteral.BigInt)) {
            throw fail(name, "shape " + repr + " is not a tuple of integers (expected e.g. (100, 31) or (100,))");
        }
        if (dims.isEmpty()) {
            throw fail(name, "shape () has 0 dimensions, a single scalar (expected 1 or 2: save np.atleast_1d(x))");
        }
        if (dims.size() > 2)
            throw fail(name, "shape " + repr + " has " + dims.size() + " dimensions (expected 1 or 2)");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = dims.get(i);
            boolean negative = d instanceof Long n ? n < 0 : ((PyLiteral.BigInt) d).text().startsWith("-");
            String text = PyLiteral.repr(d);
            if (negative)
                throw fail(name, "shape " + repr + " has a negative dimension " + text + " (expected sizes >= 0)");
            if (!(d instanceof Long l) || l > Integer.MAX_VALUE) {
                throw fail(name, "shape " + repr + ": dimension " + text + " is absurd (expected at most "
                        + Integer.MAX_VALUE + ")");
            }
            shape[i] = l.intValue();
        }
        return shape;
    }

    private static void checkDataSize(NpyHeader h, long fileSize, String name) {
        long available = fileSize - h.dataOffset;
        // rows and cols are ints, so rows * cols fits a long, but times 8 bytes might not.
        BigInteger declared = BigInteger.valueOf(h.elements()).multiply(BigInteger.valueOf(h.dtype.bytes));
        int cmp = declared.compareTo(BigInteger.valueOf(available));
        String declares = "the header declares " + h.describeShape() + " " + h.dtype.numpyName + " (" + declared
                + " bytes of data) but the file has " + available + " after its " + h.dataOffset + "-byte header";
        if (cmp > 0) throw fail(name, "truncated: " + declares);
        if (cmp < 0)
            throw fail(name,
                    declares + ": " + declared.negate().add(BigInteger.valueOf(available)) + " bytes too many");
        if (h.elements() > MAX_ELEMENTS) {
            throw fail(name, "shape " + h.describeShape() + " has " + h.elements() + " elements (expected at most "
                    + MAX_ELEMENTS + ", the most one Java array holds)");
        }
    }

    /** About 40 characters either side of {@code pos}, escaped onto one line. */
    private static String excerpt(String header, int pos) {
        int from = Math.max(0, pos - 40), to = Math.min(header.length(), pos + 40);
        return (from > 0 ? "..." : "") + PyLiteral.escape(header.substring(from, to))
                + (to < header.length() ? "..." : "");
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position, String name) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0)
                throw fail(name, "the file shrank to " + p + " bytes while it was read (was it still being written?)");
            p += n;
        }
    }

    static NpyException fail(String name, String what) {
        return new NpyException(name + ": " + what);
    }
}
