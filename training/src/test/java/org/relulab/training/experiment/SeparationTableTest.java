package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        return new Measurement(m, d, 10 * d * d, seed, loss, loss / 2, lambda, 0, -1, 1.25);
    }

    private static Measurement network(int d, long seed, double loss, long beat) {
        return new Measurement(Method.NETWORK, d, 10 * d * d, seed, loss, loss / 4, Double.NaN, 16L * d * d, beat, 3.5);
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
        assertEquals("ntk,8,640,1,0.00200000,0.0160000,0.00100000,0,,,1.3", lines[1]);
        assertEquals("kappa1,8,640,1,0.00300000,0.0240000,0.00150000,1.00e-06,,,1.3", lines[2]);
        assertEquals("network,8,640,1,0.000100000,0.000800000,2.50000e-05,,1024,288,3.5", lines[3]);
        assertEquals("network,8,640,2,0.000300000,0.00240000,7.50000e-05,,1024,never,3.5", lines[5]);
        assertEquals(8, lines.length);
    }

    @Test
    void summaryCsvAndConsoleTable() {
        SeparationTable t = sample();
        String[] lines = t.summaryCsv().split("\n");
        assertEquals(SeparationTable.SUMMARY_HEADER, lines[0]);
        assertEquals("network,8,640,2,0.00160000,0.00113,0.000800000,0.00240000", lines[1]);
        assertEquals("kappa1,8,640,1,0.0240000,0.00,0.0240000,0.0240000", lines[5]);
        assertEquals(8, lines.length, t.summaryCsv());
        assertTrue(lines[6].startsWith("# network: test loss x d ~ d^(") && lines[7].startsWith("# ntk: "),
                "fits with 3 points at 2 dims, none for kappa1's one point: "
                        + t.summaryCsv());
        String md = t.markdown();
        assertTrue(md.startsWith("| d | n | LMZ20 network | NTK (abs net) | κ₁ kernel |\n|---:|---:|---:|---:|---:|\n"),
                md);
        assertTrue(md.contains("| 8 | 640 | 0.00160 ± 0.0011 | 0.0240 ± 0.011 | 0.0240 |\n"), md);
        assertTrue(md.contains("| 16 | 2560 | 0.000320 | 0.0400 | |\n"), md);
        assertEquals(4, md.split("\n").length);
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
