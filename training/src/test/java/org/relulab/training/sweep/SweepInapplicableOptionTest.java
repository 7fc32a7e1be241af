package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;

/** An option that applies to some of a sweep's points only: given to those, and refused when it applies to none. */
class SweepInapplicableOptionTest {
    private static List<SweepPoint> points(String spec) {
        return SpecParser.parse(spec, "test.toml").points(false);
    }

    @Test
    void truncatedGdsLambdasReachOnlyItsPoints() {
        List<SweepPoint> p = points("[base]\nd = 4\nlambda0 = 0.5\nstage1-steps = 10\n[axes]\n"
                + "optimizer = [\"gd\", \"truncated\"]\n");
        assertEquals(List.of("lambda0", "stage1-steps"), p.get(0).inapplicable());
        assertEquals(List.of(), p.get(1).inapplicable());
        assertFalse(p.get(0).arguments().contains("--lambda0"), p.get(0).arguments().toString());
        assertFalse(p.get(0).arguments().contains("--stage1-steps"), p.get(0).arguments().toString());
        assertEquals(List.of("--d", "4", "--lambda0", "0.5", "--stage1-steps", "10", "--optimizer", "truncated"),
                p.get(1).arguments());
    }

    @Test
    void trainRunsEveryPointOfSuchASweep(@TempDir Path tmp) {
        List<SweepPoint> p = points(
                SweepFixture.TINY_BASE + "lambda0 = 0.5\n[axes]\noptimizer = [\"gd\", \"truncated\"]\n");
        for (SweepPoint point : p) {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(point.arguments());
            args.addAll(List.of("--out", tmp.resolve(point.name()).toString()));
            SweepFixture.Outcome o = SweepFixture.relulab(args.toArray(String[]::new));
            assertEquals(0, o.code(), point.name() + ": " + o.all());
        }
    }

    @Test
    void anOptionThatAppliesToNoPointIsRefused() {
        Failure f = assertThrows(Failure.class, () -> points("[base]\nd = 4\nlambda0 = 0.5\n[axes]\nm = [4, 8]\n"));
        assertEquals(ExitCode.USAGE, f.exitCode());
        assertEquals("sweep: test.toml:3:1: [base] lambda0: applies to none of the sweep's runs: it applies only to "
                + "--optimizer truncated (got gd)", f.getMessage());
    }
}
