package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/** Write then read gives back every bit: float and double, 1-D and 2-D, every Matrix layout. */
class NpyRoundTripTest {
    @TempDir
    Path tmp;

    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {1021, 3}};
    /** Values a careless conversion would change: signed zeros, NaN, infinities, subnormals, extremes. */
    private static final float[] SPECIAL = {-0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.intBitsToFloat(0x7fc0_1234)};

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i < SPECIAL.length && n > 20 ? SPECIAL[i] : (float) r.nextGaussian();
        return v;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
        return b;
    }

    /** Writes {@code m}, then reads it back both ways and compares every bit with its logical elements. */
    private void assertRoundTrip(Workspace ws, Matrix m, String what) throws IOException {
        Path f = tmp.resolve("m.npy");
        Npy.write(f, m);
        NpyArray a = Npy.read(f);
        assertArrayEquals(new int[] {m.rows(), m.cols()}, a.shape(), what);
        assertFalse(a.isDouble(), what);
        assertArrayEquals(bits(m.toArray()), bits(a.floats()), what);
        Matrix back = Npy.readMatrix(ws, f, m.rows(), m.cols());
        assertArrayEquals(bits(m.toArray()), bits(back.toArray()), what);
        assertEquals(List.of(f), files(), "no temporary file left beside " + f);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /** A vector, a row or a column of any layout, is written 1-D and reads back as either. */
    @Test
    void vectorsAreOneDimensional() throws IOException {
        try (Workspace ws = Workspace.shared()) {
            float[] v = values(11, 3);
            for (Matrix m : List.of(ws.matrix(1, 11, v), ws.column(11).copyFrom(v), ws.matrix(11, 1, v))) {
                Path f = tmp.resolve("v.npy");
                Npy.writeVector(f, m);
                assertArrayEquals(new int[] {11}, Npy.shape(f));
                assertArrayEquals(bits(v), bits(Npy.readMatrix(ws, f, 1, 11).toArray()));
                assertArrayEquals(bits(v), bits(Npy.readMatrix(ws, f, 11, 1).toArray()));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Npy.writeVector(tmp.resolve("m.npy"), ws.matrix(2, 3)));
            assertTrue(e.getMessage().endsWith("a 2 x 3 matrix is not a vector (expected 1 x n or n x 1)"),
                    e.getMessage());
        }
    }

    @Test
    void denseMatrices() throws IOException {
        try (Workspace ws = Workspace.confined()) {
            for (int[] s : SHAPES) {
                assertRoundTrip(ws, ws.matrix(s[0], s[1], values(s[0] * s[1], s[0])), "dense " + s[0] + " x " + s[1]);
                assertRoundTrip(ws, Matrix.wrap(values(s[0] * s[1], 5), s[0], s[1]), "heap " + s[0] + " x " + s[1]);
            }
        }
    }

    @Test
    void transposedAndStridedViews() throws IOException {
        try (Workspace ws = Workspace.confined()) {
            for (int[] s : SHAPES) {
                Matrix stored = ws.matrix(s[1], s[0], values(s[0] * s[1], 7));
                assertRoundTrip(ws, stored.t(), "transposed " + s[0] + " x " + s[1]);
                Matrix big = ws.matrix(s[0] + 5, s[1] + 9, values((s[0] + 5) * (s[1] + 9), 9));
                Matrix inner = big.rows(2, 2 + s[0]).cols(4, 4 + s[1]);
                assertRoundTrip(ws, inner, "strided " + s[0] + " x " + s[1]);
                assertRoundTrip(ws, big.cols(3, 3 + Math.min(s[0], s[1] + 9 - 3)).t(), "strided transposed");
            }
            assertRoundTrip(ws, ws.column(11).copyFrom(values(11, 3)), "column");
            assertTrue(Npy.readMatrix(ws, tmp.resolve("m.npy"), 11, 1).isTransposed(),
                    "n x 1 loads as a contiguous column");
            assertRoundTrip(ws, ws.matrix(0, 5), "0 x 5");
            assertRoundTrip(ws, ws.matrix(5, 0), "5 x 0");
        }
    }

    @Test
    void vectors() throws IOException {
        Path f = tmp.resolve("v.npy");
        try (Workspace ws = Workspace.confined()) {
            for (int n : new int[] {0, 1, 7, 1021}) {
                float[] v = values(n, n);
                Npy.write(f, v);
                NpyArray a = Npy.read(f);
                assertArrayEquals(new int[] {n}, a.shape());
                assertArrayEquals(bits(v), bits(a.floats()));
                Matrix row = Npy.readMatrix(ws, f, -1, -1);
                assertEquals(1, row.rows());
                assertArrayEquals(bits(v), bits(row.toArray()));
                Matrix col = Npy.readMatrix(ws, f, n, 1); // labels: an n x 1 column, contiguous
                assertEquals(n, col.rows());
                assertEquals(n != 1, col.isTransposed(), "a column view of 1 x n storage (1 x 1 is plain)");
                assertArrayEquals(bits(v), bits(col.toArray()));
            }
        }
    }

    @Test
    void doubles() throws IOException {
        Path f = tmp.resolve("d.npy");
        try (Workspace ws = Workspace.confined()) {
            for (int[] s : SHAPES) {
                double[][] rows = new double[s[0]][s[1]];
                double[] flat = new double[s[0] * s[1]];
                Random r = new Random(s[0]);
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) flat[i * s[1] + j] = rows[i][j] = r.nextGaussian() * 1e-3;
                }
                rows[0][0] = flat[0] = -0.0;
                Npy.writeDouble(f, rows);
                NpyArray a = Npy.read(f);
                assertArrayEquals(s, a.shape());
                assertTrue(a.isDouble());
                assertArrayEquals(bits(flat), bits(a.doubles()));
                float[] rounded = new float[flat.length];
                for (int i = 0; i < flat.length; i++) rounded[i] = (float) flat[i];
                assertArrayEquals(bits(rounded), bits(Npy.readMatrix(ws, f, s[0], -1).toArray()),
                        "'<f8' rounded to float");

                Npy.writeDouble(f, flat);
                NpyArray v = Npy.read(f);
                assertArrayEquals(new int[] {flat.length}, v.shape());
                assertArrayEquals(bits(flat), bits(v.doubles()));
                assertEquals(flat[flat.length - 1], v.get(0, flat.length - 1));
            }
            Npy.writeDouble(f, new double[0][]);
            assertArrayEquals(new int[] {0, 0}, Npy.read(f).shape());
        }
    }

    @Test
    void overwritesAtomicallyAndLeavesNothingOnFailure() throws IOException {
        Path f = tmp.resolve("x.npy");
        Npy.write(f, new float[] {1, 2, 3});
        Npy.write(f, new float[] {4, 5});
        assertArrayEquals(new float[] {4, 5}, Npy.read(f).floats());

        Workspace closed = Workspace.confined();
        Matrix stale = closed.matrix(2, 2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> Npy.write(f, stale));
        assertArrayEquals(new float[] {4, 5}, Npy.read(f).floats(), "the old file survives a failed write");
        assertEquals(List.of(f), files(), "and no temporary file is left");

        assertThrows(NoSuchFileException.class, () -> Npy.write(tmp.resolve("no/such/folder/y.npy"), new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeDouble(f, new double[][] {{1, 2}, {3}}));
        assertEquals(List.of(f), files());
    }
}
