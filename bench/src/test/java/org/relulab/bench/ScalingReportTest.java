package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.relulab.training.io.Json;

/** {@link ScalingReport} and {@link JmhRawData} on JMH JSON of known power laws. */
class ScalingReportTest {
    /**
     * A TimeToEpsilonBenchmark record in JMH's JSON form: two seeds per d, time = 1e-5 d^5 (× 1.1 for seed 2), steps =
     * 10 d².
     */
    static String timeRecord(int d) {
        double t1 = 1e-5 * Math.pow(d, 5), t2 = 1.1 * t1, s = 10.0 * d * d;
        return String.format(Locale.ROOT,
                """
                {"benchmark": "org.relulab.bench.TimeToEpsilonBenchmark.trainToEpsilon", "mode": "ss",
                 "params": {"d": "%d", "threads": "1"},
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "s/op",
                                   "rawData": [[%s, %s]]},
                 "secondaryMetrics": {"cpuSeconds": {"score": 0, "scoreError": "NaN", "scoreUnit": "#",
                                                     "rawData": [[%s, %s]]},
                                      "steps": {"score": 0, "scoreError": "NaN", "scoreUnit": "#",
                                                "rawData": [[%s, %s]]}}}""",
                d, (t1 + t2) / 2, t1, t2, t1 / 2, t2 / 2, s, s);
    }

    /** A StepTimeBenchmark record: ms per step = 5 × (size / base), 100 steps per iteration at half that CPU time. */
    static String stepRecord(String size) {
        StepSize s = StepSize.parse(size);
        double ms = 5.0 * s.value() / s.baseValue();
        return String.format(Locale.ROOT,
                """
                {"benchmark": "org.relulab.bench.StepTimeBenchmark.step", "mode": "avgt",
                 "params": {"size": "%s", "threads": "1"},
                 "primaryMetric": {"score": %s, "scoreError": 0.1, "scoreUnit": "ms/op",
                                   "rawData": [[%s, %s, %s]]},
                 "secondaryMetrics": {"cpuSeconds": {"score": 0, "scoreError": "NaN", "scoreUnit": "#",
                                                     "rawData": [[%s, %s, %s]]},
                                      "steps": {"score": 0, "scoreError": "NaN", "scoreUnit": "#",
                                                "rawData": [[100, 100, 100]]}}}""",
                size, ms, ms, ms, ms, ms / 20, ms / 20, ms / 20);
    }

    static List<JmhRawData> parse(List<String> records) {
        return JmhRawData.parse(Json.parse("[" + String.join(",", records) + "]"));
    }

    static List<ScalingReport.Run> runs() {
        List<String> records = new ArrayList<>();
        for (int d : new int[] {16, 8, 10, 12, 20, 24}) records.add(timeRecord(d));
        return ScalingReport.runs(parse(records));
    }

    @Test
    void everySeedIsARunSortedByD() {
        List<ScalingReport.Run> runs = runs();
        assertEquals(12, runs.size());
        assertEquals(new ScalingReport.Run(8, 1, 1e-5 * Math.pow(8, 5), 0.5e-5 * Math.pow(8, 5), 640), runs.get(0));
        assertEquals(2, runs.get(1).seed());
        assertEquals(24, runs.get(11).d());
        String csv = ScalingReport.runsCsv(runs);
        assertTrue(csv.startsWith(
                "d,m,n,seed,seconds,cpu_seconds,steps,flops_per_step,epsilon\n"
                        + "8,32,640,1,0.327680,0.163840,640,655360,0.00726760\n"),
                csv);
    }

    @Test
    void aSeedParameterNumbersTheRuns() {
        String record = timeRecord(8).replace("\"params\": {\"d\": \"8\",",
                "\"params\": {\"d\": \"8\", \"seed\": \"3\",");
        List<ScalingReport.Run> runs = ScalingReport.runs(parse(List.of(record)));
        assertEquals(List.of(3, 4), runs.stream().map(ScalingReport.Run::seed).toList());
    }

    @Test
    void powerLawIsFoundAndTheExponentialFitsWorse() {
        List<ScalingReport.Run> runs = runs();
        ScalingReport.Fits f = ScalingReport.Fits.of(ScalingReport.column(runs, r -> r.d()),
                ScalingReport.column(runs, ScalingReport.Run::seconds));
        assertEquals(5, f.power().slope(), 1e-9);
        assertTrue(f.power().r2() > 0.999 && f.exponential().r2() < f.power().r2(), f.toString());
        // log t - 4 log d = log(1e-5 d) + log(1 or 1.1)
        double geometricMeanD = Math.pow(8.0 * 10 * 12 * 16 * 20 * 24, 1 / 6.0);
        assertEquals(1e-5 * Math.sqrt(1.1) * geometricMeanD * 1e4, f.flopLine(10), 1e-9,
                "slope-4 line through the runs' mean");
        String md = ScalingReport.timeToEpsilonMarkdown(runs);
        assertTrue(md.contains("grows as d^5.00") && md.contains("the exponential model fits worse"), md);
        assertTrue(md.contains("steps' d^2.00 ± 0.00 plus the time per step's d^3.00 ± 0.09"), md);
        assertTrue(md.contains("|   8 |  32 |  640 |    2 | 0.328–0.360      |         0.344 |"), md);
        String svg = ScalingReport.timeToEpsilonPlot(runs).svg();
        SvgXml.parse(svg);
        assertEquals(12 + 1, svg.split("<circle", -1).length - 1, "12 wall points (circles) and their legend marker");
        assertEquals(12 + 1 + 1, svg.split("<rect x=", -1).length - 1, "12 CPU points (squares), legend, frame");
        assertTrue(svg.contains("power law d^5.00") && svg.contains("stroke-dasharray"), svg);
    }

    @Test
    void stepTimesFollowTheirSizeAndGiveExponentOne() {
        List<String> records = new ArrayList<>();
        for (String size : StepSize.sweep(2)) records.add(stepRecord(size));
        List<ScalingReport.StepTime> steps = ScalingReport.stepTimes(parse(records));
        assertEquals(15, steps.size());
        assertEquals(5, ScalingReport.baseMs(steps), 1e-12);
        ScalingReport.StepTime d8 = steps.get(0);
        assertEquals(StepSize.parse("d8"), d8.size());
        assertEquals(1.25, d8.ms(), 1e-12);
        assertEquals(1000 * 3 * 1.25 / 20 / 300, d8.cpuMs(), 1e-12, "CPU seconds over steps, all iterations");
        assertEquals(StepSize.parse("d8").flops() / 1.25e6, d8.gflops(), 1e-9);
        String md = ScalingReport.stepTimeMarkdown(steps);
        assertTrue(md.contains("| d      | 8 to 128      |                   1.00 ± 0.00 |"), md);
        assertTrue(ScalingReport.stepCsv(steps)
                .startsWith("varied,d,m,n,flops_per_step,ms_per_step,ms_error,cpu_ms_per_step,gflops\nd,8,128,10240,"));
        assertTrue(SvgXml.parse(ScalingReport.stepTimePlot(steps).svg()).getTextContent().contains("flop count 4nmd"));
    }

    @Test
    void missingSamplesAreNamed() {
        String noRaw = timeRecord(8).replace("\"rawData\": [[", "\"raw\": [[");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(List.of(noRaw))).getMessage()
                .contains("a metric without \"rawData\""));
        String noSteps = timeRecord(8).replace("\"steps\"", "\"other\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScalingReport.runs(parse(List.of(noSteps))))
                .getMessage()
                .contains("no secondary metric \"steps\""));
        assertEquals("no TimeToEpsilonBenchmark results", assertThrows(IllegalArgumentException.class,
                () -> ScalingReport.runs(parse(List.of(stepRecord("d32"))))).getMessage());
    }
}
