package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.relulab.training.plot.SvgCheck;
import org.relulab.training.run.Trainer;
import org.relulab.training.sweep.SpecParser;
import org.relulab.training.sweep.SweepPoint;

/**
 * reproduce beyond-ntk without its long runs: the preset's grid, the command line's errors (one line, exit code 2,
 * nothing written), the plot, and that the kernels get exactly the network's data.
 */
class BeyondNtkExperimentTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The preset's zipped lists are the stated polynomials of d, for the full grid and the quick one. */
    @Test
    void thePresetsSizesArePolynomialsOfD() {
        for (boolean quick : new boolean[] {false, true}) {
            PresetSpecs spec = PresetSpecs.read("beyond-ntk", quick, "network", null);
            List<SweepPoint> points = SpecParser.parse(new String(spec.bytes(), StandardCharsets.UTF_8),
                    spec.label().toString()).points(false);
            assertEquals(quick ? 4 * 2 : 7 * 3, points.size(), spec.label().toString());
            for (SweepPoint p : points) {
                RunConfig c = p.config(tmp);
                int d = c.data().d();
                assertEquals(10 * d * d, c.data().n(), p.name());
                assertEquals(4 * d, c.student().m(), p.name());
                assertEquals(16L * d * d, c.steps(), p.name());
                assertEquals(c.steps() / 64, c.logEvery(), p.name());
                assertEquals(c.student().m() / 2.0, c.optimizer().lr(), p.name());
                assertEquals(5_000, c.data().testN(), p.name());
                assertEquals(quick ? 20 : 32, points.stream().mapToInt(q -> q.config(tmp).data().d()).max().orElse(0));
                new BeyondNtkExperiment().requireReportable(c);
            }
        }
    }

    @Test
    void commandLineErrorsExitWith2AndWriteNothing() throws IOException {
        Path o = tmp.resolve("out");
        assertUsage("reproduce: unknown option '--d' (see relulab reproduce --help)", "reproduce", "beyond-ntk", "--d",
                "8,16", "--out", o.toString());
        assertUsage("reproduce beyond-ntk: --jobs 0 is out of range (expected 1 to 1024)", "reproduce", "beyond-ntk",
                "--jobs", "0", "--out", o.toString());
        assertUsage("reproduce: option --quick takes no value (got yes)", "reproduce", "beyond-ntk", "--quick=yes");
        Path specs = Files.createDirectories(tmp.resolve("specs"));
        assertUsage("reproduce beyond-ntk: --specs " + specs + " has no network.toml (expected a copy of "
                + "sweeps/presets/beyond-ntk/network.toml)", "reproduce", "beyond-ntk", "--specs", specs.toString(),
                "--out", o.toString());
        Files.writeString(specs.resolve("network.toml"), "[base]\nd = 4\nteacher = \"relu\"\n[axes]\nseed = [1, 2]\n");
        assertUsage("reproduce beyond-ntk: " + specs.resolve("network.toml") + ", point seed=1: the kernels of this "
                + "report draw LMZ20's data: expected --teacher abs", "reproduce", "beyond-ntk", "--specs",
                specs.toString(), "--out", o.toString());
        Files.writeString(specs.resolve("network.toml"), "[base]\nd = 4\n[axes]\nm = [8, 0]\n");
        assertUsage("network.toml:4:", "reproduce", "beyond-ntk", "--specs", specs.toString(), "--out", o.toString());
        assertFalse(Files.exists(o), "nothing written");
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
        RunConfig cfg = RunConfig.defaults().d(d).n(n).testN(testN).m(4 * d).steps(2).logEvery(1)
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
                t.add(new SeparationTable.Measurement("", SeparationTable.Method.NETWORK, d, 10 * d * d, s, 1e-4, 1e-5,
                        Double.NaN, 10, 5, 1));
                t.add(new SeparationTable.Measurement("", SeparationTable.Method.RF, d, 10 * d * d, s, 5e-3, 1e-3, 1e-4,
                        0,
                        -1, 1));
            }
        }
        String svg = BeyondNtkExperiment.lossPlot(t).svg();
        SvgCheck.parse(svg);
        for (String s : new String[] {"LMZ20 network", "random features", "1 − 3/π", "1 − 2/π", "input dimension d"}) {
            assertTrue(svg.contains(s), s);
        }
        assertEquals(2, svg.split("<polyline").length - 1, "one line per method: the median of its seeds");
        assertEquals(2, svg.split("<polygon fill=").length - 1, "and its band from the lowest seed to the highest");
        assertEquals(4, svg.split("stroke=\"#555555\" stroke-width=\"1.3\"").length - 1, "four floors, dashed grey");
        assertEquals(1 - 3 / Math.PI, BeyondNtkExperiment.floor(2), 1e-15);
        double[] a = {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
        t.add(BeyondNtkExperiment.estimate(SeparationTable.Method.RF, a, 640, 256));
        String kernels = BeyondNtkExperiment.kernelPlot(t).svg();
        for (String s : new String[] {"random features", "random features: eigenlearning", "random features: staircase",
                "1 − 3/π: degree ≤ 2 best"}) {
            assertTrue(kernels.contains(">" + s + "<"), s);
        }
        assertFalse(kernels.contains("LMZ20 network"), "kernels only");
        // the estimate is drawn in its kernel's color: random features' line and the dashed estimate share it
        SvgCheck.parse(kernels);
        String color = kernels.replaceAll("(?s).*<polyline fill=\"none\" stroke=\"(#[0-9a-f]+)\" stroke-width=\"1.6\" "
                + "stroke-linejoin=\"round\" points.*", "$1");
        assertTrue(kernels.contains("stroke=\"" + color + "\" stroke-width=\"1.6\" stroke-linejoin=\"round\" "
                + "stroke-dasharray"), color);
        assertEquals(1 - 2 / Math.PI, BeyondNtkExperiment.floor(0), 1e-15);
        // each floor is the one below it less the next even order's share: ĥ_4² = 1/(12π), ĥ_6² = 1/(40π) for |·|
        assertEquals(1 - 3 / Math.PI - 1 / (12 * Math.PI), BeyondNtkExperiment.floor(4), 1e-15);
        assertEquals(BeyondNtkExperiment.floor(4) - 1 / (40 * Math.PI), BeyondNtkExperiment.floor(6), 1e-15);
    }
}
