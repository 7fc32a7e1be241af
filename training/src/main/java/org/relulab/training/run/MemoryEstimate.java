package org.relulab.training.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relulab.core.Provider;
import org.relulab.training.config.RunConfig;
import org.relulab.training.failure.Failure;
import org.relulab.training.machine.MemoryLimits;

/**
 * The memory a run allocates, estimated from its options before it allocates anything, and the refusal of a run that
 * would not fit. Off-heap ({@link RunMatrices}): every matrix of its workspaces, padded as vector-core pads them, at
 * the run's peak. Java heap ({@link RunHeap}): the GEMM packing buffers of every kernel thread, the arrays that grow
 * with the options, a fixed allowance. A run is refused when its heap passes {@link MemoryLimits#USABLE_FRACTION} of
 * the JVM's maximum heap, or heap and off-heap together pass that share of the machine's or the container's memory.
 *
 * @param offHeapParts what the workspaces hold, part by part
 * @param heapParts    what the Java heap holds, part by part
 */
public record MemoryEstimate(List<Part> offHeapParts, List<Part> heapParts) {
    /** One part of a run's memory: what it holds, the options that size it, its bytes. */
    public record Part(String what, String options, long bytes) {}

    public MemoryEstimate {
        offHeapParts = List.copyOf(offHeapParts);
        heapParts = List.copyOf(heapParts);
    }

    /**
     * The estimate for {@code cfg} on {@code provider}'s kernels (only the SIMD ones have packing buffers), with
     * checkpoint buffers when the run writes or resumes checkpoints.
     */
    public static MemoryEstimate of(RunConfig cfg, Provider provider, boolean checkpoints) {
        return new MemoryEstimate(RunMatrices.parts(cfg), RunHeap.parts(cfg, provider, checkpoints));
    }

    /** Bytes of off-heap memory at the run's peak. */
    public long offHeap() {
        return sum(offHeapParts);
    }

    /** Bytes of Java heap the run needs. */
    public long heap() {
        return sum(heapParts);
    }

    /** Off-heap and heap together. */
    public long total() {
        return plus(offHeap(), heap());
    }

    /**
     * Throws a usage {@link Failure} (exit code 2: the options must change for this machine) when the run does not
     * fit in {@code limits}: one line naming what it needs, the limit it passes and the options that size its largest
     * parts.
     */
    public void check(MemoryLimits limits) {
        long heapLimit = limits.maxHeap();
        if (heapLimit != MemoryLimits.UNLIMITED && heap() > MemoryLimits.usable(heapLimit)) {
            String lower = options(heapParts);
            throw Failure.usage(String.format(Locale.ROOT,
                    "this run needs about %s of Java heap (%s) but the JVM's maximum heap (-Xmx) is %s, of which a "
                            + "run may use %d%% (%s): %sgive the JVM more heap (RELULAB_JAVA_OPTS=-Xmx...)",
                    size(heap()), largest(heapParts), size(heapLimit), percent(), size(MemoryLimits.usable(heapLimit)),
                    lower.isEmpty() ? "" : "lower " + lower + ", or "));
        }
        long memory = limits.memory();
        if (memory != MemoryLimits.UNLIMITED && total() > MemoryLimits.usable(memory)) {
            List<Part> all = new ArrayList<>(offHeapParts);
            all.addAll(heapParts);
            throw Failure.usage(String.format(Locale.ROOT,
                    "this run needs about %s of memory (%s off-heap, %s of Java heap; %s) but %s is %s, of which a "
                            + "run may use %d%% (%s): %s",
                    size(total()), size(offHeap()), size(heap()), largest(all), limits.memoryName(), size(memory),
                    percent(), size(MemoryLimits.usable(memory)),
                    options(all).isEmpty() ? "even the smallest run does not fit" : "lower " + options(all)));
        }
    }

    /** The largest part, and the second largest where it holds a tenth of the whole: "data sets 2.1 GB, ...". */
    private static String largest(List<Part> parts) {
        List<Part> sorted = parts.stream().sorted(Comparator.comparingLong(Part::bytes).reversed()).toList();
        List<Part> shown = sorted.size() > 1 && sorted.get(1).bytes() >= sum(parts) / 10
                ? sorted.subList(0, 2)
                : sorted.subList(0, 1);
        return String.join(", ", shown.stream().map(p -> p.what() + " " + size(p.bytes())).toList());
    }

    /**
     * The options that size the two largest parts of those that options size and that hold at least a tenth of the
     * whole, each once ("--n, --test-n, --d"); "" where no option would help (one thread, the fixed allowance).
     */
    private static String options(List<Part> parts) {
        long whole = sum(parts);
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(p -> !p.options().isEmpty() && p.bytes() >= whole / 10)
                .sorted(Comparator.comparingLong(Part::bytes).reversed()).limit(2)
                .forEach(p -> names.addAll(List.of(p.options().split(", "))));
        return String.join(", ", names);
    }

    private static int percent() {
        return (int) Math.round(MemoryLimits.USABLE_FRACTION * 100);
    }

    /** "3.2 GB", "17.4 MB", "512 kB" (decimal units). */
    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        if (bytes >= 1_000_000L) return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(Locale.ROOT, "%d kB", (bytes + 999) / 1000);
    }

    private static long sum(List<Part> parts) {
        long s = 0;
        for (Part p : parts) s = plus(s, p.bytes());
        return s;
    }

    /** a + b for byte counts ≥ 0, saturating at {@link Long#MAX_VALUE}: absurd options are refused, never wrapped. */
    static long plus(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** a × b for counts ≥ 0, saturating at {@link Long#MAX_VALUE}. */
    static long times(long a, long b) {
        long p = a * b;
        return Math.multiplyHigh(a, b) != 0 || p < 0 ? Long.MAX_VALUE : p;
    }
}
