package org.relulab.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes a kernel moved, in 10⁹ bytes: each input read once plus each output written once (the STREAM
 * convention: no write-allocate traffic, no cache re-reads). As an {@code OPERATIONS} counter JMH divides
 * it by the iteration's time, so a Throughput benchmark in seconds reports it as GB/s ("gbytes").
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
    public double gbytes;

    @Setup(Level.Iteration)
    public void reset() {
        gbytes = 0;
    }
}
