package org.relulab.bench.peers;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.relulab.bench.FlopCounter;
import org.relulab.bench.GemmShape;
import org.relulab.bench.GemmTrial;

/**
 * A trial of a peer library's GEMM: {@link GemmTrial}'s settings, with forks that may load native code
 * (hence {@code --enable-native-access=ALL-UNNAMED}), the {@code shape} parameter with GemmBenchmark's
 * values and its operands, and the checks every peer makes of C: after one call before measuring, and after
 * the measured calls. A peer declares its own {@code threads} parameter: not every peer has threads.
 */
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class PeerGemmTrial extends GemmTrial {
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "fwd", "gtx", "gw", "skinny"})
    public String shape;

    PeerOperands operands;
    /** GFLOP of one product, added to the "gflop" counter by each measured call. */
    double gflop;
    private final String call;

    /** {@code call} names the peer's product in the checks' messages, e.g. "cblas_sgemm". */
    PeerGemmTrial(String call) {
        this.call = call;
    }

    /** The measured call: C = op(A)·op(B) in the peer's storage. */
    public abstract void gemm(FlopCounter flops);

    /** Makes {@code c}, a row-major m × n C of NaNs, the peer's C (wrapped or copied). */
    abstract void output(float[] c);

    /** The peer's C as a row-major m × n array. */
    abstract float[] result();

    void open() {
        operands = new PeerOperands(GemmShape.of(shape));
        gflop = operands.shape.gflop();
    }

    /** One call on a C of NaNs, checked; then a new C of NaNs, so that {@link #checkMeasured} sees what they wrote. */
    void checkOneCall() {
        output(operands.newOutput());
        gemm(new FlopCounter());
        operands.check(call + " before measuring", result());
        output(operands.newOutput());
    }

    void checkMeasured() {
        operands.check(call + " after measuring", result());
    }
}
