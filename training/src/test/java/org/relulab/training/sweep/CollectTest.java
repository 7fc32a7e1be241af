package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.cli.Main;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.io.Json;
import org.relulab.training.io.Npy;
import org.relulab.training.io.StrictCsv;
import org.relulab.training.plot.PlotCsv;
import org.relulab.training.plot.SvgCheck;
import org.relulab.training.run.MetricsCsv;

/**
 * {@code sweep collect} on a small real sweep: lr in {0.5, 1, 1e6} × a derived m = 1.6d × seeds 1, 2, run here
 * through {@code train} as the runner runs its points, except the last (pending); lr = 1e6 seed 1 diverges. The tables
 * are checked against the runs' own manifests and metrics.csv, with statistics computed here.
 */
class CollectTest {
    static final String SPEC = """
            description = "collect test: two learning rates and a diverging one, two seeds"

            [base]
            d = 5
            n = 64
            test-n = 64
            steps = 20
            threads = 1

            [axes]
            lr = [0.5, 1, 1e6]
            m = { times = "d", values = [1.6] }
            seed = "1..2"
            """;
    static final List<String> RUNS_HEADER = List.of("run_id", "index", "lr", "m", "m_per_d", "seed", "status",
            "steps_done", "final_train_loss", "final_test_loss", "final_test_loss_x_d", "best_train_loss",
            "best_test_loss", "seconds", "escape_step", "left_plateau");

    @TempDir
    static Path tmp;
    static Path sweep;
    static String collectOut;

    /** The sweep folder, as the runner lays it out; every point run but the last. */
    @BeforeAll
    static void runTheSweep() throws IOException {
        sweep = tmp.resolve("sweep");
        List<SweepPoint> points = writeSweepFolder(sweep);
        for (SweepPoint p : points.subList(0, points.size() - 1)) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(p.arguments());
            args.addAll(List.of("--out", sweep.resolve("runs").resolve(p.name()).toString()));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
            int code = Main.run(args.toArray(String[]::new), ps, ps);
            Files.writeString(sweep.resolve("logs").resolve(p.name() + ".log"), log.toString(StandardCharsets.UTF_8));
            int expected = p.options().get("lr").equals("1000000") ? ExitCode.DIVERGED.code() : 0;
            assertEquals(expected, code, p.name() + ": " + log.toString(StandardCharsets.UTF_8));
        }
        collectOut = collect(sweep);
    }

    /** sweep.toml, points.csv and logs/ of {@link #SPEC}; returns its points. */
    static List<SweepPoint> writeSweepFolder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("sweep.toml"), SPEC);
        List<SweepPoint> points = SpecParser.parse(SPEC, "sweep.toml").points(false);
        StringBuilder csv = new StringBuilder("index,name,lr,m,seed\n");
        for (SweepPoint p : points) {
            csv.append(p.index()).append(',').append(p.name());
            for (String o : List.of("lr", "m", "seed")) csv.append(',').append(p.options().get(o));
            csv.append('\n');
        }
        Files.writeString(dir.resolve("points.csv"), csv);
        return points;
    }

    static String collect(Path dir, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(dir.toString()));
        args.addAll(List.of(options));
        Collect.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A CSV of plain cells (no quotes) as rows of column → cell. */
    static List<Map<String, String>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) row.put(header.get(i), cells[i]);
            rows.add(row);
        }
        return rows;
    }

    static Map<?, ?> result(String run) throws IOException {
        Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(sweep.resolve("runs").resolve(run).resolve(
                "manifest.json")));
        return (Map<?, ?>) m.get("result");
    }

    static double manifestNumber(Object v) {
        return v instanceof Double d ? d : Double.parseDouble((String) v);
    }

    /** A runs.csv number: nan, inf and -inf as Python writes them. */
    static double num(String cell) {
        return switch (cell) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }

    /**
     * The first logged step whose population loss is at or below the degree-4 floor of the run's teacher,
     * Σ a_j² (1 − 2/π − 1/π − 1/(12π)), computed here from teacher_output_weight.npy; -1 when there is none.
     */
    static long escapeStep(Path run, Map<String, double[]> metrics) throws IOException {
        double sumSquares = 0;
        for (double a : Npy.read(run.resolve("teacher_output_weight.npy")).toRows()[0]) sumSquares += a * a;
        double floor = sumSquares * (1 - 3 / Math.PI - 1 / (12 * Math.PI));
        double[] steps = metrics.get("step"), loss = metrics.get("population_loss");
        for (int i = 0; i < steps.length; i++) if (loss[i] <= floor) return (long) steps[i];
        return -1;
    }

    static double lowestFinite(double[] column) {
        return Arrays.stream(column).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    @Test
    void runsCsvHasOneTypedRowPerPointWithTheRunsOwnNumbers() throws IOException {
        assertEquals(String.join(",", RUNS_HEADER), Files.readAllLines(sweep.resolve("runs.csv")).get(0));
        List<Map<String, String>> rows = read(sweep.resolve("runs.csv"));
        assertEquals(6, rows.size());
        assertEquals(List.of("done", "done", "done", "done", "diverged", "pending"),
                rows.stream().map(r -> r.get("status")).toList());
        assertEquals(List.of("0.5", "0.5", "1.0", "1.0", "1000000.0", "1000000.0"), rows.stream().map(r -> r.get(
                "lr")).toList(), "a real option's values as real numbers");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            assertEquals(Integer.toString(i), r.get("index"));
            assertEquals("8", r.get("m"), "the derived axis's value");
            assertEquals("1.6", r.get("m_per_d"), "and its factor");
            assertEquals(Integer.toString(i % 2 + 1), r.get("seed"));
            String label = List.of("0.5", "1", "1000000").get(i / 2);
            assertEquals("lr=" + label + "_m=1.6d_seed=" + (i % 2 + 1), r.get("run_id"));
        }
        for (Map<String, String> r : rows.subList(0, 5)) {
            Map<?, ?> result = result(r.get("run_id"));
            Map<String, double[]> metrics = MetricsCsv.read(sweep.resolve("runs").resolve(r.get("run_id"))
                    .resolve("metrics.csv"));
            assertEquals(manifestNumber(result.get("steps_done")), num(r.get("steps_done")));
            assertEquals(manifestNumber(result.get("train_loss")), num(r.get("final_train_loss")));
            assertEquals(manifestNumber(result.get("test_loss")), num(r.get("final_test_loss")));
            assertEquals(5 * manifestNumber(result.get("test_loss")),
                    num(r.get("final_test_loss_x_d")));
            assertEquals(lowestFinite(metrics.get("train_loss")), num(r.get("best_train_loss")));
            assertEquals(lowestFinite(metrics.get("test_loss")), num(r.get("best_test_loss")));
            assertEquals(manifestNumber(result.get("seconds")), num(r.get("seconds")));
            long escape = escapeStep(sweep.resolve("runs").resolve(r.get("run_id")), metrics);
            assertEquals(escape < 0 ? Double.POSITIVE_INFINITY : escape, num(r.get("escape_step")), r.toString());
            assertEquals(escape < 0 ? 0 : 1, num(r.get("left_plateau")), r.toString());
        }
        Map<String, String> diverged = rows.get(4);
        assertTrue(Double.parseDouble(diverged.get("steps_done")) < 20, diverged.toString());
        assertTrue(List.of("nan", "inf").contains(diverged.get("final_train_loss"))
                || List.of("nan", "inf").contains(diverged.get("final_test_loss")), diverged.toString());
        assertTrue(Double.isFinite(Double.parseDouble(diverged.get("best_train_loss"))), "the best before it diverged");
        for (String c : RUNS_HEADER.subList(7, RUNS_HEADER.size())) assertEquals("", rows.get(5).get(c), c);
    }

    @Test
    void theSummaryGroupsOverSeedsAndLeavesDivergedRunsOutOfItsStatistics() throws IOException {
        List<Map<String, String>> rows = read(sweep.resolve("summary.csv"));
        assertEquals(3, rows.size());
        List<String> header = new ArrayList<>(List.of("lr", "m", "m_per_d", "runs", "count", "diverged", "failed",
                "unfinished"));
        for (Metric m : Metric.values()) {
            if (m == Metric.DIVERGED) continue;
            String column = m == Metric.STEPS ? "steps_done" : m.key().replace('-', '_');
            List<String> stats = m == Metric.LEFT_PLATEAU
                    ? List.of("fraction", "low95", "high95")
                    : List.of("mean", "median", "min", "max");
            for (String s : stats) header.add(column + "_" + s);
        }
        assertEquals(header, List.copyOf(rows.get(0).keySet()), "every metric of the spec (all, by default)");
        assertEquals(List.of("2,2,0,0,0", "2,2,0,0,0", "2,0,1,0,1"), rows.stream().map(r -> String.join(",",
                r.get("runs"), r.get("count"), r.get("diverged"), r.get("failed"), r.get("unfinished"))).toList());
        for (int g = 0; g < 2; g++) {
            String lr = g == 0 ? "0.5" : "1";
            String cell = g == 0 ? "0.5" : "1.0";
            double a = manifestNumber(result("lr=" + lr + "_m=1.6d_seed=1").get("test_loss")),
                    b = manifestNumber(result("lr=" + lr + "_m=1.6d_seed=2").get("test_loss"));
            Map<String, String> r = rows.get(g);
            assertEquals(cell, r.get("lr"));
            assertEquals((a + b) / 2, Double.parseDouble(r.get("final_test_loss_mean")), 1e-15 * (a + b));
            assertEquals((a + b) / 2, Double.parseDouble(r.get("final_test_loss_median")), 1e-15 * (a + b));
            assertEquals(Math.min(a, b), Double.parseDouble(r.get("final_test_loss_min")));
            assertEquals(Math.max(a, b), Double.parseDouble(r.get("final_test_loss_max")));
            assertEquals(20, Double.parseDouble(r.get("steps_done_median")));
        }
        for (String c : header.subList(8, header.size())) assertEquals("", rows.get(2).get(c), "no done run: " + c);
        for (int g = 0; g < 2; g++) {
            String lr = g == 0 ? "0.5" : "1";
            int left = 0;
            for (int seed = 1; seed <= 2; seed++) {
                Path run = sweep.resolve("runs").resolve("lr=" + lr + "_m=1.6d_seed=" + seed);
                if (escapeStep(run, MetricsCsv.read(run.resolve("metrics.csv"))) >= 0) left++;
            }
            Proportion p = new Proportion(left, 2);
            assertEquals(p.fraction(), Double.parseDouble(rows.get(g).get("left_plateau_fraction")));
            assertEquals(p.low(), Double.parseDouble(rows.get(g).get("left_plateau_low95")));
            assertEquals(p.high(), Double.parseDouble(rows.get(g).get("left_plateau_high95")));
        }
    }

    @Test
    void aZeroOneMetricIsAFractionWithItsWilsonInterval() throws IOException {
        collect(sweep, "--metric", "left-plateau", "--x", "lr");
        String md = Files.readString(sweep.resolve("summary.md"));
        assertTrue(md.contains("95 % Wilson score interval"), md);
        assertTrue(md.contains("| runs | count | diverged | failed | unfinished | fraction | low95 | high95 |\n"), md);
        String svg = Files.readString(sweep.resolve("left-plateau-vs-lr.svg"));
        assertTrue(svg.contains("left-plateau against lr: fraction of 2 seeds, 95 % Wilson band"), svg);
        assertTrue(svg.contains(">0.4</text>") && svg.contains(">1</text>"), "a linear axis from 0 to 1: " + svg);
        assertFalse(svg.contains(">10⁰</text>"), svg);
        SvgCheck.parse(svg);
        collect(sweep); // as before, for the other tests
    }

    @Test
    void theMarkdownSummaryIsATableOfTheChosenMetric() throws IOException {
        String md = Files.readString(sweep.resolve("summary.md"));
        assertTrue(md.startsWith("# Sweep summary\n\ncollect test: two learning rates"), md);
        assertTrue(md.contains("fixed options: d=5, n=64, test-n=64, steps=20, threads=1."), md);
        assertTrue(md.contains("Diverged runs are counted in `diverged` and left out of the statistics"), md);
        assertTrue(md.contains("\n| lr | m | m_per_d | runs | count | diverged | failed | unfinished | mean | median "
                + "| min | max |\n" + "| ---: ".repeat(12) + "|\n"),
                md);
        String[] row = md.lines().filter(l -> l.startsWith("| 0.5 |")).findFirst().orElseThrow().split(" \\| ");
        double a = manifestNumber(result("lr=0.5_m=1.6d_seed=1").get("test_loss")),
                b = manifestNumber(result("lr=0.5_m=1.6d_seed=2").get("test_loss"));
        assertEquals((a + b) / 2, Double.parseDouble(row[8]), 5e-4 * (a + b) / 2, "4 significant digits");
        assertEquals(Math.max(a, b), Double.parseDouble(row[11].replace(" |", "")), 5e-4 * Math.max(a, b));
        assertTrue(md.contains("| 1000000.0 | 8 | 1.6 | 2 | 0 | 1 | 0 | 1 | – | – | – | – |\n"), md);
    }

    @Test
    void thePlotShowsTheMedianAndBandOfEachLine() throws IOException {
        String svg = Files.readString(sweep.resolve("final-test-loss-vs-lr.svg"));
        assertTrue(svg.contains("final-test-loss against lr: median of 2 seeds, min–max band; d=5, n=64"), svg);
        assertTrue(svg.contains(">m_per_d=1.6</text>"), "one line, by the next swept option (m/d): " + svg);
        SvgCheck.parse(svg);
        assertEquals(2 + 1, svg.split("<circle", -1).length - 1,
                "the two medians marked on the line, the legend's: " + svg);
        assertEquals(1, svg.split("<polyline", -1).length - 1, svg);
        assertEquals(1, svg.split("<polygon fill=", -1).length - 1, svg);
        assertTrue(Files.readString(sweep.resolve("final-test-loss-vs-lr.plot.csv")).startsWith(PlotCsv.HEADER));
        assertTrue(collectOut.contains("sweep collect: 6 points: 4 done, 1 diverged, 1 pending\n"), collectOut);
        assertTrue(collectOut.contains("wrote runs.csv, summary.csv, summary.md, final-test-loss-vs-lr.svg"),
                collectOut);
        collect(sweep, "--metric", "best_test_loss", "--x", "m-per-d", "--by", "lr");
        String byLr = Files.readString(sweep.resolve("best-test-loss-vs-m_per_d.svg"));
        assertTrue(byLr.contains(">lr=0.5</text>") && byLr.contains(">lr=1.0</text>"), byLr);
        assertFalse(byLr.contains(">lr=1000000.0</text>"), "no done run, no line: " + byLr);
        assertEquals(2, byLr.split("<polygon fill=", -1).length - 1, byLr);
        assertTrue(Files.readString(sweep.resolve("summary.md")).contains("`best-test-loss` (lowest logged test"));
        collect(sweep); // as before, for the other tests
    }

    static Failure refused(Path dir, String... options) {
        Failure f = assertThrows(Failure.class, () -> collect(dir, options));
        assertEquals(ExitCode.USAGE, f.exitCode(), f.getMessage());
        assertFalse(f.getMessage().contains("\n"), f.getMessage());
        return f;
    }

    @Test
    void mistakesAreOneLineWithExitCode2() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("sweep collect: " + empty + " is not a sweep folder: it has no sweep.toml (expected the --out "
                + "folder of relulab sweep)", refused(empty).getMessage());
        assertTrue(refused(tmp.resolve("nowhere")).getMessage().contains("is not a folder"));
        assertTrue(refused(sweep, "--metric", "final-test-los").getMessage()
                .endsWith("(did you mean 'final-test-loss'?)"));
        assertTrue(refused(sweep, "--metric", "diverged").getMessage().contains("not a number to summarize"));
        assertEquals("sweep collect: --x 'lrr': not a swept option of this sweep (expected one of: lr, m, m_per_d) "
                + "(did you mean 'lr'?)", refused(sweep, "--x", "lrr").getMessage());
        assertTrue(refused(sweep, "--x", "seed").getMessage().contains("the statistics run over the seeds"));
        assertTrue(refused(sweep, "--x", "lr", "--by", "lr").getMessage().contains("is the option on the x axis"));
        assertTrue(refused(sweep, "--metrc", "steps").getMessage().endsWith("(did you mean '--metric'?)"));
        Path fresh = tmp.resolve("fresh");
        writeSweepFolder(fresh);
        assertEquals("sweep collect: " + fresh + ": no run has finished yet (6 pending)", refused(fresh).getMessage());
        Files.writeString(fresh.resolve("points.csv"), "index,name,lr,seed\n");
        assertTrue(refused(fresh).getMessage().contains("are not the axes of sweep.toml [lr, m, seed]"));
    }

    /** pandas reads both tables with no options, numeric columns as numbers (skipped without python3 and pandas). */
    @Test
    void pandasReadsBothTablesWithNumericColumns() throws Exception {
        assertTrue(StrictCsv.checkAll(sweep) >= 3 + 5, "runs.csv, summary.csv, points.csv and 5 runs' metrics");
        String python = StrictCsv.pythonWithPandas();
        Assumptions.assumeTrue(python != null, "no python3 with pandas here");
        StrictCsv.pandasReads(sweep);
        String script = """
                import sys, pandas
                runs = pandas.read_csv(sys.argv[1] + "/runs.csv")
                summary = pandas.read_csv(sys.argv[1] + "/summary.csv")
                text = {"run_id", "status"}
                for df in (runs, summary):
                    for c in df.columns:
                        kind = df[c].dtype.kind
                        assert (kind == "O") == (c in text), (c, df[c].dtype)
                        assert kind in "Oif", (c, df[c].dtype)
                assert runs["status"].tolist() == ["done"] * 4 + ["diverged", "pending"], runs["status"].tolist()
                missing = runs["final_test_loss"].isna().tolist()
                assert missing[:4] == [False] * 4 and missing[5], missing
                print("pandas ok", len(runs), len(summary))
                """;
        Process p = new ProcessBuilder(python, "-c", script, sweep.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python took over 2 minutes");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("pandas ok 6 3", out.strip());
    }

    @Test
    void aSweepOfSeedsAloneHasTablesButNoPlot() throws IOException {
        Path seeds = tmp.resolve("seeds");
        Files.createDirectories(seeds.resolve("runs"));
        Files.writeString(seeds.resolve("sweep.toml"), "[base]\nd = 5\n[axes]\nseed = [1]\n");
        Files.writeString(seeds.resolve("points.csv"), "index,name,seed\n0,seed=1,1\n");
        copy(sweep.resolve("runs/lr=0.5_m=1.6d_seed=1"), seeds.resolve("runs/seed=1"));
        String out = collect(seeds);
        assertTrue(out.contains("no plot: the sweep sweeps nothing but the seed"), out);
        assertTrue(Files.readAllLines(seeds.resolve("summary.csv")).get(0).startsWith("runs,count,diverged,failed,"
                + "unfinished,final_train_loss_mean,"));
        assertNotNull(read(seeds.resolve("runs.csv")).get(0).get("seed"));
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
