package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.training.config.RunConfig;
import org.relulab.training.run.Trainer;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;

/** {@link Lmz20Descent}: the trainer's run without its folder, reaching ε, deterministic per seed. */
class Lmz20DescentTest {
    @TempDir
    Path tmp;

    @Test
    void isTheRunTheTrainerMakesWithTheSameSeed() throws Exception {
        int d = 6, m = Lmz20Scaling.width(d), n = Lmz20Scaling.samples(d), steps = 40;
        RunConfig cfg = RunConfig.defaults().d(d).n(n).testN(n).m(m).lr(Lmz20Scaling.learningRate(m)).steps(steps)
                .logEvery(steps).seed(3).threads(1).out(tmp.resolve("run")).build();
        Trainer.run(cfg, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Provider.lookup());
        List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
        double trainerStart = Double.parseDouble(rows.get(1).split(",")[3]),
                trainerEnd = Double.parseDouble(rows.get(2).split(",")[3]);
        try (Kernels k = Kernels.create(Provider.lookup(), 1); Lmz20Descent run = new Lmz20Descent(k, d, 3)) {
            assertEquals(0, run.descendTo(k, 0, 0, 10, Long.MAX_VALUE));
            assertEquals(trainerStart, run.testLoss(), 1e-5 * trainerStart, "test loss at step 0");
            assertEquals(steps, run.descendTo(k, 0, steps, 10, Long.MAX_VALUE));
            assertEquals(trainerEnd, run.testLoss(), 1e-4 * trainerEnd, "test loss after " + steps + " steps");
        }
    }

    @Test
    void reachesEpsilonInTheSameStepsForTheSameSeed() {
        int d = 6;
        double target = Lmz20Scaling.targetLoss(d);
        long[] steps = new long[2];
        try (Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (int i = 0; i < 2; i++) {
                try (Lmz20Descent run = new Lmz20Descent(k, d, 1)) {
                    assertFalse(run.reached(target), "not before the first check");
                    steps[i] = run.descendTo(k, target, 100_000, 10, Long.MAX_VALUE);
                    assertTrue(run.reached(target), "reached eps/d: test loss " + run.testLoss());
                    assertEquals(0, steps[i] % 10, "found at a check");
                }
            }
        }
        assertTrue(steps[0] > 0, "the initialization is not already below eps");
        assertEquals(steps[0], steps[1]);
    }

    @Test
    void stopsAtTheStepCapOrTheTimeLimit() {
        try (Kernels k = Kernels.create(Provider.lookup(), 1); Lmz20Descent run = new Lmz20Descent(k, 6, 1)) {
            assertEquals(25, run.descendTo(k, 0, 25, 10, Long.MAX_VALUE), "a cap between two checks");
            assertEquals(30, run.descendTo(k, 0, 1000, 10, 0), "no time left: stops at the next check");
        }
    }
}
