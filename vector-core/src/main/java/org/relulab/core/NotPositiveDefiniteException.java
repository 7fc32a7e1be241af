package org.relulab.core;

/**
 * A Cholesky factorization met a pivot that is not positive: the matrix, as stored in float, is not
 * positive definite. {@link #pivot()} is the row where it happened, {@link #value()} the pivot's value.
 */
public final class NotPositiveDefiniteException extends ArithmeticException {
    /** The row (0-based) whose pivot was not positive. */
    private final int pivot;
    /** That pivot's value (≤ 0 or NaN). */
    private final double value;

    /**
     * An exception for the pivot of row {@code pivot}, which came out as {@code value}.
     *
     * @param message the detail message: {@code Cholesky} names the pivot, {@link RidgeSolver} also a λ to try
     * @param pivot the row (0-based) whose pivot was not positive
     * @param value the pivot's value (≤ 0 or NaN)
     */
    public NotPositiveDefiniteException(String message, int pivot, double value) {
        super(message);
        this.pivot = pivot;
        this.value = value;
    }

    /**
     * The row (0-based) whose pivot was not positive.
     *
     * @return the row index, where the factorization stopped
     */
    public int pivot() { return pivot; }

    /**
     * That pivot: the diagonal entry left after eliminating the rows before it (≤ 0 or NaN).
     *
     * @return the pivot's value as the factorization computed it (the diagonal block is eliminated in double)
     */
    public double value() {
        return value;
    }
}
