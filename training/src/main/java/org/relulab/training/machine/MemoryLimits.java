package org.relulab.training.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory limits a run must fit in, read before it allocates: the machine's physical memory, the container's
 * limit ({@link CgroupMemory}: cgroup v2 memory.max or v1 memory.limit_in_bytes), and the JVM's maximum heap
 * ({@code -Xmx}, {@link Runtime#maxMemory()}). A limit that is not set, or cannot be read, is {@link #UNLIMITED}.
 *
 * <p>{@code -XX:MaxDirectMemorySize} is not one of them: vector-core's workspaces allocate from
 * {@code Arena.ofShared()} and {@code Arena.ofConfined()}, whose memory the JDK does not count against it (only
 * {@code Arena.ofAuto()} memory is reserved there: jdk.internal.foreign.ArenaImpl, JDK 25). MemoryLimitsTest pins
 * that, so a JDK or a vector-core that changed it would be noticed.
 *
 * @param physical  the machine's physical memory in bytes (/proc/meminfo MemTotal)
 * @param container the container's memory limit in bytes (the cgroup's), or {@link #UNLIMITED}
 * @param maxHeap   the most Java heap the JVM will grow to, in bytes, or {@link #UNLIMITED}
 */
public record MemoryLimits(long physical, long container, long maxHeap) {
    /** No limit of that kind. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /**
     * The share of a limit a run may plan to fill. The rest is for what no estimate counts: the JVM's own memory
     * (code cache, metaspace, thread stacks, GC structures), the heap's free space between collections, the OS.
     */
    public static final double USABLE_FRACTION = 0.8;

    public MemoryLimits {
        if (physical <= 0 || container <= 0 || maxHeap <= 0) {
            throw new IllegalArgumentException("memory limits " + physical + ", " + container + ", " + maxHeap
                    + ": expected positive byte counts");
        }
    }

    /** The limits of this process, now. */
    public static MemoryLimits current() {
        return read(Path.of("/"), Runtime.getRuntime().maxMemory());
    }

    /** The limits as the files under {@code root} (/proc, /sys/fs/cgroup) say, with the given maximum heap. */
    static MemoryLimits read(Path root, long maxHeap) {
        return new MemoryLimits(physicalMemory(root), CgroupMemory.limit(root), maxHeap);
    }

    /** The smaller of physical memory and the container's limit: what the process can hold in all. */
    public long memory() {
        return Math.min(physical, container);
    }

    /** Which limit {@link #memory()} is, for a message: the container's or the machine's. */
    public String memoryName() {
        return container < physical ? "the container's memory limit (cgroup)" : "this machine's physical memory";
    }

    /** {@link #USABLE_FRACTION} of {@code limit}, rounded down. */
    public static long usable(long limit) {
        return (long) (limit * USABLE_FRACTION);
    }

    /**
     * MemTotal of {@code root}/proc/meminfo; where that is missing (not Linux), the total the JVM reports, which on
     * Linux would already be the container's limit.
     */
    static long physicalMemory(Path root) {
        try {
            for (String line : Files.readAllLines(root.resolve("proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
                    long kb = Long.parseLong(f[0]);
                    if (kb > 0 && f.length == 2 && f[1].toLowerCase(Locale.ROOT).equals("kb"))
                        return Math.multiplyExact(kb, 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux), or a line this reader does not understand: ask the JVM below
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            return os.getTotalMemorySize();
        }
        return UNLIMITED;
    }
}
