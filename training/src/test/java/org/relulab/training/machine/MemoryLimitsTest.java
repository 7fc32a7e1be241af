package org.relulab.training.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Workspace;

/**
 * Reading the memory limits from fixture /proc and /sys/fs/cgroup trees: cgroup v2 "max" and numbers, v1's huge
 * "no limit" number, nested cgroups, a hybrid layout, missing and garbled files; and that workspace memory does not
 * count against -XX:MaxDirectMemorySize (so that limit need not be checked).
 */
class MemoryLimitsTest {
    private static final long UNLIMITED = MemoryLimits.UNLIMITED;
    private static final String V2_MOUNT = "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
    private static final String V1_MOUNT = "34 25 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void cgroupV2MaxMeansNoLimit() throws IOException {
        write("proc/self/mountinfo", V2_MOUNT);
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/memory.max", "max\n");
        assertEquals(UNLIMITED, CgroupMemory.limit(root));
    }

    @Test
    void cgroupV2NumberIsTheLimit() throws IOException {
        write("proc/self/mountinfo", V2_MOUNT);
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/memory.max", "2147483648\n");
        assertEquals(2147483648L, CgroupMemory.limit(root));
    }

    @Test
    void aParentsLimitBindsItsChildren() throws IOException {
        write("proc/self/mountinfo", V2_MOUNT);
        write("proc/self/cgroup", "0::/user.slice/job.scope\n");
        write("sys/fs/cgroup/user.slice/job.scope/memory.max", "max\n");
        write("sys/fs/cgroup/user.slice/memory.max", "4294967296\n");
        assertEquals(4294967296L, CgroupMemory.limit(root));
        write("sys/fs/cgroup/user.slice/job.scope/memory.max", "1073741824\n");
        assertEquals(1073741824L, CgroupMemory.limit(root));
    }

    @Test
    void cgroupV1HugeNumberMeansNoLimit() throws IOException {
        write("proc/self/mountinfo", V1_MOUNT);
        write("proc/self/cgroup", "4:memory:/\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        assertEquals(UNLIMITED, CgroupMemory.limit(root));
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "536870912\n");
        assertEquals(536870912L, CgroupMemory.limit(root));
    }

    @Test
    void aHybridLayoutReadsTheV1MemoryControllerAtTheProcessPath() throws IOException {
        // as on a systemd hybrid host: v2 at /sys/fs/cgroup/unified without the memory controller, v1 memory beside
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n" + V1_MOUNT);
        write("proc/self/cgroup", "9:name=systemd:/\n4:memory:/process_api/abc\n1:cpu:/\n0::/\n");
        write("sys/fs/cgroup/unified/cgroup.procs", "1\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", "3000000000\n");
        assertEquals(3_000_000_000L, CgroupMemory.limit(root));
    }

    @Test
    void aMountOfAnotherPartOfTheTreeIsReadAtItsTop() throws IOException {
        // a container whose /proc shows the host's path, with its own cgroup mounted at /sys/fs/cgroup
        write("proc/self/mountinfo", "30 23 0:26 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("proc/self/cgroup", "0::/docker/abc\n");
        write("sys/fs/cgroup/memory.max", "1000000000\n");
        assertEquals(1_000_000_000L, CgroupMemory.limit(root));
        write("proc/self/cgroup", "0::/elsewhere\n");
        assertEquals(1_000_000_000L, CgroupMemory.limit(root));
        write("proc/self/cgroup", "0::/../../etc\n");
        assertEquals(1_000_000_000L, CgroupMemory.limit(root));
    }

    @Test
    void missingFilesMeanNoLimitAndTheUsualPlacesAreTried() throws IOException {
        assertEquals(UNLIMITED, CgroupMemory.limit(root));
        write("sys/fs/cgroup/memory.max", "123456789\n"); // no /proc: the usual v2 mount point
        assertEquals(123456789L, CgroupMemory.limit(root));
    }

    @Test
    void garbledValuesAreNoLimit() {
        assertEquals(UNLIMITED, CgroupMemory.parse("lots"));
        assertEquals(UNLIMITED, CgroupMemory.parse(""));
        assertEquals(UNLIMITED, CgroupMemory.parse("-1"));
        assertEquals(UNLIMITED, CgroupMemory.parse("0"));
        assertEquals(UNLIMITED, CgroupMemory.parse(Long.toString(CgroupMemory.NO_LIMIT_FROM)));
        assertEquals(4096, CgroupMemory.parse(" 4096\n"));
    }

    @Test
    void physicalMemoryComesFromMeminfo() throws IOException {
        write("proc/meminfo", "MemTotal:       24683792 kB\nMemFree:        1000 kB\n");
        write("sys/fs/cgroup/memory.max", "8000000000\n");
        MemoryLimits l = MemoryLimits.read(root, 2_000_000_000L);
        assertEquals(24683792L * 1024, l.physical());
        assertEquals(8_000_000_000L, l.memory());
        assertEquals("the container's memory limit (cgroup)", l.memoryName());
        MemoryLimits open = new MemoryLimits(l.physical(), UNLIMITED, UNLIMITED);
        assertEquals(l.physical(), open.memory());
        assertEquals("this machine's physical memory", open.memoryName());
        assertEquals(800, MemoryLimits.usable(1000));
        assertThrows(IllegalArgumentException.class, () -> new MemoryLimits(0, UNLIMITED, UNLIMITED));
    }

    @Test
    void thisProcessHasLimits() {
        MemoryLimits l = MemoryLimits.current();
        assertTrue(l.physical() > 0 && l.physical() < UNLIMITED, "physical " + l.physical());
        assertEquals(Runtime.getRuntime().maxMemory(), l.maxHeap());
    }

    @Test
    void workspaceMemoryIsNotCountedAsDirectMemory() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        long before = direct.getMemoryUsed();
        try (Workspace ws = Workspace.shared()) {
            ws.matrix(1024, 2048); // 8 MB
            long counted = direct.getMemoryUsed() - before;
            assertTrue(counted < 4_000_000, counted
                    + " B of an 8 MB workspace matrix count as direct memory: check -XX:MaxDirectMemorySize too");
        }
    }
}
