package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relulab.training.io.Json;

class JmhTableTest {
    /** Two records the way JMH writes them (trimmed): a GEMM with gflop, an element-wise kernel with gbytes. */
    static final String RESULTS = """
            [
              {
                "jmhVersion" : "1.37",
                "benchmark" : "org.relulab.bench.GemmBenchmark.gemm",
                "mode" : "thrpt",
                "params" : { "provider" : "simd", "shape" : "fwd", "threads" : "2" },
                "primaryMetric" : {
                  "score" : 140.0, "scoreError" : 3.5, "scoreConfidence" : [136.5, 143.5],
                  "scoreUnit" : "ops/s", "rawData" : [[139.0, 141.0]]
                },
                "secondaryMetrics" : {
                  "gflop" : { "score" : 150.4, "scoreError" : 3.75, "scoreUnit" : "ops/s" }
                }
              },
              {
                "benchmark" : "org.relulab.bench.ActivationBenchmark.relu",
                "mode" : "thrpt",
                "params" : { "n" : "65536", "provider" : "scalar" },
                "primaryMetric" : { "score" : 20500.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : {
                  "gbytes" : { "score" : 10.75, "scoreError" : "NaN", "scoreUnit" : "ops/s" }
                }
              },
              {
                "benchmark" : "other.Bench.time",
                "mode" : "avgt",
                "primaryMetric" : { "score" : 0.0123, "scoreError" : 0.0004, "scoreUnit" : "ms/op" },
                "secondaryMetrics" : { }
              }
            ]
            """;

    @Test
    void tableHasScoresTimePerCallAndEverySecondaryMetric() {
        // 1/140 s = 7.14 ms, 1/20500 s = 48.8 us, 0.0123 ms = 12.3 us; a NaN error (one iteration) is left out.
        String want = """
                | benchmark                | params                            |             score | \
                unit  | time/op | gflop/s | gbytes/s |
                | ------------------------ | --------------------------------- | ----------------: | \
                ----- | ------: | ------: | -------: |
                | GemmBenchmark.gemm       | provider=simd shape=fwd threads=2 |        140 ± 3.50 | \
                ops/s | 7.14 ms |     150 |          |
                | ActivationBenchmark.relu | n=65536 provider=scalar           |             20500 | \
                ops/s | 48.8 us |         |     10.8 |
                | other.Bench.time         |                                   | 0.0123 ± 0.000400 | \
                ms/op | 12.3 us |         |          |
                """;
        assertEquals(want, JmhTable.render(Json.parse(RESULTS), Double.NaN));
    }

    @Test
    void peakColumnComparesWithThePeakOfTheRowsThreadCount() {
        String got = JmhTable.render(Json.parse(RESULTS), 100);
        String[] lines = got.split("\n");
        assertTrue(lines[0].endsWith("| % of peak |"), got);
        assertTrue(lines[2].endsWith("|      75.2 |"), got); // 150.4 GFLOP/s on 2 threads of a 100 GFLOP/s core
        assertTrue(lines[3].endsWith("|           |"), got); // no gflop metric
    }

    /** relulab and two peers (bench-peers), with a gflop metric only; the trimmed fields are not read. */
    static final String PEERS = """
            [
              { "benchmark" : "org.relulab.bench.GemmBenchmark.gemm",
                "params" : { "provider" : "simd", "shape" : "sq512", "threads" : "1" },
                "primaryMetric" : { "score" : 200.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 54.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.GemmBenchmark.gemm",
                "params" : { "provider" : "simd", "shape" : "sq512", "threads" : "2" },
                "primaryMetric" : { "score" : 380.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 102.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.GemmBenchmark.gemm",
                "params" : { "provider" : "simd", "shape" : "fwd", "threads" : "1" },
                "primaryMetric" : { "score" : 50.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 53.7, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.peers.OpenBlasGemmBenchmark.gemm",
                "params" : { "shape" : "sq512", "threads" : "1" },
                "primaryMetric" : { "score" : 320.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 90.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.peers.OpenBlasGemmBenchmark.gemm",
                "params" : { "shape" : "sq512", "threads" : "2" },
                "primaryMetric" : { "score" : 600.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 170.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.peers.VectorBlasGemmBenchmark.gemm",
                "params" : { "shape" : "sq512", "threads" : "1" },
                "primaryMetric" : { "score" : 140.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gflop" : { "score" : 36.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } },
              { "benchmark" : "org.relulab.bench.ActivationBenchmark.relu",
                "params" : { "n" : "65536", "provider" : "simd" },
                "primaryMetric" : { "score" : 20500.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { "gbytes" : { "score" : 10.75, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } }
            ]
            """;

    @Test
    void ratioColumnDividesByTheReferenceRowOfTheSameShapeAndThreads() {
        String got = JmhTable.render(Json.parse(PEERS), Double.NaN, "OpenBlas");
        String[] lines = got.split("\n");
        assertTrue(lines[0].endsWith("| vs OpenBlas |"), got);
        assertTrue(lines[2].endsWith("|        0.60 |"), got); // relulab sq512 1T: 54 / 90
        assertTrue(lines[3].endsWith("|        0.60 |"), got); // relulab sq512 2T: 102 / 170
        assertTrue(lines[4].endsWith("|             |"), got); // fwd: no OpenBLAS row at fwd
        assertTrue(lines[5].endsWith("|        1.00 |"), got); // the reference rows themselves
        assertTrue(lines[6].endsWith("|        1.00 |"), got);
        assertTrue(lines[7].endsWith("|        0.40 |"), got); // VectorBLAS sq512 1T: 36 / 90
        assertTrue(lines[8].endsWith("|             |"), got); // no shape, no gflop
        assertEquals(9, lines.length, got);
    }

    @Test
    void ratioColumnComesAfterThePeakColumn() {
        String[] lines = JmhTable.render(Json.parse(PEERS), 100, "OpenBlas").split("\n");
        assertTrue(lines[0].endsWith("| % of peak | vs OpenBlas |"), lines[0]);
        assertTrue(lines[3].endsWith("|      51.0 |        0.60 |"), lines[3]); // 102 GFLOP/s of 2 x 100
    }

    @Test
    void ratioReferenceMustBeFoundAndUnique() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.render(Json.parse(PEERS), Double.NaN, "Mkl"));
        assertTrue(e.getMessage().contains("--ratio-to Mkl: no row whose benchmark name contains 'Mkl'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("peers.OpenBlasGemmBenchmark.gemm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.render(Json.parse(PEERS), Double.NaN, "Blas"));
        assertTrue(e.getMessage().contains("two reference rows for shape=sq512 threads=1: "
                + "peers.OpenBlasGemmBenchmark.gemm shape=sq512 threads=1 and "
                + "peers.VectorBlasGemmBenchmark.gemm shape=sq512 threads=1"), e.getMessage());
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("2088", JmhTable.format(2087.628));
        assertEquals("70.0", JmhTable.format(70.049));
        assertEquals("1.50", JmhTable.format(1.5));
        assertEquals("0.00123", JmhTable.format(0.0012345));
        assertEquals("NaN", JmhTable.format(Double.NaN));
        assertEquals("479 us", JmhTable.formatTime(1 / 2087.628));
        assertEquals("2.50 s", JmhTable.formatTime(2.5));
        assertEquals("12.3 ns", JmhTable.formatTime(12.3e-9));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.render(Json.parse("{\"benchmark\": \"x\"}"), Double.NaN));
        assertTrue(e.getMessage().contains("expected a JSON array of results"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.render(Json.parse("[{\"benchmark\": \"x\"}]"), Double.NaN));
        assertTrue(e.getMessage().contains("field \"primaryMetric\" missing"), e.getMessage());
    }
}
