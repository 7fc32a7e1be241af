package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relulab.training.experiment.SeparationTable.Measurement;
import org.relulab.training.experiment.SeparationTable.Method;
import org.relulab.training.experiment.SeparationTable.Summary;
import org.relulab.training.metrics.PowerLawFit;

/** {@link SeparationTable}: the summaries, CSV files, console table and fits of reproduce beyond-ntk. */
class SeparationTableTest {
    private static Measurement kernel(Method m, int d, long seed, double loss, double lambda) {
        return new Measurement(runId(d, seed), m, d, 10 * d * d, seed, loss, loss / 2, lambda, 0, -1, 1.25);
    }

    private static Measurement network(int d, long seed, double loss, long beat) {
        return new Measurement(runId(d, seed), Method.NETWORK, d, 10 * d * d, seed, loss, loss / 4, Double.NaN,
                16L * d * d, beat, 3.5);
    }

    private static String runId(int d, long seed) {
        return "network/runs/d=" + d + "_seed=" + seed;
    }

    private static SeparationTable sample() {
        SeparationTable t = new SeparationTable();
        t.add(kernel(Method.NTK, 8, 1, 0.002, 0));
        t.add(kernel(Method.KAPPA1, 8, 1, 0.003, 1e-6));
        t.add(network(8, 1, 1e-4, 288));
        t.add(kernel(Method.NTK, 8, 2, 0.004, 3.16e-5));
        t.add(network(8, 2, 3e-4, -1));
        t.add(kernel(Method.NTK, 16, 1, 0.0025, 0));
        t.add(network(16, 1, 2e-5, 900));
        return t;
    }

    @Test
    void summariesAreMeanSampleSdAndRangeOfLossTimesD() {
        List<Summary> s = sample().summaries();
        assertEquals(List.of(Method.NETWORK, Method.NETWORK, Method.NTK, Method.NTK, Method.KAPPA1),
                s.stream().map(Summary::method).toList());
        Summary ntk8 = s.get(2);
        assertEquals(8, ntk8.d());
        assertEquals(640, ntk8.n());
        assertEquals(2, ntk8.count());
        assertEquals(0.024, ntk8.mean(), 1e-15); // 0.016 and 0.032
        assertEquals(Math.sqrt(2 * 0.008 * 0.008), ntk8.sd(), 1e-15);
        assertEquals(0.016, ntk8.min(), 1e-15);
        assertEquals(0.032, ntk8.max(), 1e-15);
        assertEquals(0, s.get(4).sd()); // one seed
        assertEquals(0.002, sample().bestKernelLoss(8, 1));
        assertTrue(Double.isNaN(sample().bestKernelLoss(12, 1)));
        assertEquals(new int[] {8, 16}.length, sample().dims().length);
    }

    @Test
    void resultsCsvLeavesCellsThatDoNotApplyEmpty() {
        String[] lines = sample().resultsCsv().split("\n");
        assertEquals(SeparationTable.RESULTS_HEADER, lines[0]);
        assertEquals("network/runs/d=8_seed=1,ntk,8,640,1,0.00200000,0.0160000,0.00100000,0,,,1.3", lines[1]);
        assertEquals("network/runs/d=8_seed=1,kappa1,8,640,1,0.00300000,0.0240000,0.00150000,1.00e-06,,,1.3",
                lines[2]);
        assertEquals("network/runs/d=8_seed=1,network,8,640,1,0.000100000,0.000800000,2.50000e-05,,1024,288,3.5",
                lines[3]);
        assertEquals("network/runs/d=8_seed=2,network,8,640,2,0.000300000,0.00240000,7.50000e-05,,1024,,3.5",
                lines[5], "never below the kernels: empty");
        assertEquals(8, lines.length);
    }

    @Test
    void summaryCsvAndConsoleTable() {
        SeparationTable t = sample();
        String[] lines = t.summaryCsv().split("\n");
        assertEquals(SeparationTable.SUMMARY_HEADER, lines[0]);
        assertEquals("network,8,640,2,0.00160000,0.00113,0.000800000,0.00240000,,", lines[1]);
        assertEquals("kappa1,8,640,1,0.0240000,0.00,0.0240000,0.0240000,,", lines[5]);
        assertEquals(6, lines.length, t.summaryCsv());
        String[] fits = t.fitCsv().split("\n");
        assertEquals(FitCsv.HEADER, fits[0]);
        assertEquals(3, fits.length, "fits with 3 points at 2 dims, none for kappa1's one point: " + t.fitCsv());
        assertTrue(fits[1].startsWith("test_loss_x_d,network,d,3,") && fits[2].startsWith("test_loss_x_d,ntk,d,3,")
                && fits[1].endsWith(","), t.fitCsv());
        String md = t.markdown();
        assertTrue(md.startsWith("| d | n | LMZ20 network | NTK (abs net) | κ₁ kernel |\n|---:|---:|---:|---:|---:|\n"),
                md);
        assertTrue(md.contains("| 8 | 640 | 0.00160 ± 0.0011 | 0.0240 ± 0.011 | 0.0240 |\n"), md);
        assertTrue(md.contains("| 16 | 2560 | 0.000320 | 0.0400 | |\n"), md);
        assertEquals(4, md.split("\n").length);
    }

    /** The estimates sit beside the kernels' measurements: summary.csv, estimate.csv, spectrum.csv, the table. */
    @Test
    void estimatesBesideTheKernels() {
        SeparationTable t = sample();
        double[] a = {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
        SeparationTable.Estimate ntk = BeyondNtkExperiment.estimate(Method.NTK, a, 640, 256);
        SeparationTable.Estimate rf = BeyondNtkExperiment.estimate(Method.RF, a, 640, 256);
        t.add(ntk);
        t.add(rf);
        assertEquals(640, ntk.curve().samples());
        assertEquals(256, rf.curve().samples(), "random features: min(n, M)");
        assertEquals(ntk.curve().eigenlearning().loss() * 8, ntk.eigenlearningTimesD(), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> t.add(BeyondNtkExperiment.estimate(Method.NTK, a, 640, 256)));
        assertThrows(IllegalArgumentException.class, () -> BeyondNtkExperiment.estimate(Method.NETWORK, a, 640, 256));

        String[] summary = t.summaryCsv().split("\n");
        assertTrue(summary[3].startsWith("ntk,8,640,2,0.0240000,0.0113,0.0160000,0.0320000,"), summary[3]);
        assertEquals(String.format(java.util.Locale.ROOT, ",%.6g,%.6g", ntk.staircaseTimesD(),
                ntk.eigenlearningTimesD()),
                summary[3].substring("ntk,8,640,2,0.0240000,0.0113,0.0160000,0.0320000"
                        .length()));
        assertTrue(summary[4].endsWith(",,"), "no estimate for the NTK at d = 16: " + summary[4]);

        String[] est = t.estimateCsv().split("\n");
        assertEquals(SeparationTable.ESTIMATE_HEADER, est[0]);
        // d = 8, n = 640: the NTK's staircase buys ℓ = 0, 2, 4 (1 + 35 + 294 = 330; its ℓ = 1 eigenvalue is 0)
        assertTrue(est[1].startsWith("ntk,8,640,640,"), est[1]);
        assertTrue(est[1].contains(",\"[0, 2, 4]\",330,"), est[1]);
        assertTrue(est[1].endsWith(",0.0240000"), "the measured mean beside it: " + est[1]);
        assertTrue(est[2].startsWith("rf,8,640,256,") && est[2].endsWith(","), "no random features measured: "
                + est[2]);
        assertEquals(3, est.length);

        String[] spectrum = t.spectrumCsv().split("\n");
        assertEquals(SeparationTable.SPECTRUM_HEADER, spectrum[0]);
        assertTrue(spectrum[1].startsWith("ntk,8,0,false,1,"), spectrum[1]);
        int degrees = ntk.curve().spectrum().maxDegree() + 2; // 0 … L and the tail
        assertTrue(spectrum[degrees].startsWith("ntk,8," + (degrees - 1) + ",true,,,"), spectrum[degrees]);
        assertEquals(1 + 2 * degrees + (rf.curve().spectrum().maxDegree() - ntk.curve().spectrum().maxDegree()),
                spectrum.length);

        String md = t.markdown();
        // random features have an estimate but no measurement in this table: no columns
        assertTrue(md.startsWith("| d | n | LMZ20 network | NTK (abs net) | estimate | κ₁ kernel |\n"), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| 0.0240 ± 0.011 | %.3g (%.3g) |",
                ntk.eigenlearningTimesD(), ntk.staircaseTimesD())), md);
    }

    @Test
    void powerLawFitOverEverySeed() {
        SeparationTable t = new SeparationTable();
        for (int d : new int[] {8, 16, 32}) t.add(network(d, 1, 0.01 * Math.pow(d, -2), 1)); // loss × d = 0.01/d
        PowerLawFit f = t.fit(Method.NETWORK);
        assertEquals(-1, f.slope(), 1e-12);
        assertEquals(3, f.points());
        assertNull(t.fit(Method.NTK));
        assertEquals(1, t.fitLines().size());
        assertTrue(t.fitLines().get(0).startsWith("network: test loss x d ~ d^(-1.00 ± 0.00)"), t.fitLines().get(0));
        SeparationTable oneD = new SeparationTable();
        for (long s = 1; s <= 3; s++) oneD.add(network(8, s, 1e-4 * s, 1));
        assertNull(oneD.fit(Method.NETWORK), "a single d has no slope");
    }
}
