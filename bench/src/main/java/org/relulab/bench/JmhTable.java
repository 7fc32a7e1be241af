package org.relulab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints a JMH JSON result file ({@code -rf json -rff FILE}) as a Markdown table: benchmark, params, the
 * primary score ± error and its unit, the time per call (the reciprocal of a throughput score), every
 * secondary metric's score (gflop, gbytes, profiler figures), with {@code --peak} the gflop score as a
 * percentage of the peak of the row's thread count, and with {@code --ratio-to} each gflop score divided by
 * that of a reference benchmark (a peer library) at the same shape and thread count. Needs only the JDK.
 */
public final class JmhTable {
    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar org.relulab.bench.JmhTable [--peak GFLOPS] [--ratio-to NAME] RESULTS.json
              RESULTS.json    a JMH result file: java -jar bench/target/benchmarks.jar ... -rf json -rff RESULTS.json
              --peak GFLOPS   the FP32 peak of one core: adds a "% of peak" column for rows with a gflop
                              metric, against T x GFLOPS for rows with a threads=T parameter
              --ratio-to NAME adds a "vs NAME" column: each row's gflop divided by the gflop of the row whose
                              benchmark name contains NAME and that has the same shape and threads
                              parameters (for example --ratio-to OpenBlas on a bench-peers result)
            """;
    private static final String PACKAGE = JmhTable.class.getPackageName() + ".";

    private JmhTable() {}

    public static void main(String[] args) {
        double peak = Double.NaN;
        String ratioTo = null, file = null;
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
                    if (i + 1 == args.length || args[i + 1].isEmpty()) fail("--ratio-to needs part of a benchmark name");
                    ratioTo = args[++i];
                }
                default -> {
                    if (file != null) fail("one result file expected, got '" + file + "' and '" + args[i] + "'");
                    file = args[i];
                }
            }
        }
        if (file == null) fail("no result file given");
        String table;
        try {
            table = render(Json.parse(Files.readString(Path.of(file))), peak, ratioTo);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("JmhTable: " + file + ": " + (e instanceof IOException ? e.toString() : e.getMessage()));
            System.exit(1);
            return;
        }
        System.out.print(table);
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
        if (!(results instanceof List<?> runs)) {
            throw new IllegalArgumentException("JMH result: expected a JSON array of results, got " + results);
        }
        Map<String, Double> reference = ratioTo == null ? Map.of() : referenceGflops(runs, ratioTo);
        // Secondary metric names in order of first appearance, with the unit of that first one.
        Map<String, String> secondaryUnits = new LinkedHashMap<>();
        for (Object run : runs) {
            for (Map.Entry<?, ?> e : secondaries(run).entrySet()) {
                secondaryUnits.putIfAbsent((String) e.getKey(), text(field(e.getValue(), "scoreUnit")));
            }
        }
        boolean withPeak = !Double.isNaN(peak);
        List<String> header = new ArrayList<>(List.of("benchmark", "params", "score", "unit", "time/op"));
        secondaryUnits.forEach((name, unit) -> header.add(name + rateSuffix(unit)));
        if (withPeak) header.add("% of peak");
        if (ratioTo != null) header.add("vs " + ratioTo);

        List<List<String>> rows = new ArrayList<>();
        for (Object run : runs) {
            Object primary = field(run, "primaryMetric");
            double score = number(field(primary, "score")), error = number(field(primary, "scoreError"));
            String unit = text(field(primary, "scoreUnit"));
            List<String> row = new ArrayList<>();
            row.add(text(field(run, "benchmark")).replace(PACKAGE, ""));
            row.add(params(run));
            row.add(Double.isFinite(error) ? format(score) + " ± " + format(error) : format(score));
            row.add(unit);
            row.add(timePerOp(score, unit));
            Map<?, ?> secondary = secondaries(run);
            for (String name : secondaryUnits.keySet()) {
                Object metric = secondary.get(name);
                row.add(metric == null ? "" : format(number(field(metric, "score"))));
            }
            if (withPeak) {
                Object gflop = secondary.get("gflop");
                double rowPeak = peak * threadsParam(run);
                row.add(gflop == null ? "" : String.format(Locale.ROOT, "%.1f", 100 * number(field(gflop, "score")) / rowPeak));
            }
            if (ratioTo != null) {
                Object gflop = secondary.get("gflop");
                String key = shapeAndThreads(run);
                Double ref = key == null ? null : reference.get(key);
                row.add(gflop == null || ref == null ? ""
                        : String.format(Locale.ROOT, "%.2f", number(field(gflop, "score")) / ref));
            }
            rows.add(row);
        }
        return markdown(header, rows);
    }

    /**
     * The gflop score of each row whose benchmark name contains {@code name}, by {@link #shapeAndThreads};
     * throws when no row matches, or when two matching rows have the same shape and thread count.
     */
    private static Map<String, Double> referenceGflops(List<?> runs, String name) {
        Map<String, Double> gflops = new LinkedHashMap<>();
        Map<String, String> rows = new LinkedHashMap<>();
        for (Object run : runs) {
            String benchmark = text(field(run, "benchmark")), key = shapeAndThreads(run);
            Object gflop = secondaries(run).get("gflop");
            if (!benchmark.contains(name) || key == null || gflop == null) continue;
            String row = benchmark.replace(PACKAGE, "") + " " + params(run), other = rows.putIfAbsent(key, row);
            if (other != null) {
                throw new IllegalArgumentException("--ratio-to " + name + ": two reference rows for " + key + ": "
                        + other + " and " + row + "; expected one (give more of the benchmark name)");
            }
            gflops.put(key, number(field(gflop, "score")));
        }
        if (gflops.isEmpty()) {
            throw new IllegalArgumentException("--ratio-to " + name + ": no row whose benchmark name contains '"
                    + name + "' has a gflop metric and a shape parameter; benchmarks: "
                    + runs.stream().map(r -> text(field(r, "benchmark")).replace(PACKAGE, "")).distinct().toList());
        }
        return gflops;
    }

    /** "shape=S threads=T" for a row with a shape parameter (T = 1 without a threads one), else null. */
    private static String shapeAndThreads(Object run) {
        Object params = object(run).get("params");
        Object shape = params == null ? null : object(params).get("shape");
        return shape == null ? null : "shape=" + text(shape) + " threads=" + threadsParam(run);
    }

    private static String params(Object run) {
        Object params = object(run).get("params");
        if (params == null) return "";
        StringJoiner sj = new StringJoiner(" ");
        object(params).forEach((k, v) -> sj.add(k + "=" + v));
        return sj.toString();
    }

    /** The value of a {@code threads} parameter (GemmBenchmark's), or 1 when there is none. */
    private static int threadsParam(Object run) {
        Object params = object(run).get("params");
        Object threads = params == null ? null : object(params).get("threads");
        if (threads == null) return 1;
        try {
            return Integer.parseInt(text(threads));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JMH result: threads=" + threads + ", expected a whole number", e);
        }
    }

    private static Map<?, ?> secondaries(Object run) {
        Object s = object(run).get("secondaryMetrics");
        return s == null ? Map.of() : object(s);
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
    private static double secondsIn(String unit) {
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

    private static String markdown(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        Arrays.fill(width, 3); // a delimiter row needs at least "---"
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], escape(row.get(c)).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            sb.append(' ').append("-".repeat(width[c] - 1)).append(rightAligned(c) ? ':' : '-').append(" |");
        }
        sb.append('\n');
        for (List<String> row : rows) line(sb, row, width);
        return sb.toString();
    }

    /** Score, time/op and the metric columns: everything after benchmark, params and unit holds numbers. */
    private static boolean rightAligned(int column) {
        return column >= 2 && column != 3;
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            String cell = escape(cells.get(c)), pad = " ".repeat(width[c] - cell.length());
            sb.append(' ').append(rightAligned(c) ? pad + cell : cell + pad).append(" |");
        }
        sb.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    private static Object field(Object object, String name) {
        Object v = object(object).get(name);
        if (v == null) throw new IllegalArgumentException("JMH result: field \"" + name + "\" missing in " + object);
        return v;
    }

    /** A number, or one of the strings JMH writes for non-finite values ("NaN", "Infinity", "-Infinity"). */
    private static double number(Object v) {
        if (v instanceof Double d) return d;
        if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return Double.parseDouble(s);
        }
        throw new IllegalArgumentException("JMH result: " + v + " where a number was expected");
    }

    private static String text(Object v) {
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("JMH result: " + v + " where a string was expected");
    }

    private static Map<?, ?> object(Object v) {
        if (v instanceof Map<?, ?> m) return m;
        throw new IllegalArgumentException("JMH result: " + v + " where a JSON object was expected");
    }
}
