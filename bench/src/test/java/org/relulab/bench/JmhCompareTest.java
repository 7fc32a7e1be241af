package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Json;

/** {@link JmhCompare}: regressions need both the threshold and the error bars; direction by unit; exit codes. */
class JmhCompareTest {
    @TempDir
    Path tmp;

    /** One JMH record in the form JMH writes it (trimmed). */
    static String record(String name, String shape, double score, double error, String unit) {
        return String.format(Locale.ROOT, """
                {"benchmark": "org.relulab.bench.%s", "mode": "thrpt", "params": {"shape": "%s", "threads": "1"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s"}, "secondaryMetrics": {}}""",
                name, shape, score, Double.isNaN(error) ? "\"NaN\"" : Double.toString(error), unit);
    }

    static List<JmhResult> results(String... records) {
        return JmhResult.parse(Json.parse("[" + String.join(",", records) + "]"));
    }

    private static JmhCompare.Verdict verdict(double base, double baseErr, double next, double nextErr, String unit) {
        List<JmhCompare.Row> rows = JmhCompare.compare(results(record("G.gemm", "sq512", base, baseErr, unit)),
                results(record("G.gemm", "sq512", next, nextErr, unit)), 0.10);
        assertEquals(1, rows.size());
        return rows.get(0).verdict();
    }

    @Test
    void regressionNeedsBothTheThresholdAndTheErrorBars() {
        // 25 % slower, far beyond ±4
        assertEquals(JmhCompare.Verdict.REGRESSION, verdict(100, 2, 80, 2, "ops/s"));
        assertEquals(JmhCompare.Verdict.SLOWER_WITHIN_NOISE, verdict(100, 15, 80, 10, "ops/s")); // 25 % but within ±25
        // beyond noise, under 10 %
        assertEquals(JmhCompare.Verdict.SLOWER_WITHIN_NOISE, verdict(100, 1, 95, 1, "ops/s"));
        assertEquals(JmhCompare.Verdict.FASTER, verdict(100, 1, 120, 1, "ops/s"));
        assertEquals(JmhCompare.Verdict.SAME, verdict(100, 5, 102, 5, "ops/s"));
        // no error bars: threshold only
        assertEquals(JmhCompare.Verdict.REGRESSION, verdict(100, Double.NaN, 80, Double.NaN, "ops/s"));
    }

    @Test
    void timeUnitsAreBetterLower() {
        assertEquals(JmhCompare.Verdict.REGRESSION, verdict(10, 0.1, 12, 0.1, "ms/op"));
        assertEquals(JmhCompare.Verdict.FASTER, verdict(10, 0.1, 8, 0.1, "ms/op"));
        List<JmhCompare.Row> rows = JmhCompare.compare(results(record("T.step", "x", 10, 0.1, "ms/op")),
                results(record("T.step", "x", 12, 0.1, "ms/op")), 0.10);
        assertEquals(0.2, rows.get(0).change(), 1e-12);
    }

    @Test
    void missingAndNewBenchmarksAreListedNotFailed() {
        List<JmhCompare.Row> rows = JmhCompare.compare(results(record("A.a", "s", 1, 0, "ops/s")),
                results(record("B.b", "s", 1, 0, "ops/s")), 0.1);
        assertEquals(JmhCompare.Verdict.ONLY_BASE, rows.get(0).verdict());
        assertEquals(JmhCompare.Verdict.ONLY_NEW, rows.get(1).verdict());
    }

    @Test
    void exitCodesAndTable() throws Exception {
        Path base = tmp.resolve("base.json"), next = tmp.resolve("new.json"), other = tmp.resolve("other.json");
        Files.writeString(base,
                "[" + record("G.gemm", "sq512", 100, 2, "ops/s") + "," + record("G.gemm", "fwd", 50, 1, "ops/s") + "]");
        Files.writeString(next,
                "[" + record("G.gemm", "sq512", 101, 2, "ops/s") + "," + record("G.gemm", "fwd", 30, 1, "ops/s") + "]");
        Files.writeString(other, "[" + record("G.gemm", "sq512", 100, 2, "ms/op") + "]");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8),
                e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(ExitCode.REGRESSION.code(), JmhCompare.run(new String[] {base.toString(), next.toString()}, o, e));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("shape=fwd threads=1"), table);
        assertTrue(table.contains("+66.7 %") && table.contains("REGRESSION (> 10 % and beyond error)"), table);
        assertTrue(table.contains("2 benchmarks compared, 1 regressed beyond 10 % and their error bars"), table);
        assertEquals(ExitCode.OK.code(),
                JmhCompare.run(new String[] {"--threshold", "0.9", base.toString(), next.toString()}, o, e));
        assertEquals(ExitCode.USAGE.code(), JmhCompare.run(new String[] {base.toString(), other.toString()}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unit ops/s in the base, ms/op in the new file"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCode.USAGE.code(), JmhCompare.run(new String[] {base.toString()}, o, e));
        assertEquals(ExitCode.USAGE.code(),
                JmhCompare.run(new String[] {"--threshold", "lots", base.toString(), next.toString()}, o, e));
        assertEquals(ExitCode.USAGE.code(),
                JmhCompare.run(new String[] {base.toString(), tmp.resolve("missing.json").toString()}, o, e));
    }
}
