package org.relulab.training.run;

import java.util.Locale;
import org.relulab.training.config.DataConfig;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.StudentConfig;

/** The off-heap memory a run allocates, estimated before allocating, and the refusal of a run this machine cannot hold. */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    /** Bytes of off-heap memory the run allocates (data, buffers, parameters), estimated before allocating. */
    public static long bytes(RunConfig cfg) {
        DataConfig data = cfg.data();
        StudentConfig s = cfg.student();
        int d = data.d(), n = data.n(), testN = data.testN();
        int rows = Math.min(cfg.optimizer().batch(), n), evalRows = Math.min(Evaluation.CHUNK, Math.max(n, testN));
        long floats = (long) n * (d + 1) + (long) testN * (d + 1)                                  // data sets
                + (rows + evalRows) * (1L + s.network().activationsPerRow(s.m(), s.m2()))        // step and evaluation buffers
                + 2L * s.network().parameters(d, s.m(), s.m2())                                  // parameters and gradients
                + (cfg.optimizer().kind() == OptimizerKind.SGD ? (long) rows * (d + 1) : 0);     // the gathered batch
        long teacherRows = cfg.teacher().kind().rows(d, cfg.teacher().neurons());
        floats += teacherRows * (d + 2) + 2L * Math.max(n, testN) * teacherRows;                 // teacher and its labelling
        return floats * Float.BYTES;
    }

    /** Refuses, before allocating, a run that would need more memory than this machine has. */
    static void check(RunConfig cfg) {
        long need = bytes(cfg);
        long have = physicalMemory();
        if (have > 0 && need > have * 0.8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "this run needs about %.1f GB of memory but the machine has %.1f GB (expected at most 80%%): "
                            + "lower --n, --test-n, --m or --batch",
                    need / 1e9, have / 1e9));
        }
    }

    private static long physicalMemory() {
        if (java.lang.management.ManagementFactory
                .getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
