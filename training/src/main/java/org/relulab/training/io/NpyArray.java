package org.relulab.training.io;

import java.util.Objects;

/**
 * A whole .npy array: its shape (1 or 2 dimensions) and its elements in C (row-major) order, in
 * {@code floats} for '&lt;f4' files or {@code doubles} for '&lt;f8' files (the other one is null).
 * The arrays are the record's own, not copies; equals compares them by identity.
 */
public record NpyArray(int[] shape, boolean isDouble, float[] floats, double[] doubles) {
    public NpyArray {
        Objects.requireNonNull(shape, "shape");
        if (shape.length < 1 || shape.length > 2) {
            throw new IllegalArgumentException("shape of " + shape.length + " dimensions (expected 1 or 2)");
        }
        if (isDouble ? doubles == null || floats != null : floats == null || doubles != null) {
            throw new IllegalArgumentException(
                    "isDouble " + isDouble + " but floats " + (floats == null ? "null" : "set")
                            + " and doubles " + (doubles == null ? "null" : "set")
                            + " (expected exactly the matching one set)");
        }
        long size = shape.length == 1 ? shape[0] : (long) shape[0] * shape[1];
        int length = isDouble ? doubles.length : floats.length;
        if (shape[0] < 0 || shape[shape.length - 1] < 0 || size != length) {
            throw new IllegalArgumentException("shape " + NpyHeader.describe(shape) + " for " + length + " elements");
        }
    }

    /** Rows of the array read as a matrix: shape[0] for 2-D, 1 for 1-D. */
    public int rows() {
        return shape.length == 1 ? 1 : shape[0];
    }

    /** Columns of the array read as a matrix: shape[1] for 2-D, shape[0] for 1-D. */
    public int cols() {
        return shape[shape.length - 1];
    }

    /** The element at (i, j) of the array read as a matrix (as a double either way). */
    public double get(int i, int j) {
        if (i < 0 || i >= rows() || j < 0 || j >= cols()) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows() + " x " + cols());
        }
        int k = i * cols() + j;
        return isDouble ? doubles[k] : floats[k];
    }

    /** The array read as a matrix, rows × cols doubles (a 1-D array is one row). */
    public double[][] toRows() {
        double[][] out = new double[rows()][cols()];
        for (int i = 0; i < out.length; i++) for (int j = 0; j < out[i].length; j++) out[i][j] = get(i, j);
        return out;
    }
}
