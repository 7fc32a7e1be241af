package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhChartTest {
    private static JmhResult gemm(String benchmark, String shape, int threads, double gflops) {
        return new JmhResult(benchmark, Map.of("shape", shape, "threads", Integer.toString(threads)), 1, 0.1, "ops/s",
                Map.of("gflop", gflops));
    }

    @Test
    void oneBarPerImplementationShapeAndThreadCountAndThePeakLine() {
        String svg = JmhChart.render(List.of(gemm("GemmBenchmark.gemm", "sq512", 1, 100),
                gemm("peers.OpenBlasGemmBenchmark.gemm", "sq512", 1, 98), gemm("GemmBenchmark.gemm", "sq512", 2, 190),
                gemm("peers.OpenBlasGemmBenchmark.gemm", "sq512", 2, 180)), 117.1, "GEMM <test>");
        SvgXml.parse(svg);
        assertEquals(4, svg.split("GFLOP/s</title>", -1).length - 1, "one bar per record");
        assertTrue(svg.contains("<title>relulab sq512 2: 190.0 GFLOP/s</title>"), svg);
        assertTrue(svg.contains("FMA peak 117") && svg.contains("FMA peak 234"), "peak × threads per panel");
        assertTrue(svg.contains("GEMM &lt;test&gt;"), "title escaped");
        assertEquals("""
                series,shape,threads,gflops
                relulab,sq512,1,100.0
                OpenBLAS,sq512,1,98.0
                relulab,sq512,2,190.0
                OpenBLAS,sq512,2,180.0
                """, JmhChart.csv(List.of(gemm("GemmBenchmark.gemm", "sq512", 1, 100),
                gemm("peers.OpenBlasGemmBenchmark.gemm", "sq512", 1, 98), gemm("GemmBenchmark.gemm", "sq512", 2, 190),
                gemm("peers.OpenBlasGemmBenchmark.gemm", "sq512", 2, 180))));
    }

    @Test
    void labelsNameTheLibraries() {
        assertEquals("relulab", JmhChart.label("GemmBenchmark.gemm"));
        assertEquals("OpenBLAS", JmhChart.label("peers.OpenBlasGemmBenchmark.gemm"));
        assertEquals("EJML", JmhChart.label("peers.EjmlGemmBenchmark.gemm"));
    }

    @Test
    void niceAxisTops() {
        assertEquals(250, JmhChart.niceCeiling(234.2));
        assertEquals(100, JmhChart.niceCeiling(99));
        assertEquals(200, JmhChart.niceCeiling(101));
    }

    @Test
    void nothingToDrawIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> JmhChart.render(
                List.of(new JmhResult("ActivationBenchmark.relu", Map.of(), 1, 0, "ops/s", Map.of())), Double.NaN,
                "t"));
    }
}
