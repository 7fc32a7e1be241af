package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many threads a GEMM gets: by its flop count, at most one per problem of a batch. */
class ParallelGemmTest {
    @Test
    void threadsFollowTheFlopCount() {
        assertEquals(1, ParallelGemm.parts(4, 8, 8, 8, 1), "small: the caller alone");
        assertEquals(4, ParallelGemm.parts(4, 1024, 1024, 1024, 1));
        assertEquals(2, ParallelGemm.parts(4, 1024, 1024, 1024, 2), "one thread per problem at most");
    }

    /** 2·m·n·k·batch = 2^65 wrapped to 0 in a long, which ran the largest calls on one thread. */
    @Test
    void aFlopCountBeyondLongStillUsesEveryThread() {
        assertEquals(4, ParallelGemm.parts(4, 1 << 16, 1 << 16, 1 << 20, 1 << 12));
        assertEquals(4, ParallelGemm.parts(4, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1));
    }
}
