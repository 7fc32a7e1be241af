package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relulab.training.plot.LinePlot;

class ParallelEfficiencyTest {
    private static JmhResult gemm(String shape, int threads, double opsPerSecond, double gflop) {
        return new JmhResult("GemmBenchmark.gemm", Map.of("provider", "simd", "shape", shape, "threads",
                String.valueOf(threads)), opsPerSecond, 1, "ops/s", Map.of("gflop", gflop));
    }

    private static JmhResult step(int threads, double ms) {
        return new JmhResult("TrainStepBenchmark.step", Map.of("threads", String.valueOf(threads)), ms, 0.1, "ms/op",
                Map.of());
    }

    @Test
    void callsPerSecondFromThroughputAndAverageTime() {
        assertEquals(250, ParallelEfficiency.callsPerSecond(gemm("sq512", 1, 250, 67)), 1e-9);
        assertEquals(50, ParallelEfficiency.callsPerSecond(step(1, 20)), 1e-9);
        assertEquals(2e5, ParallelEfficiency.callsPerSecond(
                new JmhResult("X.y", Map.of(), 5, 0, "us/op", Map.of())), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> ParallelEfficiency.callsPerSecond(
                new JmhResult("X.y", Map.of(), 5, 0, "widgets", Map.of())));
    }

    @Test
    void speedUpEfficiencyAndPeakShareAtEachThreadCount() {
        List<ParallelEfficiency.Point> points = ParallelEfficiency.points(List.of(
                gemm("sq512", 1, 100, 50), gemm("sq512", 8, 600, 300), gemm("sq512", 16, 1000, 500),
                step(1, 20), step(8, 4), step(16, 2.5),
                new JmhResult("GemmBenchmark.gemm", Map.of("shape", "gtx", "threads", "1"), 9, 1, "ops/s",
                        Map.of("gflop", 70.0))));
        Map<String, List<ParallelEfficiency.Point>> series = ParallelEfficiency.series(points);
        assertEquals(List.of("GemmBenchmark.gemm shape=sq512", "TrainStepBenchmark.step"), List.copyOf(series.keySet()),
                "a benchmark measured at one thread count has no speed-up to show");
        String md = ParallelEfficiency.markdown(points, Map.of(1, 100.0, 8, 800.0, 16, 1600.0));
        assertTrue(md.contains("| GemmBenchmark.gemm shape=sq512 | 8 | 600 | 300 | 6.00 | 75 % | 38 % |"), md);
        assertTrue(md.contains("| GemmBenchmark.gemm shape=sq512 | 16 | 1000 | 500 | 10.00 | 63 % | 31 % |"), md);
        assertTrue(md.contains("| TrainStepBenchmark.step | 16 | 400 |  | 8.00 | 50 % |  |"), md);
        LinePlot plot = ParallelEfficiency.plot(points, "Test CPU");
        String svg = plot.svg();
        assertTrue(svg.startsWith("<svg") && svg.contains(ParallelEfficiency.IDEAL) && svg.contains("Test CPU"), svg);
        assertEquals(8.0, plottedY(plot.csv(), "TrainStepBenchmark.step", 16), 1e-9,
                "the plotted speed-up is the table's: 8 on 16 threads over 1");
        assertEquals(16.0, plottedY(plot.csv(), ParallelEfficiency.IDEAL, 16), 1e-9, "the ideal: t / t0");
        List<ParallelEfficiency.Point> step = series.get("TrainStepBenchmark.step");
        assertEquals(8.0 / 16, ParallelEfficiency.efficiency(step.get(0), step.get(2)), 1e-12,
                "the table's efficiency: speed-up 8 on 16 threads");
    }

    /** The y of {@code series} at {@code x} in a plot's data file (series,style,color_of,x,y,lo,hi). */
    private static double plottedY(String csv, String series, double x) {
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length >= 5 && f[0].equals(series) && !f[3].equals("x") && Double.parseDouble(f[3]) == x)
                return Double.parseDouble(f[4]);
        }
        throw new AssertionError("no point x = " + x + " of " + series + " in\n" + csv);
    }
}
