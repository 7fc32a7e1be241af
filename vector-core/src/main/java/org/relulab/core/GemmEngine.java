package org.relulab.core;

/**
 * A single-threaded GEMM that computes the block {@code C[i0:i1, j0:j1]} of problem {@code p} of a
 * {@link GemmArgs} call, epilogue included, reading every element of that block's k-sum in the same
 * order wherever the block lies: so any split of C across threads gives bit-identical results.
 */
interface GemmEngine {
    void compute(GemmArgs g, int p, int i0, int i1, int j0, int j1, GemmScratch s);

    /** Row and column multiples that keep thread blocks aligned to the register tile. */
    int rowGrain();

    int colGrain();

    /** Per-thread buffers this engine needs (allocated once per worker thread). */
    GemmScratch newScratch();

    /** The floats {@link #newScratch()} allocates, in all its arrays. */
    long scratchFloats();
}
