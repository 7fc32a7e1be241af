package org.relulab.training.machine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the machine a run or a benchmark ran on, for manifests and result files. */
public final class MachineInfo {
    private MachineInfo() {}

    /**
     * The CPU: model name, and on x86 Linux the family/model numbers and the widest vector extension
     * ("AMD EPYC (family 25 model 17, avx512f)"): virtual machines often report only a generic name.
     * Falls back to the OS architecture where /proc/cpuinfo is missing.
     */
    public static String cpuModel() {
        String name = null, family = null, model = null, simd = null;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = l.indexOf(':');
                if (colon < 0) continue;
                String key = l.substring(0, colon).trim(), value = l.substring(colon + 1).trim();
                switch (key) {
                    case "model name" -> name = name == null ? value : name;
                    case "cpu family" -> family = family == null ? value : family;
                    case "model" -> model = model == null ? value : model;
                    case "flags", "Features" -> simd = simd == null ? widestVectorIsa(" " + value + " ") : simd;
                    default -> {}
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or not readable: fall through
        }
        if (name == null) return System.getProperty("os.arch") + " (model unknown)";
        StringBuilder s = new StringBuilder(name);
        if (family != null && model != null) s.append(" (family ").append(family).append(" model ").append(model);
        if (simd != null) s.append(family != null && model != null ? ", " : " (").append(simd);
        if ((family != null && model != null) || simd != null) s.append(')');
        return s.toString();
    }

    private static String widestVectorIsa(String flags) {
        for (String f : List.of("avx512f", "avx2", "avx", "sve2", "sve", "asimd", "sse4_2")) {
            if (flags.contains(" " + f + " ")) return f;
        }
        return null;
    }

    /** "Linux 6.1 amd64". */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** "25.0.1+8-LTS (Eclipse Adoptium)". */
    public static String jdk() {
        return Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The git commit of the working tree relulab runs from ("abc1234", with "-dirty" when it has
     * uncommitted changes), or "unknown" outside a git checkout.
     */
    public static String gitCommit() {
        try {
            // asked where relulab's own classes are, not in the working directory: a run started elsewhere (a sweep's
            // folder, a Slurm task) records the code it ran, not whatever repository it stands in
            Path code = Path.of(MachineInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty",
                    "--abbrev=12").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException | InterruptedException | SecurityException | URISyntaxException
                | NullPointerException e) { // no code source: an embedded or unusual class loader
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
