package org.relulab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.relulab.training.io.Json;

/**
 * Prints a JMH JSON result file ({@code -rf json -rff FILE}) as a Markdown table: benchmark, params, the
 * primary score ± error and its unit, the time per call (the reciprocal of a throughput score), every
 * secondary metric's score (gflop, gbytes, profiler figures), with {@code --peak} the gflop score as a
 * percentage of the peak of the row's thread count, and with {@code --ratio-to} each gflop score divided by
 * that of a reference benchmark (a peer library) at the same shape and thread count. Needs only the JDK.
 */
public final class JmhTable {
    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar org.relulab.bench.JmhTable [--peak GFLOPS] [--ratio-to NAME] \
            RESULTS.json...
              RESULTS.json    JMH result files (their rows in one table): java -jar bench/target/benchmarks.jar \
                              ... -rf json -rff RESULTS.json
              --peak GFLOPS   the FP32 peak of one core: adds a "% of peak" column for rows with a gflop
                              metric, against T x GFLOPS for rows with a threads=T parameter
              --ratio-to NAME adds a "vs NAME" column: each row's gflop divided by the gflop of the row whose
                              benchmark name contains NAME and that has the same shape and threads
                              parameters (for example --ratio-to OpenBlas on a bench-peers result)
            """;

    private JmhTable() {}

    public static void main(String[] args) {
        double peak = Double.NaN;
        String ratioTo = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--peak" -> {
                    if (i + 1 == args.length) fail("--peak needs a value in GFLOP/s");
                    peak = parsePeak(args[++i]);
                }
                case "--ratio-to" -> {
                    if (i + 1 == args.length || args[i + 1].isEmpty())
                        fail("--ratio-to needs part of a benchmark name");
                    ratioTo = args[++i];
                }
                default -> files.add(args[i]);
            }
        }
        if (files.isEmpty()) fail("no result file given");
        List<Object> rows = new ArrayList<>();
        for (String file : files) {
            try {
                if (!(Json.parse(Files.readString(Path.of(file))) instanceof List<?> list)) {
                    throw new IllegalArgumentException("expected a JSON array of JMH results");
                }
                rows.addAll(list);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(
                        "JmhTable: " + file + ": " + (e instanceof IOException ? e.toString() : e.getMessage()));
                System.exit(1);
                return;
            }
        }
        try {
            System.out.print(render(rows, peak, ratioTo));
        } catch (IllegalArgumentException e) {
            System.err.println("JmhTable: " + String.join(", ", files) + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static double parsePeak(String s) {
        try {
            double v = Double.parseDouble(s);
            if (v > 0 && Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("--peak " + s + ": expected a positive number of GFLOP/s");
        return Double.NaN;
    }

    private static void fail(String message) {
        System.err.print("JmhTable: " + message + "\n" + USAGE);
        System.exit(2);
    }

    /** The Markdown table of parsed JMH results (a JSON array); {@code peak} in GFLOP/s, or NaN for none. */
    static String render(Object results, double peak) {
        return render(results, peak, null);
    }

    /**
     * The Markdown table of parsed JMH results (a JSON array); {@code peak} in GFLOP/s, or NaN for none;
     * {@code ratioTo} part of the name of the reference benchmark for a "vs" column, or null for none.
     */
    static String render(Object results, double peak, String ratioTo) {
        List<JmhResult> runs = JmhResult.parse(results);
        Map<String, Double> reference = ratioTo == null ? Map.of() : referenceGflops(runs, ratioTo);
        // Secondary metric names in order of first appearance, with the unit of that first one.
        Map<String, String> secondaryUnits = new LinkedHashMap<>();
        for (JmhResult run : runs) {
            for (Map.Entry<String, String> e : run.secondaryUnits().entrySet()) {
                secondaryUnits.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        boolean withPeak = !Double.isNaN(peak);
        List<String> header = new ArrayList<>(List.of("benchmark", "params", "score", "unit", "time/op"));
        secondaryUnits.forEach((name, unit) -> header.add(name + rateSuffix(unit)));
        if (withPeak) header.add("% of peak");
        if (ratioTo != null) header.add("vs " + ratioTo);

        List<List<String>> rows = new ArrayList<>();
        for (JmhResult run : runs) {
            List<String> row = new ArrayList<>();
            row.add(run.benchmark());
            row.add(params(run));
            row.add(Double.isFinite(run.error())
                    ? format(run.score()) + " ± " + format(run.error())
                    : format(run.score()));
            row.add(run.unit());
            row.add(timePerOp(run.score(), run.unit()));
            for (String name : secondaryUnits.keySet()) {
                Double metric = run.secondaries().get(name);
                row.add(metric == null ? "" : format(metric));
            }
            double gflop = run.gflops();
            if (withPeak) {
                row.add(Double.isNaN(gflop)
                        ? ""
                        : String.format(Locale.ROOT, "%.1f", 100 * gflop / (peak * run.threads())));
            }
            if (ratioTo != null) {
                String key = shapeAndThreads(run);
                Double ref = key == null ? null : reference.get(key);
                row.add(Double.isNaN(gflop) || ref == null ? "" : String.format(Locale.ROOT, "%.2f", gflop / ref));
            }
            rows.add(row);
        }
        return MarkdownTable.render(header, rows, JmhTable::rightAligned);
    }

    /**
     * The gflop score of each row whose benchmark name contains {@code name}, by {@link #shapeAndThreads};
     * throws when no row matches, or when two matching rows have the same shape and thread count.
     */
    private static Map<String, Double> referenceGflops(List<JmhResult> runs, String name) {
        Map<String, Double> gflops = new LinkedHashMap<>();
        Map<String, String> rows = new LinkedHashMap<>();
        for (JmhResult run : runs) {
            String key = shapeAndThreads(run);
            if (!run.benchmark().contains(name) || key == null || Double.isNaN(run.gflops())) continue;
            String row = run.benchmark() + " " + params(run), other = rows.putIfAbsent(key, row);
            if (other != null) {
                throw new IllegalArgumentException("--ratio-to " + name + ": two reference rows for " + key + ": "
                        + other + " and " + row + "; expected one (give more of the benchmark name)");
            }
            gflops.put(key, run.gflops());
        }
        if (gflops.isEmpty()) {
            throw new IllegalArgumentException("--ratio-to " + name + ": no row whose benchmark name contains '"
                    + name + "' has a gflop metric and a shape parameter; benchmarks: "
                    + runs.stream().map(JmhResult::benchmark).distinct().toList());
        }
        return gflops;
    }

    /** "shape=S threads=T" for a row with a shape parameter (T = 1 without a threads one), else null. */
    private static String shapeAndThreads(JmhResult run) {
        String shape = run.params().get("shape");
        return shape == null ? null : "shape=" + shape + " threads=" + run.threads();
    }

    private static String params(JmhResult run) {
        StringJoiner sj = new StringJoiner(" ");
        run.params().forEach((k, v) -> sj.add(k + "=" + v));
        return sj.toString();
    }

    /** "ops/s" → "/s": an OPERATIONS counter's unit, shown after its name ("gflop/s"). */
    private static String rateSuffix(String unit) {
        return unit.startsWith("ops/") ? unit.substring(3) : " (" + unit + ")";
    }

    /** Seconds per call: 1/score for a throughput unit (ops/s), the score itself for a time unit (ms/op). */
    private static String timePerOp(double score, String unit) {
        int slash = unit.indexOf('/');
        if (slash < 0) return "";
        String top = unit.substring(0, slash), bottom = unit.substring(slash + 1);
        if (top.equals("ops")) {
            double seconds = secondsIn(bottom);
            return Double.isNaN(seconds) ? "" : formatTime(seconds / score);
        }
        double seconds = secondsIn(top);
        return bottom.equals("op") && !Double.isNaN(seconds) ? formatTime(score * seconds) : "";
    }

    /** Seconds in one of JMH's time units, or NaN for anything else. */
    static double secondsIn(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "hr" -> 3600;
            default -> Double.NaN;
        };
    }

    static String formatTime(double seconds) {
        if (!Double.isFinite(seconds)) return format(seconds);
        if (seconds >= 1) return format(seconds) + " s";
        if (seconds >= 1e-3) return format(seconds * 1e3) + " ms";
        if (seconds >= 1e-6) return format(seconds * 1e6) + " us";
        return format(seconds * 1e9) + " ns";
    }

    /** At least three significant digits, no exponent for large values. */
    static String format(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** Score, time/op and the metric columns: everything after benchmark, params and unit holds numbers. */
    private static boolean rightAligned(int column) {
        return column >= 2 && column != 3;
    }
}
