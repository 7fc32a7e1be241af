package org.relulab.training.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real renderers: rsvg-convert draws a plot of every style as a PNG (SVG it rejects fails here), and
 * scripts/plots/redraw.py redraws a folder of figures from their data with matplotlib. Each skips, saying why,
 * where its tool is missing (.ci/run installs both).
 */
class RenderTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    private static final Path REDRAW = Path.of("..", "scripts", "plots", "redraw.py");

    /** A plot with every style: lines with and without markers, dashes, points, a band, seeds, a reference. */
    static LinePlot everyStyle() {
        double[] x = {1, 2, 4, 8, 16}, many = new double[40], manyY = new double[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = 1 + i * 0.4;
            manyY[i] = Math.exp(-i / 10.0);
        }
        LinePlot p = new LinePlot("Every style, with a title long enough that it has to wrap onto a second line "
                + "rather than shrink below a readable size: test loss <&> \"quoted\"", "input dimension d",
                "test loss × d", true);
        p.add("few points", x, new double[] {1, 0.5, 0.2, 0.1, 0.05}).add("many points", many, manyY)
                .addDashed("fit", x, new double[] {1.1, 0.55, 0.25, 0.12, 0.06})
                .addPoints("measured", x, new double[] {0.9, 0.4, 0.3, 0.09, 0.04})
                .addBand("few points", x, new double[] {0.8, 0.4, 0.1, 0.05, 0.03},
                        new double[] {1.2, 0.6, 0.3, 0.2, 0.1})
                .addReference("1 − 2/π: the constant", 1 - 2 / Math.PI);
        for (int s = 1; s <= 3; s++) p.addSeed("seeds", x, new double[] {0.3 * s, 0.2 * s, 0.1 * s, 0.05, 0.02});
        return p;
    }

    @Test
    void rsvgConvertRendersEveryStyle(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("rsvg-convert"), "no rsvg-convert here (Debian: librsvg2-bin)");
        Path svg = dir.resolve("every.svg"), png = dir.resolve("every.png");
        everyStyle().write(svg);
        Process p = new ProcessBuilder("rsvg-convert", "-w", "900", svg.toString(), "-o", png.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(png), 4), "a PNG: " + out);
    }

    @Test
    void redrawPyRedrawsEveryFigureInAFolderFromItsData(@TempDir Path dir) throws Exception {
        String python = pythonWith("matplotlib");
        Assumptions.assumeTrue(python != null, "no python3 with matplotlib here (Debian: python3-matplotlib)");
        everyStyle().write(dir.resolve("every.svg"));
        Path run = Files.createDirectories(dir.resolve("runs/run-1"));
        new LinePlot("fraction", "m/d", "fraction of seeds", false).unitY()
                .add("left", new double[] {1, 2}, new double[] {0, 1}).write(run.resolve("left.svg"));
        Files.writeString(dir.resolve("gemm.plot.csv"), "series,shape,threads,gflops\nrelulab,sq512,1,100.0\n"
                + "OpenBLAS,sq512,1,98.0\nrelulab,sq512,2,190.0\nOpenBLAS,sq512,2,180.0\n");
        Process p = new ProcessBuilder(python, REDRAW.toString(), dir.toString(), "--out",
                dir.resolve("out").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("redraw.py: 3 figures drawn", out.strip());
        for (Path png : List.of(dir.resolve("out/every.redrawn.png"), dir.resolve("out/runs/run-1/left.redrawn.png"),
                dir.resolve("out/gemm.redrawn.png"))) {
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(png), 4), png.toString());
        }
        Process bad = new ProcessBuilder(python, REDRAW.toString(), dir.resolve("nowhere").toString())
                .redirectErrorStream(true).start();
        String err = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue(), err);
        assertTrue(err.strip().endsWith("nowhere is not a folder (expected folders holding *.plot.csv files)"), err);
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The first of python3 and /usr/bin/python3 that imports {@code module}, or null. */
    static String pythonWith(String module) {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
        return null;
    }
}
