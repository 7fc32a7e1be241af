package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.io.Json;

class GateCalibrationTest {
    private static List<GateEfficiency> run(double sq512, double step, double others) {
        return List.of(new GateEfficiency("sq512", 1, sq512 * 200, 1.0, others, 200),
                new GateEfficiency("step", 2, step * 190, 1.9, others, 190));
    }

    @Test
    void appendedRunsReadBackAndGiveFloorsPerLoadOnlyAfterEnoughRuns(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("cal.csv");
        double[] sq512 = {0.62, 0.60, 0.64, 0.58, 0.63};
        for (int i = 0; i < sq512.length; i++) {
            GateCalibration.append(csv, "test CPU", "JDK 25.", "run" + i, 0.5, run(sq512[i], 0.4, 0.01));
            GateCalibration c = GateCalibration.read(csv);
            assertEquals(i + 1, c.runs("sq512@1t", true));
            if (i + 1 < GateCalibration.MIN_RUNS) assertTrue(Double.isNaN(c.floor("sq512@1t", true)), "run " + i);
        }
        GateCalibration c = GateCalibration.read(csv);
        assertEquals(GateCalibration.FACTOR * 0.62, c.floor("sq512@1t", true), 1e-4, "the factor times the median run");
        assertEquals(GateCalibration.FACTOR * 0.4, c.floor("step@2t", true), 1e-4);
        assertTrue(Double.isNaN(c.floor("gtx@1t", true)), "never measured: no floor");
        assertTrue(Double.isNaN(c.floor("sq512@1t", false)), "no busy run yet: no busy floor");
        double[] busy = {0.50, 0.48, 0.52, 0.47, 0.51};
        for (int i = 0; i < busy.length; i++) {
            GateCalibration.append(csv, "test CPU", "JDK 25.", "busy" + i, 9.5, run(busy[i], 0.3, 1.5));
        }
        c = GateCalibration.read(csv);
        assertEquals(GateCalibration.FACTOR * 0.50, c.floor("sq512@1t", false), 1e-4, "busy runs: their own floor");
        assertEquals(GateCalibration.FACTOR * 0.62, c.floor("sq512@1t", true), 1e-4, "the quiet floor is unmoved");
        assertEquals(List.of(0.62, 0.60, 0.64, 0.58, 0.63), c.efficiencies("sq512@1t", true));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(GateCalibration.HEADER, lines.get(0), "a plain CSV: the header first, no comment");
        assertEquals(1 + 2 * (sq512.length + busy.length), lines.size(), "the header once, then two rows per run");
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("#")).toList());
        assertEquals(dir.resolve("cal.md"), GateCalibration.notesFile(csv));
        assertEquals("# BenchGate calibration on test CPU\n\nThe notes of cal.csv, which holds the header and the rows "
                + "only. JDK 25.\n\n", Files.readString(dir.resolve("cal.md")), "the notes, written once");
        assertEquals(0.6, GateCalibration.median(List.of(0.7, 0.5, 0.6, 0.65, 0.55)), 1e-12);
        assertEquals(0.625, GateCalibration.median(List.of(0.7, 0.5, 0.6, 0.65)), 1e-12);
    }

    @Test
    void badRowsNameTheLineAndWhatWasExpected() {
        List<String> good = new ArrayList<>(List.of(GateCalibration.HEADER,
                "r,0.5,sq512,1,120.00,1.000,0.010,200.00,0.6000"));
        assertEquals(1, GateCalibration.parse(good, "f.csv").runs("sq512@1t", true));
        for (String bad : new String[] {"r,0.5,sq512,1,120.00,1.000,200.00,0.6", "r,0.5,sq512,one,1,1,0,1,0.6",
                "r,0.5,sq512,1,1,1,0,1,2.5", "r,0.5,sq512,0,1,1,0,1,0.6", "r,0.5,sq512,1,1,1,none,1,0.6",
                "r,0.5,sq512,1,1,1,-1,1,0.6", "# a comment", ""}) {
            List<String> lines = new ArrayList<>(good);
            lines.add(bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GateCalibration.parse(lines, "f.csv"));
            assertTrue(e.getMessage().startsWith("f.csv line 3: '" + bad + "' (expected "), e.getMessage());
        }
        IllegalArgumentException comment = assertThrows(IllegalArgumentException.class,
                () -> GateCalibration.parse(List.of(GateCalibration.HEADER, "# run 1"), "bench/f.csv"));
        assertEquals("bench/f.csv line 2: '# run 1' (expected a row, not a comment: notes go in f.md beside it)",
                comment.getMessage());
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                () -> GateCalibration.parse(List.of("# CPU", GateCalibration.HEADER), "f.csv"));
        assertTrue(first.getMessage().startsWith("f.csv line 1: '# CPU' (expected the header "), first.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GateCalibration.parse(List.of("run,efficiency"), "f.csv"));
        assertTrue(e.getMessage().contains("the header " + GateCalibration.HEADER), e.getMessage());
    }

    /**
     * Every calibration file gate-baseline.json names is a plain CSV (the header, then rows; no comment line, which
     * pandas.read_csv would read as a row) with its notes in the Markdown file beside it.
     */
    @Test
    void committedCalibrationsArePlainCsvWithTheirNotesBeside() throws IOException {
        Map<?, ?> machines = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(Path.of("gate-baseline.json"))))
                .get("efficiency");
        assertTrue(!machines.isEmpty(), "at least one calibrated CPU");
        for (Object name : machines.values()) {
            Path csv = Path.of((String) name);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(GateCalibration.HEADER, lines.get(0), csv.toString());
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(!lines.get(i).startsWith("#") && !lines.get(i).isBlank(), csv + " line " + (i + 1)
                        + " is a comment or blank: " + lines.get(i));
            }
            assertTrue(GateCalibration.read(csv).runs(GateEfficiency.key("sq512", 1), true) > 0, csv.toString());
            Path notes = GateCalibration.notesFile(csv);
            assertTrue(Files.readString(notes).startsWith("# BenchGate calibration"), notes.toString());
        }
    }
}
