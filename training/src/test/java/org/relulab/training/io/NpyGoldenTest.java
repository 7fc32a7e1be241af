package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * The bytes numpy 2 writes, built by hand from the format rules, against Npy's writer and reader; and the
 * header variants other writers (older numpy, format 2.0 and 3.0, hand-written headers) produce.
 */
class NpyGoldenTest {
    @TempDir
    Path tmp;

    /**
     * np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)) with numpy 2: the dict, 21 - len("2") = 20 growth
     * spaces, then 38 spaces and '\n' so that 10 + 59 + 20 + 38 + 1 = 128 bytes, a multiple of 64.
     */
    static byte[] numpyArange2x3() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        assertEquals(59, dict.length());
        String header = dict + " ".repeat(20) + " ".repeat(38) + "\n";
        byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}; // header length 118, little-endian
        assertEquals(128, preamble.length + header.length());
        return FileBytes.concat(preamble, header.getBytes(StandardCharsets.US_ASCII), FileBytes.f4(0, 1, 2, 3, 4, 5));
    }

    /** np.save(f, np.arange(3, dtype='<f8')): 10 + 57 + 20 + 40 + 1 = 128 header bytes. */
    static byte[] numpyArange3() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        assertEquals(57, dict.length());
        String header = dict + " ".repeat(20) + " ".repeat(40) + "\n";
        byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        return FileBytes.concat(preamble, header.getBytes(StandardCharsets.US_ASCII), FileBytes.f8(0, 1, 2));
    }

    @Test
    void writesWhatNumpyWrites() throws Exception {
        Path f = tmp.resolve("a.npy"), g = tmp.resolve("b.npy");
        Npy.write(f, Matrix.wrap(new float[] {0, 1, 2, 3, 4, 5}, 2, 3));
        assertArrayEquals(numpyArange2x3(), Files.readAllBytes(f));
        Npy.writeDouble(g, new double[] {0, 1, 2});
        assertArrayEquals(numpyArange3(), Files.readAllBytes(g));
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        Path f = tmp.resolve("a.npy");
        Files.write(f, numpyArange2x3());
        NpyArray a = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertFalse(a.isDouble());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.floats());
        try (Workspace ws = Workspace.confined()) {
            Matrix m = Npy.readMatrix(ws, f, 2, 3);
            assertEquals(5f, m.get(1, 2));
            assertEquals(1f, m.get(0, 1));
        }
        Files.write(f, numpyArange3());
        NpyArray b = Npy.read(f);
        assertArrayEquals(new int[] {3}, b.shape());
        assertTrue(b.isDouble());
        assertArrayEquals(new double[] {0, 1, 2}, b.doubles());
    }

    @Test
    void everyHeaderIsPaddedTo64Bytes() {
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {1021, 3}, {0, 5}, {123456789, 0}, {0, 2147483647}, {7},
                {2147483647}}) {
            byte[] header = NpyHeader.encode(NpyDtype.FLOAT32, shape);
            assertEquals(0, header.length % 64, "header of " + NpyHeader.describe(shape));
            assertEquals(header.length - 10, (header[8] & 0xff) | (header[9] & 0xff) << 8);
            assertEquals('\n', header[header.length - 1]);
        }
    }

    /** Headers numpy never writes today but a reader meets: each reads as the same 2 x 3 array. */
    @Test
    void readsOtherWritersHeaders() throws Exception {
        byte[] data = FileBytes.f4(0, 1, 2, 3, 4, 5);
        String[] dicts = {
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", // numpy 1.x: no growth padding
                "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", // any key order, no trailing comma
                "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,3,)}", // double quotes, tuple comma
                " {'descr':'<f4','fortran_order':False,'shape':( 2 , 3 )}\t\n\n", // free whitespace
        };
        Path f = tmp.resolve("a.npy");
        for (String dict : dicts) {
            for (int major = 1; major <= 3; major++) {
                for (int align : new int[] {16, 64}) {
                    Files.write(f, FileBytes.concat(FileBytes.header(major, dict, align), data));
                    NpyArray a = Npy.read(f);
                    assertArrayEquals(new int[] {2, 3}, a.shape(), dict);
                    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.floats(), dict);
                }
            }
        }
    }

    /** Fortran order lays out a vector, or a matrix with one row or one column, as C order does. */
    @Test
    void acceptsFortranOrderWhereItIsCOrder() throws Exception {
        Path f = tmp.resolve("a.npy");
        for (String shape : new String[] {"(3,)", "(1, 3)", "(3, 1)"}) {
            Files.write(f, FileBytes.npy("{'descr': '<f4', 'fortran_order': True, 'shape': " + shape + ", }",
                    FileBytes.f4(7, 8, 9)));
            assertArrayEquals(new float[] {7, 8, 9}, Npy.read(f).floats(), shape);
        }
    }
}
