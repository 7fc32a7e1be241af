package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The performance gate's calibration files (bench/gate-calibration-*.csv, read by the bench module's GateCalibration)
 * keep {@link StrictCsv}'s rules: no comment line, so {@code pandas.read_csv(path)} with no options reads them as
 * tables, their notes being in the Markdown file beside each. Here because StrictCsv is training's test code.
 */
class BenchCalibrationCsvTest {
    @Test
    void theCommittedCalibrationsAreStrictCsv(@TempDir Path copies) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "bench"))) {
            files = s.filter(p -> p.getFileName().toString().matches("gate-calibration-.*\\.csv")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no bench/gate-calibration-*.csv");
        for (Path f : files) {
            assertEquals(List.of(), StrictCsv.problems(f), f.toString());
            Files.copy(f, copies.resolve(f.getFileName()));
        }
        StrictCsv.pandasReads(copies); // the numeric columns come out numeric (when python3 has pandas)
    }
}
