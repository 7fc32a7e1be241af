package org.relulab.core;

/**
 * A Cholesky factorization met a pivot that is not positive: the matrix, as stored in float, is not
 * positive definite. {@link #pivot()} is the row where it happened, {@link #value()} the pivot's value.
 */
public final class NotPositiveDefiniteException extends ArithmeticException {
    private final int pivot;
    private final double value;

    public NotPositiveDefiniteException(String message, int pivot, double value) {
        super(message);
        this.pivot = pivot;
        this.value = value;
    }

    /** The row (0-based) whose pivot was not positive. */
    public int pivot() { return pivot; }

    /** That pivot: the diagonal entry left after eliminating the rows before it (≤ 0 or NaN). */
    public double value() {
        return value;
    }
}
