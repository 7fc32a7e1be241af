package org.relulab.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relulab.core.Matrix;

/** {@link DoubleRows}: fp32 matrix views and row-major arrays to double rows. */
class DoubleRowsTest {

    @Test
    void copiesAViewAndItsTranspose() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Matrix m = Matrix.wrap(data, 2, 3);
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, DoubleRows.of(m));
        assertArrayEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, DoubleRows.of(m.t()));
        assertArrayEquals(new double[][] {{2, 3}, {5, 6}}, DoubleRows.of(m.cols(1, 3)));
    }

    @Test
    void rejectsAWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> DoubleRows.of(new float[5], 2, 3));
    }
}
