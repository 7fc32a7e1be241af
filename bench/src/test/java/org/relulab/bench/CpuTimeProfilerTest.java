package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuTimeProfilerTest {
    @Test
    void busySecondsCountAllButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice, in 1/100 s
        assertEquals((400 + 5 + 30 + 2 + 3 + 10) / 100.0,
                CpuTimeProfiler.busySeconds("cpu  400 5 30 9000 700 2 3 10 0 0"), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuTimeProfiler.busySeconds("cpu0 1 2 3"));
        assertTrue(e.getMessage().startsWith("/proc/stat: 'cpu0 1 2 3' (expected"), e.getMessage());
    }
}
