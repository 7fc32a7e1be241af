package org.relulab.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FP32 fused-multiply-add peak one core reaches from Java: twelve independent accumulators of the
 * preferred vector species (enough to cover FMA latency × ports on current x86 and ARM cores), each
 * updated a·b + c in a loop with no memory traffic. Its "gflop" metric is the denominator of "% of peak"
 * in machine-tagged results when no C peak tool has been run; expect it within a few percent of the
 * hardware peak. Run it with {@code -t 2} for two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int STEPS = 4096, ACCUMULATORS = 12;
    /** Flops of one call: STEPS × accumulators × lanes × 2 (a multiply and an add). */
    private static final double GFLOP = (double) STEPS * ACCUMULATORS * S.length() * 2 / 1e9;

    public float b = 0.99999f, c = 1e-6f;

    @Benchmark
    public float fma(FlopCounter flops) {
        FloatVector vb = FloatVector.broadcast(S, b), vc = FloatVector.broadcast(S, c);
        FloatVector a0 = vc, a1 = vc, a2 = vc, a3 = vc, a4 = vc, a5 = vc; // one … six
        FloatVector a6 = vc, a7 = vc, a8 = vc, a9 = vc, a10 = vc, a11 = vc; // seven … twelve
        for (int i = 0; i < STEPS; i++) {
            a0 = a0.fma(vb, vc);
            a1 = a1.fma(vb, vc);
            a2 = a2.fma(vb, vc);
            a3 = a3.fma(vb, vc);
            a4 = a4.fma(vb, vc);
            a5 = a5.fma(vb, vc);
            a6 = a6.fma(vb, vc);
            a7 = a7.fma(vb, vc);
            a8 = a8.fma(vb, vc);
            a9 = a9.fma(vb, vc);
            a10 = a10.fma(vb, vc);
            a11 = a11.fma(vb, vc);
        }
        flops.gflop += GFLOP;
        return a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11))).lane(0);
    }
}
