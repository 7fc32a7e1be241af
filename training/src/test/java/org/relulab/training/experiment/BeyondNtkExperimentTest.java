package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Workspace;
import org.relulab.training.cli.Main;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.DataSource;
import org.relulab.training.data.Dataset;
import org.relulab.training.io.Npy;
import org.relulab.training.run.Trainer;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;

/**
 * reproduce beyond-ntk without its long runs: the grid and its validation, the command line's errors (one line,
 * exit code 2, nothing written), the plot, and that the kernels get exactly the network's data.
 */
class BeyondNtkExperimentTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theGridAndItsSizesArePolynomialsOfD() {
        assertArrayEquals(new int[] {8, 12, 16, 20, 24, 28, 32}, BeyondNtkPlan.full().dims());
        assertEquals(3, BeyondNtkPlan.full().seeds());
        assertArrayEquals(new int[] {8, 12, 16, 20}, BeyondNtkPlan.quick().dims());
        assertEquals(10_240, BeyondNtkPlan.n(32));
        assertEquals(128, BeyondNtkPlan.m(32));
        assertEquals(16_384, BeyondNtkPlan.full().steps(32));
        assertEquals(49_152, new BeyondNtkPlan(new int[] {32}, 1, 10, 48).steps(32));
        assertEquals(64.0, BeyondNtkPlan.lr(32));
        assertEquals(4_096, BeyondNtkPlan.features(32));
        assertEquals(256, BeyondNtkPlan.full().logEvery(32));
        assertArrayEquals(new int[] {8, 16, 32}, BeyondNtkPlan.parseDims("8,16,32"));
        int[] dims = {8, 16};
        BeyondNtkPlan p = new BeyondNtkPlan(dims, 1, 10);
        dims[0] = 99;
        assertArrayEquals(new int[] {8, 16}, p.dims(), "the plan keeps its own copy");
        assertEquals(new BeyondNtkPlan(new int[] {8, 16}, 1, 10), p);
    }

    @Test
    void badGridsAreOneLineUsageErrors() {
        bad(() -> BeyondNtkPlan.parseDims("8,x"), "--d '8,x' has 'x', not an integer");
        bad(() -> BeyondNtkPlan.parseDims(""), "not an integer");
        bad(() -> BeyondNtkPlan.parseDims(" 8, 16 ,32"), "--d ' 8, 16 ,32' has ' 8', not an integer");
        bad(() -> BeyondNtkPlan.parseDims("8,\u0661\u0666"), "has '\u0661\u0666', not an integer");
        bad(() -> new BeyondNtkPlan(new int[0], 1, 10), "--d is empty");
        bad(() -> new BeyondNtkPlan(new int[] {8, 3}, 1, 10), "--d 3 is out of range (expected 4 to 48");
        bad(() -> new BeyondNtkPlan(new int[] {8, 64}, 1, 10), "--d 64 is out of range", "23040 x 23040");
        bad(() -> new BeyondNtkPlan(new int[] {16, 8}, 1, 10), "--d 8 after 16 (expected strictly increasing");
        bad(() -> new BeyondNtkPlan(new int[] {8, 8}, 1, 10), "--d 8 after 8");
        bad(() -> new BeyondNtkPlan(new int[] {8}, 0, 10), "--seeds 0 is out of range (expected 1 to 20)");
        bad(() -> new BeyondNtkPlan(new int[] {8}, 1, 0), "0 test samples");
        bad(() -> new BeyondNtkPlan(new int[] {8}, 1, 10, 0), "--steps-per-d2 0 is out of range (expected 1 to 1024)");
    }

    private static void bad(org.junit.jupiter.api.function.Executable e, String... mustMention) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String s : mustMention)
            assertTrue(ex.getMessage().contains(s), "\"" + ex.getMessage() + "\" should mention \"" + s + "\"");
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void commandLineErrorsExitWith2AndWriteNothing() throws IOException {
        Path o = tmp.resolve("out");
        assertUsage("reproduce beyond-ntk: --d '8,,16' has '', not an integer", "reproduce", "beyond-ntk", "--d",
                "8,,16", "--out", o.toString());
        assertUsage("reproduce beyond-ntk: --d 12 after 16", "reproduce", "beyond-ntk", "--d", "16,12", "--out",
                o.toString());
        assertUsage("reproduce beyond-ntk: --d 100 is out of range", "reproduce", "beyond-ntk", "--d", "100", "--out",
                o.toString());
        assertUsage("reproduce beyond-ntk: --seeds 21 is out of range (expected 1 to 20)", "reproduce", "beyond-ntk",
                "--seeds", "21",
                "--out", o.toString());
        assertUsage(
                "reproduce beyond-ntk: unknown option '--m' "
                        + "(expected one of: --out, --threads, --d, --seeds, --steps-per-d2, --quick)",
                "reproduce", "beyond-ntk", "--m", "10");
        assertUsage("reproduce beyond-ntk: --steps-per-d2 0 is out of range (expected 1 to 1024)", "reproduce",
                "beyond-ntk",
                "--steps-per-d2", "0", "--out", o.toString());
        assertUsage("reproduce beyond-ntk: --quick takes no value", "reproduce", "beyond-ntk", "--quick=yes");
        assertFalse(Files.exists(o), "nothing written");
        Files.createDirectories(o);
        Files.writeString(o.resolve("summary.csv"), "old");
        assertUsage("summary.csv exists (expected a new or empty --out)", "reproduce", "beyond-ntk", "--d", "8",
                "--out", o.toString());
        Files.delete(o.resolve("summary.csv"));
        Files.createDirectories(o.resolve("network/d8-s1"));
        Files.writeString(o.resolve("network/d8-s1/metrics.csv"), "old");
        assertUsage("already holds files", "reproduce", "beyond-ntk", "--d", "8", "--out", o.toString());
        assertUsage("reproduce: unknown experiment 'beyond' (expected: lmz20, zywg19, as21, beyond-ntk or all19)",
                "reproduce", "beyond");
    }

    private void assertUsage(String expected, String... args) {
        err.reset();
        assertEquals(2, run(args), String.join(" ", args));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains(expected), e);
        assertEquals(1, e.lines().count(), "one line: " + e);
    }

    /** The kernels' data sets are bit for bit the ones Trainer draws for the network of the same d and seed. */
    @Test
    void kernelsSeeTheNetworksData() throws IOException {
        int d = 5, n = 40, testN = 30;
        long seed = 3;
        Path runDir = tmp.resolve("run");
        RunConfig cfg = RunConfig.defaults().d(d).n(n).testN(testN).m(BeyondNtkPlan.m(d)).steps(2).logEvery(1)
                .seed(seed)
                .threads(1).out(runDir).build();
        Trainer.run(cfg, new PrintStream(java.io.OutputStream.nullOutputStream()), org.relulab.core.Provider.lookup(),
                new DataSource(null, true));
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(org.relulab.core.Provider.lookup(), 1)) {
            Dataset[] data = BeyondNtkExperiment.data(ws, k, d, n, testN, seed);
            assertArrayEquals(Npy.readMatrix(ws, runDir.resolve("x_train.npy"), n, d).toArray(), data[0].x().toArray());
            assertArrayEquals(Npy.readMatrix(ws, runDir.resolve("y_train.npy"), n, 1).toArray(), data[0].y().toArray());
            assertArrayEquals(Npy.readMatrix(ws, runDir.resolve("x_test.npy"), testN, d).toArray(),
                    data[1].x().toArray());
            assertArrayEquals(Npy.readMatrix(ws, runDir.resolve("y_test.npy"), testN, 1).toArray(),
                    data[1].y().toArray());
        }
    }

    @Test
    void thePlotHasEveryMethodAndTheReferenceLevels() {
        SeparationTable t = new SeparationTable();
        for (int d : new int[] {8, 16}) {
            for (long s = 1; s <= 2; s++) {
                t.add(new SeparationTable.Measurement(SeparationTable.Method.NETWORK, d, 10 * d * d, s, 1e-4, 1e-5,
                        Double.NaN, 10, 5, 1));
                t.add(new SeparationTable.Measurement(SeparationTable.Method.RF, d, 10 * d * d, s, 5e-3, 1e-3, 1e-4, 0,
                        -1, 1));
            }
        }
        String svg = BeyondNtkExperiment.lossPlot(t, new BeyondNtkPlan(new int[] {8, 16}, 2, 10)).svg();
        for (String s : new String[] {"LMZ20 network", "random features", "1 − 3/π", "1 − 2/π", "input dimension d"}) {
            assertTrue(svg.contains(s), s);
        }
        assertEquals(2 * 2 + 2, svg.split("<polyline").length - 1,
                "one line per method and seed, and two reference levels");
        assertEquals(0.0451, BeyondNtkExperiment.DEGREE_2_FLOOR, 1e-4);
    }
}
