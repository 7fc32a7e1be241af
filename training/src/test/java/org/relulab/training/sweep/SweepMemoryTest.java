package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Provider;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.machine.MemoryLimits;
import org.relulab.training.sweep.SweepFixture.Outcome;

/**
 * A sweep is checked for memory before anything runs: a point too large for the machine, and --jobs points that
 * fit alone but not together, are one line with exit code 2 and no folder.
 */
class SweepMemoryTest {
    private static final long GB = 1L << 30;

    @TempDir
    Path tmp;

    /** A spec of tiny runs but for {@code d} and the axes {@code axes}. */
    private Path spec(String name, int d, String axes) throws IOException {
        return Files.writeString(tmp.resolve(name), "[base]\nd = " + d + "\ntest-n = 64\nsteps = 50\nthreads = 1\n"
                + "[axes]\n" + axes);
    }

    private List<SweepPoint> points(int d, String axes) throws IOException {
        return SpecParser.parse(spec("s.toml", d, axes)).points(false);
    }

    @Test
    void aPointTooLargeForTheMachineIsNamed() throws IOException {
        List<SweepPoint> points = points(5, "n = [64, 100000000]\n");
        MemoryLimits machine = new MemoryLimits(8 * GB, MemoryLimits.UNLIMITED, 4 * GB);
        Failure f = assertThrows(Failure.class, () -> SweepMemory.check(points, 1, 1, Provider.SCALAR, machine));
        assertEquals(ExitCode.USAGE, f.exitCode());
        assertTrue(f.getMessage().startsWith("sweep: point 1 (n=100000000): this run needs about"), f.getMessage());
    }

    @Test
    void pointsThatFitAloneButNotTogetherAskForFewerJobs() throws IOException {
        List<SweepPoint> points = points(5, "n = [2000000, 2000001, 2000002, 2000003]\n");
        long one = 0;
        for (SweepPoint p : points) {
            one = Math.max(one, org.relulab.training.run.MemoryEstimate
                    .of(p.config(tmp).toBuilder().threads(1).build(), Provider.SCALAR, true).total());
        }
        long memory = (long) (one * 2.5 / MemoryLimits.USABLE_FRACTION); // room for two at once, not three
        MemoryLimits machine = new MemoryLimits(memory, MemoryLimits.UNLIMITED, MemoryLimits.UNLIMITED);
        SweepMemory.check(points, 2, 1, Provider.SCALAR, machine);
        Failure f = assertThrows(Failure.class, () -> SweepMemory.check(points, 3, 1, Provider.SCALAR, machine));
        assertEquals(ExitCode.USAGE, f.exitCode());
        assertTrue(f.getMessage().contains("its 3 largest points need about") && f.getMessage().endsWith(
                "lower --jobs"), f.getMessage());
    }

    @Test
    void theCommandRefusesBeforeWritingAnything() throws IOException {
        Path spec = spec("huge.toml", 5000, "m = [8, 1000000]\nseed = \"1..2\"\n");
        Path out = tmp.resolve("out");
        Outcome o = SweepFixture.sweep(spec, out, "--jobs", "1");
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains("sweep: point 2 (m=1000000_seed=1)"), o.all());
        assertFalse(Files.exists(out), "a refused sweep writes nothing");
    }
}
