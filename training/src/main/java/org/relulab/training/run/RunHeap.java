package org.relulab.training.run;

import static org.relulab.training.run.MemoryEstimate.plus;
import static org.relulab.training.run.MemoryEstimate.times;

import java.util.List;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.StudentConfig;
import org.relulab.training.config.TeacherConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.run.MemoryEstimate.Part;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;

/**
 * The Java heap of a run: vector-core's GEMM packing buffers, held by every kernel thread for the whole run; the
 * arrays that grow with the options (the metrics log, the mini-batch order, the teacher's and the metrics' double
 * copies of weight matrices, tensor initialization's moments, checkpoint buffers); and a fixed allowance for
 * everything small. Objects are counted at their array sizes plus headers; what is garbage by the time the next
 * part is built is counted anyway (the collector may not have run).
 */
final class RunHeap {
    /**
     * Everything small: manifest, plot text of a short run, per-call metric arrays, the JDK's own objects. Measured:
     * with this allowance left out, runs of 2000 steps (n = 10⁴; two-layer on abs and relu teachers, signed-relu with
     * as21, all19-3 on concept3, ntk-2 on fig1) finished on one thread with -Xmx26m, 8.6 MB beyond the 17.4 MB of
     * packing buffers.
     */
    static final long ALLOWANCE = 8L << 20;
    /** Per GEMM thread besides its packing buffers: the Thread object and its bookkeeping. */
    static final long PER_THREAD = 64L << 10;
    /** A Java array's header (object header and length), rounded up to 8-byte alignment. */
    static final long ARRAY_HEADER = 16;

    private RunHeap() {}

    /** The run's heap, in parts named for what they hold and the options that size them. */
    static List<Part> parts(RunConfig cfg, Provider provider, boolean checkpoints) {
        int threads = cfg.threads();
        long gemm = times(threads, plus(gemmBytesPerThread(provider), PER_THREAD));
        long teacher = teacher(cfg.teacher(), cfg.data().d());
        long arrays = plus(cfg.optimizer().batch() < cfg.data().n() ? intArray(cfg.data().n()) : 0, // Batches' order
                times(4, intArray(cfg.data().n()))); // the steps' all-zero row indices (at most n rows, 2 per step)
        return List.of(
                new Part("GEMM packing buffers of " + threads + (threads == 1 ? " thread" : " threads"),
                        threads > 1 ? "--threads" : "", gemm), // one thread is as low as it goes
                new Part("metrics log", "--steps, --log-every", metricsLog(cfg)),
                new Part("teacher and metric weight copies", "--d, --m, --teacher-neurons, --terms",
                        plus(teacher, metricCopies(cfg))),
                new Part("tensor initialization", "--m, --d", tensorInit(cfg)),
                new Part("checkpoint buffers", "--m, --m2, --d", checkpoints ? checkpoint(cfg) : 0),
                new Part("index arrays", "--n", arrays), new Part("fixed allowance", "", ALLOWANCE));
    }

    /** Heap bytes of one GEMM thread's packing buffers: vector-core's count, with its three arrays' headers. */
    static long gemmBytesPerThread(Provider provider) {
        long bytes = Kernels.gemmScratchBytesPerThread(provider);
        return bytes == 0 ? 0 : plus(3 * ARRAY_HEADER, bytes);
    }

    /**
     * MetricsCsv.Writer keeps every logged row (step, losses, metric values: at most 8 columns beyond the 3, and 2K
     * more for the signed-relu teacher's identification metric) for the plots, which copy each column and write a
     * few tens of characters per point.
     */
    static long metricsLog(RunConfig cfg) {
        long rows = cfg.steps() / cfg.logEvery() + 2;
        TeacherConfig t = cfg.teacher();
        long columns = 3 + 8 + (t.kind() == TeacherKind.SIGNED_RELU ? 2L * t.neurons() : 0);
        return times(rows, plus(64, times(80, columns)));
    }

    /**
     * The teacher's double arrays: its random orthogonal rows while it is built (abs, relu, signed-relu), the
     * concept classes' weights for the whole run (two p × d, or p × (p + d) twice).
     */
    static long teacher(TeacherConfig t, int d) {
        int k = t.neurons(), p = t.terms();
        return switch (t.kind()) {
            case ABS -> t.orthogonal() ? doubles(d, d) : 0;
            case RELU -> plus(doubles(d, k), doubles(k, k));
            case SIGNED_RELU -> doubles(d, k);
            case FIG1 -> 0;
            case CONCEPT2 -> times(2, doubles(p, d));
            case CONCEPT3 -> times(2, plus(doubles(p, p), doubles(p, d)));
        };
    }

    /**
     * The two-layer student's metrics (HermiteMetric for the abs teacher and a tied output, RecoveryMetric,
     * IdentificationMetric) copy W (m × d) and the teacher's weights (K × d) as floats, then as doubles
     * (DoubleRows), and keep m × K doubles of costs or cosines.
     */
    static long metricCopies(RunConfig cfg) {
        StudentConfig s = cfg.student();
        if (s.network() != NetworkKind.TWO_LAYER) return 0;
        int m = s.m(), d = cfg.data().d();
        long teacherRows = switch (cfg.teacher().kind()) {
            case ABS -> s.output() == OutputLayer.TIED ? d : 0;
            case RELU, SIGNED_RELU -> cfg.teacher().neurons();
            case FIG1, CONCEPT2, CONCEPT3 -> 0;
        };
        if (teacherRows == 0) return 0;
        return plus(plus(copies(m, d), copies(teacherRows, d)), doubles(m, teacherRows));
    }

    /** A matrix's elements as one float[] (Matrix.toArray) and as double[rows][cols]. */
    private static long copies(long rows, long cols) {
        return plus(plus(ARRAY_HEADER, times(times(rows, cols), Float.BYTES)), doubles(rows, cols));
    }

    /**
     * ZYWG19's tensor initialization (TensorInitialization): the d × d second moment with its eigen decomposition
     * (four d × d), the K × K × K fourth-moment slice and its copy, and d × K directions twice, K = m.
     */
    static long tensorInit(RunConfig cfg) {
        if (cfg.student().init() != Initialization.TENSOR) return 0;
        int m = cfg.student().m(), d = cfg.data().d();
        long slice = times(m, doubles(m, m));
        return plus(plus(times(4, doubles(d, d)), times(2, slice)), times(2, doubles(d, m)));
    }

    /** A checkpoint is written from one buffer of every trained block plus one block's float copy; read likewise. */
    static long checkpoint(RunConfig cfg) {
        return times(2, RunMatrices.learner(cfg.student(), cfg.data().d()));
    }

    /** A double[rows][cols]. */
    private static long doubles(long rows, long cols) {
        return plus(ARRAY_HEADER, times(rows, plus(ARRAY_HEADER + 8, times(cols, Double.BYTES))));
    }

    private static long intArray(long n) {
        return plus(ARRAY_HEADER, times(n, Integer.BYTES));
    }
}
