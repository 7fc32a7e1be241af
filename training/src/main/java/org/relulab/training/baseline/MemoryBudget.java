package org.relulab.training.baseline;

import java.util.Locale;
import org.relulab.core.Workspace;
import org.relulab.training.machine.MemoryLimits;

/**
 * The memory a kernel method may take: 80 % ({@link MemoryLimits#USABLE_FRACTION}) of the physical memory (the
 * container's limit where there is one), checked before anything large is allocated. Off-heap matrices do not count
 * against -Xmx, so the JVM would otherwise find out by failing mid-way, or the system by swapping.
 */
final class MemoryBudget {
    static final double FRACTION = MemoryLimits.USABLE_FRACTION;

    private MemoryBudget() {}

    /** Physical memory in bytes, or the container's limit where that is lower ({@link MemoryLimits#memory()}). */
    static long physicalBytes() {
        return MemoryLimits.current().memory();
    }

    /** Bytes of a workspace matrix of rows × cols floats (rows padded to {@link Workspace#paddedStride}). */
    static long matrixBytes(int rows, int cols) {
        return (long) rows * Workspace.paddedStride(cols) * Float.BYTES;
    }

    /**
     * Throws when {@code bytes} exceed {@link #FRACTION} of {@code physical}: one line naming what needs the
     * memory ({@code what}, e.g. "n = 60000 training points need 14.4 GB for the 60000 x 60000 kernel
     * matrix") and what the machine has.
     */
    static void require(String what, long bytes, long physical) {
        if (bytes > FRACTION * physical) {
            throw new IllegalArgumentException(what + " (" + gb(bytes) + " in all), more than "
                    + Math.round(FRACTION * 100) + "% of this machine's " + gb(physical) + " of physical memory ("
                    + gb((long) (FRACTION * physical)) + "); use fewer points");
        }
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
