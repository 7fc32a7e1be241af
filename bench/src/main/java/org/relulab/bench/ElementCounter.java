package org.relulab.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matrix elements computed, in 10⁹. As an {@code OPERATIONS} counter JMH divides it by the iteration's time,
 * so a Throughput benchmark in seconds reports it as 10⁹ elements per second ("gelements"): the unit for
 * element-wise transforms whose cost is arithmetic, not memory traffic.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ElementCounter {
    public double gelements;

    @Setup(Level.Iteration)
    public void reset() {
        gelements = 0;
    }
}
