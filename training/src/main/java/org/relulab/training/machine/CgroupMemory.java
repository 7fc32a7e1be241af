package org.relulab.training.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory limit of the container (Linux control group) this process runs in: the smallest of cgroup v2
 * {@code memory.max} and cgroup v1 {@code memory.limit_in_bytes} over the process's cgroup and its ancestors up to
 * the hierarchy's mount point (a limit on a parent binds its children too). A container's own cgroup is usually
 * mounted at /sys/fs/cgroup (v2) or /sys/fs/cgroup/memory (v1); /proc/self/mountinfo says where, and
 * /proc/self/cgroup which cgroup in it is this process's. Files are read under a root folder, so that tests can
 * give fixtures.
 */
final class CgroupMemory {
    /** v1 reports "no limit" as a huge number (2^63 − 1 rounded down to a page); anything this large is none. */
    static final long NO_LIMIT_FROM = 1L << 62;

    /** Where a hierarchy is mounted: the cgroup path it shows ({@code root}) at the folder {@code point}. */
    private record Mount(String root, String point) {}

    private CgroupMemory() {}

    /** The container's memory limit in bytes, or {@link MemoryLimits#UNLIMITED} where none is set or readable. */
    static long limit(Path root) {
        List<String> cgroups = lines(root.resolve("proc/self/cgroup"));
        List<String> mounts = lines(root.resolve("proc/self/mountinfo"));
        long v2 = hierarchyLimit(root, mount(mounts, true), cgroupPath(cgroups, true), "memory.max");
        long v1 = hierarchyLimit(root, mount(mounts, false), cgroupPath(cgroups, false), "memory.limit_in_bytes");
        return Math.min(v1, v2);
    }

    /** The smallest limit in {@code file} from the process's cgroup folder up to the mount point. */
    private static long hierarchyLimit(Path root, Mount mount, String cgroup, String file) {
        Path top = root.resolve(mount.point().substring(1)).normalize();
        Path dir = top.resolve(relative(cgroup, mount.root())).normalize();
        if (!dir.startsWith(top)) dir = top;
        long min = MemoryLimits.UNLIMITED;
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent())
            min = Math.min(min, read(p.resolve(file)));
        return min;
    }

    /**
     * The process's cgroup below the mount's root, without a leading slash; "" (the mount point itself) when the
     * mount shows another part of the tree (a container whose /proc shows the host's paths).
     */
    private static String relative(String cgroup, String mountRoot) {
        String base = mountRoot.endsWith("/") ? mountRoot : mountRoot + "/";
        String path = cgroup.endsWith("/") ? cgroup : cgroup + "/";
        return path.startsWith(base) ? path.substring(base.length()) : "";
    }

    /** The limit in one file: "max" (v2's no limit), a byte count; missing, unreadable or not a number: none. */
    static long parse(String text) {
        String t = text.trim();
        if (t.equals("max")) return MemoryLimits.UNLIMITED;
        try {
            long v = Long.parseLong(t);
            return v < 1 || v >= NO_LIMIT_FROM ? MemoryLimits.UNLIMITED : v;
        } catch (NumberFormatException e) {
            return MemoryLimits.UNLIMITED; // not a limit this reader understands: the physical memory still applies
        }
    }

    private static long read(Path file) {
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file)) : MemoryLimits.UNLIMITED;
        } catch (IOException | RuntimeException e) {
            return MemoryLimits.UNLIMITED;
        }
    }

    /**
     * From /proc/self/mountinfo ("36 25 0:31 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw"), the cgroup v2 mount or the
     * v1 mount of the memory controller; where there is none listed, the usual place.
     */
    private static Mount mount(List<String> mountinfo, boolean v2) {
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) continue;
            String[] before = line.substring(0, dash).split(" "), after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3) continue;
            boolean match = v2
                    ? after[0].equals("cgroup2")
                    : after[0].equals("cgroup") && List.of(after[2].split(",")).contains("memory");
            if (match && before[4].startsWith("/")) return new Mount(before[3], before[4]);
        }
        return new Mount("/", v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory");
    }

    /** From /proc/self/cgroup, the process's v2 cgroup ("0::/path") or its v1 memory cgroup ("4:memory:/path"). */
    private static String cgroupPath(List<String> lines, boolean v2) {
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3) continue;
            boolean match = v2 ? f[0].equals("0") && f[1].isEmpty() : List.of(f[1].split(",")).contains("memory");
            if (match) return f[2];
        }
        return "/";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
