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
 * The per-iteration values of one record of a JMH JSON result file ("rawData", every fork's iterations in
 * order): the primary metric's and each secondary metric's. {@link JmhResult} has the summaries; this has
 * the samples, for fits that should see every run (one per seed in {@link TimeToEpsilonBenchmark}), beside
 * the summary.
 */
record JmhRawData(JmhResult summary, double[] primary, Map<String, double[]> secondaries) {
    static List<JmhRawData> read(Path file) throws IOException {
        return parse(Json.parse(Files.readString(file)));
    }

    static List<JmhRawData> parse(Object json) {
        List<JmhResult> summaries = JmhResult.parse(json); // checks the structure and names the missing field
        List<JmhRawData> out = new ArrayList<>();
        int i = 0;
        for (Object run : (List<?>) json) {
            JmhResult r = summaries.get(i++);
            Map<?, ?> fields = (Map<?, ?>) run;
            Map<String, double[]> secondaries = new LinkedHashMap<>();
            if (fields.get("secondaryMetrics") instanceof Map<?, ?> s)
                s.forEach((k, v) -> secondaries.put((String) k, raw(v, r)));
            out.add(new JmhRawData(r, raw(fields.get("primaryMetric"), r), secondaries));
        }
        return out;
    }

    String benchmark() {
        return summary.benchmark();
    }

    Map<String, String> params() {
        return summary.params();
    }

    /** A secondary metric's values, or an exception naming the benchmark and the metrics it has. */
    double[] secondary(String name) {
        double[] v = secondaries.get(name);
        if (v == null)
            throw new IllegalArgumentException("JMH result " + benchmark() + " " + params() + ": no secondary metric \""
                    + name + "\" (has " + secondaries.keySet() + ")");
        return v;
    }

    /** The rawData of a metric, forks concatenated. */
    private static double[] raw(Object metric, JmhResult r) {
        if (!(metric instanceof Map<?, ?> m) || !(m.get("rawData") instanceof List<?> forks)) {
            throw new IllegalArgumentException(
                    "JMH result " + r.benchmark() + " " + r.params() + ": a metric without \"rawData\"");
        }
        List<Double> values = new ArrayList<>();
        for (Object fork : forks) {
            if (!(fork instanceof List<?> iterations))
                throw new IllegalArgumentException(
                        "JMH result " + r.benchmark() + ": rawData " + fork + " is not a list");
            for (Object v : iterations) values.add(JmhResult.number(v));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
