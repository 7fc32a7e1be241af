package org.relulab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of a regressed benchmark went: reruns it, alone, under JMH's stack profiler, once with the base
 * build's benchmarks jar and once with the new build's, and sets their hot methods side by side (the share of the
 * running threads' samples each method is on top of). The stack profiler samples thread dumps, so it needs neither
 * {@code perf} nor hardware counters and works on any CI runner.
 */
final class RegressionProfile {
    private RegressionProfile() {}

    /** One method on top of the running threads' stacks, with its share of their samples in percent. */
    record HotMethod(String method, double percent) {}

    /** Runs one benchmark with one parameter set from one jar under the stack profiler; returns JMH's output. */
    interface Runner {
        String run(Path jar, String benchmark, Map<String, String> params) throws IOException;
    }

    /** The stack profiler's options: methods by name only (one line), the top 12. */
    static final String PROFILER = "stack:lines=1;top=12;detailLine=false";
    /** A profiled rerun: one fork, 3 × 1 s warmup, 5 × 1 s measurement (a few seconds of samples). */
    static final List<String> JMH_OPTIONS = List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s");
    /** Longest a profiled rerun may take before it is stopped. */
    static final long TIMEOUT_MINUTES = 10;

    /** The runner that starts {@code java -jar JAR} with this JVM's java. */
    static Runner processRunner() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return (jar, benchmark, params) -> {
            List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(),
                    "\\." + benchmark.replace(".", "\\.") + "$"));
            params.forEach((k, v) -> cmd.addAll(List.of("-p", k + "=" + v)));
            cmd.addAll(JMH_OPTIONS);
            cmd.addAll(List.of("-prof", PROFILER));
            Path log = Files.createTempFile("relulab-profile", ".txt");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + ": still running after " + TIMEOUT_MINUTES
                            + " minutes, stopped");
                }
                String out = Files.readString(log, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": "
                            + lastLines(out, 5));
                }
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while profiling " + benchmark, e);
            } finally {
                Files.deleteIfExists(log);
            }
        };
    }

    private static final Pattern SECTION = Pattern.compile("^\\.+\\[Thread state: RUNNABLE\\]\\.*$");
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9.]+)%\\s+([0-9.]+)%\\s+(\\S.*?)\\s*$");

    /**
     * The hot methods of the RUNNABLE section of a stack-profiler output, as shares of the running samples (the
     * profiler's second column), in its order. Lines the profiler writes for no method ({@code <stack is empty ...>},
     * {@code <other>}) are kept under their own names. Empty when the output has no such section.
     */
    static List<HotMethod> parse(String jmhOutput) {
        List<HotMethod> out = new ArrayList<>();
        boolean in = false;
        for (String line : jmhOutput.split("\\R")) {
            if (SECTION.matcher(line).matches()) {
                in = true;
                continue;
            }
            if (!in) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (!out.isEmpty()) break; // the section ends at its first line that is not a method
                continue;
            }
            out.add(new HotMethod(m.group(3), Double.parseDouble(m.group(2))));
        }
        return out;
    }

    /** A Markdown table of the methods hot in either build: share of running samples in the base and the new. */
    static String sideBySide(List<HotMethod> base, List<HotMethod> next) {
        Map<String, Double> b = shares(base), n = shares(next);
        Set<String> methods = new LinkedHashSet<>(n.keySet());
        methods.addAll(b.keySet());
        List<List<String>> cells = new ArrayList<>();
        for (String m : methods) {
            Double x = b.get(m), y = n.get(m);
            cells.add(List.of(m, x == null ? "" : percent(x), y == null ? "" : percent(y),
                    x == null || y == null ? "" : String.format(Locale.ROOT, "%+.1f", y - x)));
        }
        return MarkdownTable.render(List.of("method (top of the running stacks)", "base %", "new %", "change (points)"),
                cells, c -> c >= 1);
    }

    /** Profiles one regressed benchmark with both jars and returns the side-by-side table, titled. */
    static String profile(Runner runner, Path baseJar, Path newJar, JmhResult regressed) throws IOException {
        List<HotMethod> base = parse(runner.run(baseJar, regressed.benchmark(), regressed.params()));
        List<HotMethod> next = parse(runner.run(newJar, regressed.benchmark(), regressed.params()));
        StringBuilder sb = new StringBuilder("### Profile: ").append(regressed.benchmark());
        regressed.params().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        sb.append("\n\n");
        if (base.isEmpty() || next.isEmpty()) {
            return sb.append("The stack profiler printed no RUNNABLE section for the ")
                    .append(base.isEmpty() ? "base" : "new").append(" build.\n").toString();
        }
        return sb.append(sideBySide(base, next)).toString();
    }

    private static Map<String, Double> shares(List<HotMethod> methods) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (HotMethod h : methods) out.merge(h.method(), h.percent(), Double::sum);
        return out;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\\R");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
