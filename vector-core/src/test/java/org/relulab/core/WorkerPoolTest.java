package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The GEMM thread team: a close never strands a run in flight, and a closed team refuses new runs. */
class WorkerPoolTest {
    /**
     * Closing while a run is in flight (here from inside part 0, after the workers were woken) lets the woken
     * workers finish their parts: a worker used to see the close first, skip its part and leave the caller
     * waiting forever. The workers are parked before the run (their spin ends in microseconds), so waking them
     * takes longer than the close.
     */
    @Test
    void closeDuringARunLetsItFinish() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int round = 0; round < 5; round++) {
                WorkerPool pool = new WorkerPool(3, "pool-test");
                Thread.sleep(20); // let the workers spin out and park
                AtomicInteger ran = new AtomicInteger();
                pool.run((part, parts) -> {
                    if (part == 0) pool.close();
                    ran.incrementAndGet();
                }, 3);
                assertEquals(3, ran.get(), "parts run in round " + round);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run((p, n) -> {}, 2));
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            }
        });
    }
}
