package org.relulab.training.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.relulab.core.Provider;
import org.relulab.training.config.RunConfig;
import org.relulab.training.failure.Failure;
import org.relulab.training.machine.MemoryLimits;
import org.relulab.training.run.MemoryEstimate;

/**
 * The memory check of a whole sweep, before anything runs: every point must fit alone (the check {@code train}
 * makes), and the {@code jobs} largest points together must fit in the machine's memory, since that many run at
 * once, each in its worker JVM. A point that does not fit, or a --jobs too high for the largest points, is one line
 * with exit code 2.
 */
final class SweepMemory {
    private SweepMemory() {}

    /**
     * Checks {@code points} run {@code jobs} at a time, each with {@code threads} GEMM threads unless its spec sets
     * them, against {@code limits}.
     */
    static void check(List<SweepPoint> points, int jobs, int threads, Provider provider, MemoryLimits limits) {
        PriorityQueue<Long> largest = new PriorityQueue<>(); // the jobs largest totals, smallest first
        Path nowhere = Path.of("sweep-memory-check");
        for (SweepPoint p : points) {
            RunConfig cfg = p.config(nowhere);
            if (!p.options().containsKey("threads")) cfg = cfg.toBuilder().threads(threads).build();
            MemoryEstimate estimate = MemoryEstimate.of(cfg, provider, true);
            try {
                estimate.check(limits);
            } catch (Failure e) {
                throw Failure.usage("sweep: point " + p.index() + " (" + p.name() + "): " + e.getMessage());
            }
            largest.add(estimate.total());
            if (largest.size() > jobs) largest.poll();
        }
        long together = 0;
        for (long b : largest) together = Math.addExact(together, b);
        long memory = limits.memory();
        if (memory != MemoryLimits.UNLIMITED && largest.size() > 1 && together > MemoryLimits.usable(memory)) {
            throw Failure.usage(String.format(Locale.ROOT,
                    "sweep: its %d largest points need about %.1f GB together, run at once with --jobs %d, but %s "
                            + "is %.1f GB, of which a sweep may use %.0f%%: lower --jobs",
                    largest.size(), together / 1e9, jobs, limits.memoryName(), memory / 1e9,
                    100 * MemoryLimits.USABLE_FRACTION));
        }
    }
}
