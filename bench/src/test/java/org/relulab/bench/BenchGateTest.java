package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.io.Json;

class BenchGateTest {
    private static final String CPU = BenchGate.machineKey("Test CPU (family 1 model 2, avx512f)", 512);

    private static Path baseline(Path dir, String efficiency) throws IOException {
        Path file = dir.resolve("gate-baseline.json");
        Files.writeString(file, "{\"fraction\": 0.5, \"ratios\": {\"512\": {\"dot\": 15.0}}, \"efficiency\": "
                + efficiency + "}");
        return file;
    }

    @Test
    void theCalibrationIsTheOneNamedForThisCpuAndVectorWidth(@TempDir Path dir) throws IOException {
        List<String> rows = new java.util.ArrayList<>(List.of(GateCalibration.HEADER));
        for (int i = 0; i < GateCalibration.MIN_RUNS; i++) rows.add("r" + i + ",0.5,sq512,1,120,1,0,200,0.6" + i);
        Files.write(dir.resolve("cal.csv"), rows);
        Path file = baseline(dir, "{\"" + CPU + "\": \"cal.csv\"}");
        BenchGate.Baseline b = BenchGate.parse(file, 512, CPU);
        assertEquals(15.0, b.ratios().get("dot"));
        assertEquals(GateCalibration.FACTOR * 0.62, b.calibration().floor("sq512@1t", true), 1e-9);
        assertNull(BenchGate.parse(file, 256, BenchGate.machineKey("Test CPU (family 1 model 2, avx512f)", 256))
                .calibration(), "another vector width is another machine");

        GateCalibration c = b.calibration();
        double peak = 200;
        String ok = BenchGate.verdict(new GateEfficiency("sq512", 1, 0.53 * peak, 1, 0.01, peak), c, CPU);
        assertTrue(ok.startsWith("ok (floor 49.6 %"), ok);
        String fail = BenchGate.verdict(new GateEfficiency("sq512", 1, 0.48 * peak, 1, 0.01, peak), c, CPU);
        assertTrue(fail.startsWith("FAIL sq512@1t below its floor 49.6 %"), fail);
        String busyUncalibrated = BenchGate.verdict(new GateEfficiency("sq512", 1, 0.50 * peak, 0.3, 1.7, peak), c,
                CPU);
        assertTrue(busyUncalibrated.startsWith("calibration has 0 busy runs of sq512@1t"), busyUncalibrated);
        for (int i = 0; i < GateCalibration.MIN_RUNS; i++) rows.add("b" + i + ",9.5,sq512,1,90,0.4,1.6,200,0.45");
        Files.write(dir.resolve("cal.csv"), rows);
        GateCalibration both = BenchGate.parse(file, 512, CPU).calibration();
        String busy = BenchGate.verdict(new GateEfficiency("sq512", 1, 0.50 * peak, 0.3, 1.7, peak), both, CPU);
        assertTrue(busy.startsWith("ok (floor 36.0 % = 0.80 x the median of 5 busy calibration runs"), busy);
        String busySlow = BenchGate.verdict(new GateEfficiency("sq512", 1, 0.35 * peak, 0.3, 1.7, peak), both, CPU);
        assertTrue(busySlow.startsWith("FAIL sq512@1t below its floor 36.0 %"), "a busy machine is no excuse: "
                + busySlow);
        assertTrue(BenchGate.verdict(new GateEfficiency("sq512", 1, 0.48 * peak, 1, 0.01, peak), both, CPU)
                .startsWith("FAIL sq512@1t below its floor 49.6 % = 0.80 x the median of 5 quiet"),
                "the busy runs do not lower a quiet figure's floor");
        for (int i = 0; i < GateCalibration.MIN_RUNS; i++) rows.add("r" + i + ",0.5,sq512,2,120,2,0,200,0.5");
        Files.write(dir.resolve("cal.csv"), rows);
        String twoThreads = BenchGate.verdict(new GateEfficiency("sq512", 2, 0.1 * peak, 2, 0, peak),
                BenchGate.parse(file, 512, CPU).calibration(), CPU);
        assertTrue(twoThreads.startsWith("below its floor 40.0 %") && twoThreads.contains("not gated"), twoThreads);
        assertTrue(BenchGate.verdict(new GateEfficiency("gw", 1, 10, 1, 0, peak), c, CPU)
                .startsWith("calibration has 0 quiet runs of gw@1t"));
        assertTrue(BenchGate.verdict(new GateEfficiency("gw", 1, 10, 1, 0, peak), null, CPU)
                .equals("no calibration for " + CPU + ": not gated"));
    }

    @Test
    void aBadBaselineOrArgumentIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path missingCsv = baseline(dir, "{\"" + CPU + "\": \"missing.csv\"}");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BenchGate.parse(missingCsv, 512, CPU));
        assertTrue(missing.getMessage().contains("missing.csv does not exist"), missing.getMessage());
        Path notAName = baseline(dir, "{\"" + CPU + "\": 3}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchGate.parse(notAName, 512, CPU));
        assertTrue(e.getMessage().contains("(expected a file name)"), e.getMessage());

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchGate.run(new String[] {"gate-baseline.json", "--frobnicate"}, new PrintStream(out),
                new PrintStream(err));
        assertEquals(2, code);
        assertEquals("bench gate: argument '--frobnicate' (expected [BASELINE.json] [--record CSV])\n",
                err.toString());
        Files.writeString(dir.resolve("broken.json"), "{\"fraction\": 7}");
        err.reset();
        assertEquals(2, BenchGate.run(new String[] {dir.resolve("broken.json").toString()}, new PrintStream(out),
                new PrintStream(err)));
        assertTrue(err.toString().contains("fraction 7.0: expected (0, 1]") && err.toString().split("\n").length == 1,
                err.toString());
    }

    @Test
    void aBusyMachineExcusesAnAllocationOverTheLimitOnlyWhenItWasBusy() {
        GateEfficiency quiet = new GateEfficiency("step", 1, 80, 1, 0.02, 200);
        GateEfficiency busy = new GateEfficiency("step", 1, 80, 0.3, 1.7, 200);
        assertEquals("ok", BenchGate.allocationVerdict(200, busy));
        assertEquals("FAIL", BenchGate.allocationVerdict(50_000, quiet));
        assertTrue(BenchGate.allocationVerdict(50_000, busy).endsWith("machine busy, not gated"));
        assertEquals("FAIL", BenchGate.allocationVerdict(50_000, null));
    }

    @Test
    void everyCommittedCalibrationGatesEveryShapeAndTheStepAt1ThreadOnAQuietMachine() throws IOException {
        Path committed = Path.of("gate-baseline.json");
        Map<?, ?> machines = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(committed))).get("efficiency");
        assertTrue(!machines.isEmpty(), "at least one calibrated CPU");
        for (Object machine : machines.keySet()) {
            int bits = Integer.parseInt(((String) machine).replaceAll(".*, (\\d+)-bit vectors$", "$1"));
            GateCalibration c = BenchGate.parse(committed, bits, (String) machine).calibration();
            for (String shape : GateMeasurement.SHAPES) {
                assertTrue(c.floor(GateEfficiency.key(shape, 1), true) > 0, machine + ": " + shape);
            }
            assertTrue(c.floor(GateEfficiency.key("step", 1), true) > 0, machine + ": step");
        }
    }
}
