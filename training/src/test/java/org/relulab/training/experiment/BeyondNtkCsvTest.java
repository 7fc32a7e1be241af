package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.experiment.ReproduceFixture.relulab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.experiment.ReproduceFixture.Outcome;
import org.relulab.training.io.StrictCsv;

/**
 * The tables of {@code reproduce beyond-ntk} on a tiny spec: every CSV it writes keeps {@link StrictCsv}'s rules
 * (the fits in fit.csv, not in comment lines; the spectrum's tail a flagged row; every row of a run named by its
 * run_id), and pandas reads them with numeric columns as numbers (where python3 with pandas is installed).
 */
class BeyondNtkCsvTest {
    @TempDir
    Path tmp;

    @Test
    void everyTableIsStrictCsv() throws Exception {
        Path specs = Files.createDirectories(tmp.resolve("specs")), out = tmp.resolve("out");
        Files.writeString(specs.resolve("network.toml"), """
                zip = [["d", "n", "m"]]
                [base]
                test-n = 200
                steps = 40
                log-every = 10
                [axes]
                d = [4, 5, 6]
                n = [160, 250, 360]
                m = [16, 20, 24]
                seed = [1, 2]
                """);
        Outcome o = relulab("reproduce", "beyond-ntk", "--specs", specs.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<String> fit = Files.readAllLines(out.resolve("fit.csv"));
        assertEquals(FitCsv.HEADER, fit.get(0));
        assertEquals(1 + 4, fit.size(), "network and the three kernels: " + fit);
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        for (String row : results.subList(1, results.size())) {
            assertTrue(Files.isRegularFile(out.resolve(row.substring(0, row.indexOf(','))).resolve("manifest.json")),
                    "run_id is the run folder whose data the row is on: " + row);
        }
        assertTrue(Files.readAllLines(out.resolve("spectrum.csv")).stream().anyMatch(r -> r.contains(",true,,,")),
                "the tail row");
        assertTrue(StrictCsv.checkAll(out) >= 6 + 1 + 6, "the tables, points.csv and the runs' metrics");
        StrictCsv.pandasReads(out);
    }
}
