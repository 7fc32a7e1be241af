package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How many threads a sweep gets (by its size and its output lines) and where the blocks start. */
class ParallelSweepTest {
    @Test
    void threadsFollowTheSizeAndTheLines() {
        assertEquals(1, ParallelSweep.parts(4, 1000, 1000), "small: the caller alone");
        assertEquals(4, ParallelSweep.parts(4, 4096L * 1024, 1024), "the training step's sweep: every thread");
        assertEquals(2, ParallelSweep.parts(4, 4096L * 1024, 2 * ParallelSweep.GRAIN), "one block of lines each");
        assertEquals(1, ParallelSweep.parts(8, 1L << 40, 3), "fewer lines than a block");
        assertEquals(8, ParallelSweep.parts(8, Long.MAX_VALUE, Integer.MAX_VALUE), "no overflow at the extremes");
    }

    @Test
    void blocksAreGrainAlignedAndCoverEveryLine() {
        for (int size : new int[] {1, 17, 1021, 4099}) {
            for (int parts = 1; parts <= 8; parts++) {
                assertEquals(0, ParallelSweep.split(size, 0, parts));
                assertEquals(size, ParallelSweep.split(size, parts, parts), size + " lines in " + parts);
                for (int p = 1; p < parts; p++) {
                    int from = ParallelSweep.split(size, p, parts);
                    assertTrue(from == size || from % ParallelSweep.GRAIN == 0, "part " + p + " starts at " + from);
                    assertTrue(from >= ParallelSweep.split(size, p - 1, parts), "blocks in order");
                }
            }
        }
    }
}
