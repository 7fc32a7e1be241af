package org.relulab.training.io;

/** The element types relulab reads and writes: little-endian IEEE 754 binary32 and binary64. */
enum NpyDtype {
    FLOAT32("<f4", Float.BYTES, "float32"),
    FLOAT64("<f8", Double.BYTES, "float64");

    /** The header's {@code 'descr'} value, as numpy writes it. */
    final String descr;
    final int bytes;
    /** numpy's name, for messages. */
    final String numpyName;

    NpyDtype(String descr, int bytes, String numpyName) {
        this.descr = descr;
        this.bytes = bytes;
        this.numpyName = numpyName;
    }

    /** The dtype whose descr is {@code descr}, or null. */
    static NpyDtype of(String descr) {
        for (NpyDtype t : values()) {
            if (t.descr.equals(descr)) return t;
        }
        return null;
    }
}
