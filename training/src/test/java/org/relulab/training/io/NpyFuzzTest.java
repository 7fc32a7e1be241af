package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Workspace;

/**
 * 2000 mutations of valid files from a fixed seed, each read with {@link Npy#read} and {@link Npy#readMatrix}:
 * every outcome is a successful read or a one-line IllegalArgumentException naming the file, never any
 * other exception. A third of the mutations work on raw bytes (bit flips, truncation, inserted and deleted
 * bytes, header-length edits, tokens written over the header), which mostly stop at the preamble; the
 * rest edit the dict's text or the data and rebuild a file whose header length is right, so they reach
 * the parser, the validation and the data.
 */
class NpyFuzzTest {
    @TempDir
    Path tmp;

    private static final long SEED = 20_261_122;
    private static final int MUTATIONS = 2000;
    /** Tokens that make headers subtly or grossly wrong. */
    private static final String[] TOKENS = {"(", ")", "[", "]", "{", "}", ",", ":", " ", "\n", "'", "\"", "\\", "-",
            "-1", "0",
            "7", "2147483648", "99999999999999999999999", "True", "False", "None", "'<f8'", "'>f4'", "'<f4'", "'shape'",
            "'descr'",
            "'fortran_order'", "(1,)", "()", "(3, 4, 5)", "1.5", "\u0093", "\u00ff", "\u0000"};
    private static final String[] DESCRS = {"<f4", "<f8", "<f4", "<f8", ">f4", "<i4", "|u1"};
    private static final String[] DIMS = {"0", "1", "2", "3", "5", "1", "2", "3", "-1", "2147483647", "4294967296"};

    private static final String[] DICTS = {FileBytes.dict("<f4", "(3, 7)"), FileBytes.dict("<f8", "(5,)"),
            FileBytes.dict("<f4", "(1, 2)")};
    private static final byte[][] DATA = {FileBytes.f4(new float[21]), FileBytes.f8(1, 2, 3, 4, 5), FileBytes.f4(1, 2)};

    @Test
    void mutatedFilesReadOrFailWithOneLine() throws Exception {
        Random rnd = new Random(SEED);
        byte[][] valid = {NpyGoldenTest.numpyArange2x3(), FileBytes.npy(DICTS[0], DATA[0]),
                FileBytes.concat(FileBytes.header(2, DICTS[1], 64), DATA[1]), FileBytes.npy(DICTS[2], DATA[2])};
        Path f = tmp.resolve("fuzz.npy");
        int read = 0, refused = 0;
        try (Workspace ws = Workspace.confined()) {
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] b;
                if (rnd.nextInt(3) == 0) {
                    b = valid[rnd.nextInt(valid.length)];
                    for (int m = 1 + rnd.nextInt(2); m > 0; m--) b = mutateBytes(rnd, b);
                } else {
                    b = mutateStructure(rnd);
                }
                Files.write(f, b);
                for (int how = 0; how < 2; how++) {
                    try {
                        if (how == 0) Npy.read(f);
                        else Npy.readMatrix(ws, f, -1, -1);
                        read++;
                    } catch (IllegalArgumentException e) {
                        String msg = e.getMessage();
                        assertTrue(msg.startsWith(f + ": "), "message names the file: " + msg);
                        assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
                        refused++;
                    } catch (Throwable t) {
                        fail("mutation " + i + " (" + (how == 0 ? "read" : "readMatrix") + ") threw " + t + " for "
                                + HexFormat.of().formatHex(b, 0, Math.min(b.length, 256)), t);
                    }
                }
            }
        }
        assertTrue(read > 800 && refused > 2000, "both outcomes, often: " + read + " read, " + refused + " refused");
    }

    /** A file with a consistent header length around an edited dict, edited data, or a random dict. */
    private static byte[] mutateStructure(Random rnd) {
        int k = rnd.nextInt(DICTS.length);
        String dict = DICTS[k];
        byte[] data = DATA[k];
        switch (rnd.nextInt(4)) {
            case 0 -> dict = editDict(rnd, dict);
            case 1 -> { // whitespace where Python allows it: still valid
                int at = dict.indexOf(", ", rnd.nextInt(dict.length() - 4)) + 1;
                dict = at > 0 ? dict.substring(0, at) + " \t\n".charAt(rnd.nextInt(3)) + dict.substring(at) : dict;
            }
            case 2 -> data = mutateData(rnd, data);
            default -> {
                String descr = DESCRS[rnd.nextInt(DESCRS.length)];
                int n = rnd.nextInt(4);
                StringBuilder shape = new StringBuilder("(");
                long elements = 1;
                for (int d = 0; d < n; d++) {
                    String dim = DIMS[rnd.nextInt(DIMS.length)];
                    shape.append(d > 0 ? ", " : "").append(dim);
                    elements *= Long.parseLong(dim);
                }
                shape.append(n == 1 ? ",)" : ")");
                dict = "{'descr': '" + descr + "', 'fortran_order': " + (rnd.nextInt(4) == 0 ? "True" : "False")
                        + ", 'shape': " + shape + ", }";
                long bytes = elements * Integer.parseInt(descr.substring(2));
                data = new byte[bytes >= 0 && bytes < 4096 && rnd.nextInt(4) > 0 ? (int) bytes : rnd.nextInt(64)];
                rnd.nextBytes(data);
            }
        }
        return FileBytes.concat(FileBytes.header(1 + rnd.nextInt(3), dict, rnd.nextBoolean() ? 64 : 16), data);
    }

    /** Flipped bits (most files stay valid: data are any bits) or a different length. */
    private static byte[] mutateData(Random rnd, byte[] data) {
        if (rnd.nextInt(4) == 0) return Arrays.copyOf(data, rnd.nextInt(2 * data.length + 1));
        byte[] c = data.clone();
        for (int n = 1 + rnd.nextInt(8); n > 0; n--) c[rnd.nextInt(c.length)] ^= (byte) (1 << rnd.nextInt(8));
        return c;
    }

    /** The dict with a random stretch replaced by 1 to 3 tokens. */
    private static String editDict(Random rnd, String dict) {
        int from = rnd.nextInt(dict.length() + 1), to = Math.min(dict.length(), from + rnd.nextInt(8));
        StringBuilder sb = new StringBuilder(dict.substring(0, from));
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
        return sb.append(dict.substring(to)).toString();
    }

    private static byte[] mutateBytes(Random rnd, byte[] b) {
        int headerEnd = Math.min(b.length, 128);
        switch (rnd.nextInt(6)) {
            case 0 -> { // flip bits, mostly in the header
                byte[] c = b.clone();
                for (int n = 1 + rnd.nextInt(4); n > 0 && c.length > 0; n--) {
                    int at = rnd.nextInt(4) > 0 && headerEnd > 0 ? rnd.nextInt(headerEnd) : rnd.nextInt(c.length);
                    c[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return c;
            }
            case 1 -> { // truncate
                return Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
            case 2 -> { // insert random bytes
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(extra);
                return FileBytes.concat(Arrays.copyOf(b, at), extra, Arrays.copyOfRange(b, at, b.length));
            }
            case 3 -> { // delete a range
                int at = rnd.nextInt(b.length + 1), len = Math.min(b.length - at, rnd.nextInt(16));
                return FileBytes.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
            }
            case 4 -> { // edit the header length field
                byte[] c = b.clone();
                if (c.length > 9) c[8 + rnd.nextInt(2)] = (byte) rnd.nextInt(256);
                return c;
            }
            default -> { // overwrite part of the header with a token, keeping the file's length
                byte[] c = b.clone();
                byte[] t = TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1);
                int at = 10 + rnd.nextInt(Math.max(1, headerEnd - 10));
                for (int j = 0; j < t.length && at + j < c.length; j++) c[at + j] = t[j];
                return c;
            }
        }
    }
}
