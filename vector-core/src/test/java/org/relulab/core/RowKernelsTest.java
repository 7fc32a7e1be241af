package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/** The per-row kernels a trainer needs: squared row norms, per-row axpy, row gathering. */
class RowKernelsTest {
    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = TestMatrices.underTest(1); }

    @AfterAll
    static void close() { kernels.close(); }

    @Test
    void rowSumsOfSquaresInEveryLayout() {
        Random rnd = new Random(1);
        try (Workspace ws = Workspace.shared()) {
            for (int[] s : new int[][] {{1, 1}, {3, 17}, {33, 127}, {7, 1021}, {2, 4099}}) {
                for (Layout l : Layout.values()) {
                    Matrix a = TestMatrices.random(ws, rnd, s[0], s[1], l), y = ws.matrix(s[0], 1);
                    kernels.rowSumsOfSquares(a, y);
                    for (int i = 0; i < s[0]; i++) {
                        double want = 0;
                        for (int j = 0; j < s[1]; j++) want += (double) a.get(i, j) * a.get(i, j);
                        assertEquals(want, y.get(i, 0), want * s[1] * TestMatrices.EPS,
                                s[0] + "x" + s[1] + " " + l + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void axpyRowsScalesEachRowByItsOwnFactor() {
        Random rnd = new Random(2);
        try (Workspace ws = Workspace.shared()) {
            for (int[] s : new int[][] {{1, 1}, {5, 33}, {17, 100}, {3, 4099}}) {
                for (Layout l : Layout.values()) {
                    Matrix x = TestMatrices.random(ws, rnd, s[0], s[1], l),
                            y = TestMatrices.random(ws, rnd, s[0], s[1], Layout.OFFSET);
                    Matrix e = TestMatrices.random(ws, rnd, 1, s[0], Layout.DENSE);
                    double[][] y0 = TestMatrices.toDouble(y);
                    kernels.axpyRows(e, x, y);
                    for (int i = 0; i < s[0]; i++) {
                        for (int j = 0; j < s[1]; j++) {
                            double want = y0[i][j] + (double) e.get(0, i) * x.get(i, j);
                            assertEquals(want, y.get(i, j),
                                    2 * TestMatrices.EPS * (Math.abs(want) + Math.abs(y0[i][j])),
                                    l + " (" + i + "," + j + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void gatherRowsCopiesTheIndexedRowsAndNamesBadIndexes() {
        try (Workspace ws = Workspace.shared()) {
            Matrix src = ws.matrix(5, 3), dst = ws.matrix(2, 3);
            for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) src.set(i, j, 10 * i + j);
            int[] index = {4, 0, 2, 1, 3};
            kernels.gatherRows(src, index, 1, dst);
            assertEquals(0f, dst.get(0, 0));
            assertEquals(22f, dst.get(1, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernels.gatherRows(src, new int[] {0, 7}, 0, dst));
            assertTrue(e.getMessage().contains("index[1] = 7 outside [0, 5)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> kernels.gatherRows(src, index, 4, dst));
            assertTrue(e.getMessage().contains("rows [4, 6) of an index of 5 entries"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> kernels.gatherRows(src, index, 0, ws.matrix(2, 4)));
            assertTrue(e.getMessage().contains("same number of columns"), e.getMessage());
        }
    }
}
