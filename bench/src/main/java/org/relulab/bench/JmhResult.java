package org.relulab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.io.Json;

/**
 * One record of a JMH JSON result file: the benchmark, its parameters, the primary score and the
 * secondary metrics (relulab's "gflop" and "gbytes" counters) with their units. Malformed input throws
 * {@link IllegalArgumentException} naming what was missing.
 */
record JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit,
        Map<String, Double> secondaries, Map<String, String> secondaryUnits) {
    JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit,
            Map<String, Double> secondaries) {
        this(benchmark, params, score, error, unit, secondaries, Map.of());
    }

    private static final String PACKAGE = JmhResult.class.getPackageName() + ".";

    /** The records of a JMH JSON file. */
    static List<JmhResult> read(Path file) throws IOException {
        return parse(Json.parse(Files.readString(file)));
    }

    /** The records of parsed JMH JSON (an array of runs). */
    static List<JmhResult> parse(Object json) {
        if (!(json instanceof List<?> runs)) {
            throw new IllegalArgumentException("JMH result: expected a JSON array of results, got " + json);
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object run : runs) {
            Map<String, String> params = new LinkedHashMap<>();
            Object p = object(run).get("params");
            if (p != null) object(p).forEach((k, v) -> params.put((String) k, text(v)));
            Object primary = field(run, "primaryMetric");
            Map<String, Double> secondaries = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            Object s = object(run).get("secondaryMetrics");
            if (s != null) {
                object(s).forEach((k, v) -> {
                    secondaries.put((String) k, number(field(v, "score")));
                    units.put((String) k, text(field(v, "scoreUnit")));
                });
            }
            out.add(new JmhResult(text(field(run, "benchmark")).replace(PACKAGE, ""), params,
                    number(field(primary, "score")), number(field(primary, "scoreError")),
                    text(field(primary, "scoreUnit")), secondaries, units));
        }
        return out;
    }

    /** The {@code threads} parameter (GemmBenchmark's), or 1 when there is none. */
    int threads() {
        String t = params.get("threads");
        if (t == null) return 1;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JMH result: threads=" + t + ", expected a whole number", e);
        }
    }

    /** The gflop counter (GFLOP/s), or NaN when the benchmark has none. */
    double gflops() {
        return secondaries.getOrDefault("gflop", Double.NaN);
    }

    private static Object field(Object object, String name) {
        Object v = object(object).get(name);
        if (v == null) throw new IllegalArgumentException("JMH result: field \"" + name + "\" missing in " + object);
        return v;
    }

    /** A number, or one of the strings JMH writes for non-finite values ("NaN", "Infinity", "-Infinity"). */
    static double number(Object v) {
        if (v instanceof Number x) return x.doubleValue(); // Json reads an integer from 2^53 on as a Long
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
