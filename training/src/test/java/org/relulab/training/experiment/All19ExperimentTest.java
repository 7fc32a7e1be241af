package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.optim.LearningRateSchedule;

/** {@link All19Experiment} end to end on a tiny plan: every learner tuned and reported, the summaries written. */
class All19ExperimentTest {
    @TempDir
    Path dir;

    /**
     * N = 50 and 100, one reported and one tuning seed, η ∈ {0.5, 1e4} (the second diverges, or kills every ReLU), 200
     * steps, narrow nets.
     */
    private static All19Plan tiny() {
        return new All19Plan(new int[] {50, 100}, new int[] {1}, new int[] {100}, new double[] {0.5, 1e4},
                new double[] {0}, 200, 1, 64, 8, 16, LearningRateSchedule.CONSTANT);
    }

    @Test
    void writesTuningRunsTablesAndPlotForEveryLearner() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        All19Experiment.run(dir, tiny(), 2, new PrintStream(log, true, StandardCharsets.UTF_8));
        for (String f : All19Experiment.SUMMARY_FILES) assertTrue(Files.size(dir.resolve(f)) > 0, f);
        List<String> tuning = Files.readAllLines(dir.resolve("tuning.csv"));
        Map<String, String> chosen = new HashMap<>();                   // learner,n → η chosen
        java.util.Set<String> trainable = new java.util.HashSet<>();      // learner,n with a point that trained
        for (String row : tuning.subList(1, tuning.size())) {
            String[] c = row.split(",");
            if (c[9].equals("false")) trainable.add(c[0] + "," + c[1]);
            if (c[11].equals("true")) {
                assertEquals("false", c[9], row);                         // a point that failed is never chosen
                assertEquals(null, chosen.put(c[0] + "," + c[1], c[2]), row);
            }
            // η = 1e4 on 50 samples diverges for every learner
            if (row.contains(",50,1e4,")) assertEquals("true", c[8], row);
            if (c[8].equals("true")) assertEquals("true", c[9], row);     // and so fails
        }
        assertEquals(trainable, chosen.keySet(), "a point is chosen wherever one trained");
        assertTrue(chosen.size() >= 6, "most learners train somewhere: " + chosen);
        List<String> fig1 = Files.readAllLines(dir.resolve("fig1.csv"));
        assertEquals(1 + chosen.size(), fig1.size());
        // the 3-layer net at N = 100: η = 1e4 kills its ReLUs on the tuning seed (finite, chosen) and diverges on seed
        // 1
        assertTrue(fig1.stream().anyMatch(r -> r.startsWith("3layer,100,1,0.5,0,1,")), String.join("\n", fig1));
        for (String row : fig1.subList(1, fig1.size())) {
            // learner,n,seed,lr,weight_decay,fallbacks,steps,...
            String[] c = row.split(",");
            assertEquals("1", c[2], row);
            if (c[5].equals("0")) assertEquals(chosen.get(c[0] + "," + c[1]), c[3], row);
            else assertEquals("0.5", c[3], row);                           // the fallback from η = 1e4
            assertEquals("200", c[6], row);
        }
        for (String key : chosen.keySet()) {
            String[] k = key.split(",");
            All19Learner l = java.util.Arrays.stream(All19Learner.values()).filter(x -> x.key.equals(k[0])).findFirst()
                    .orElseThrow();
            assertTrue(Files.isDirectory(dir.resolve(All19Experiment.finalName(l, Integer.parseInt(k[1]), 1))), key);
        }
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.matches("(?s).*\\d+ of " + chosen.size() + " reported runs failed to train.*"), table);
        assertTrue(table.contains("| 3-layer (NTK) |"), table);
        assertTrue(Files.readString(dir.resolve("fig1.svg")).startsWith("<svg"));
    }

    @Test
    void aRunFailsWhenItDivergesOrEndsNoBetterThanPredictingZero() {
        java.nio.file.Path p = java.nio.file.Path.of("x");
        assertTrue(All19Experiment
                .failed(new org.relulab.training.run.Trainer.Result(p, 10, Double.NaN, Double.NaN, 1, true), 31));
        assertTrue(
                All19Experiment.failed(new org.relulab.training.run.Trainer.Result(p, 10, 3.4e6, 3.4e6, 1, false), 31));
        assertTrue(All19Experiment.failed(new org.relulab.training.run.Trainer.Result(p, 10, 31, 30, 1, false), 31));
        assertTrue(!All19Experiment.failed(new org.relulab.training.run.Trainer.Result(p, 10, 27.7, 29, 1, false), 31));
    }

    @Test
    void refusesAFolderThatHoldsResults() throws Exception {
        Files.writeString(dir.resolve("table.md"), "old");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> All19Experiment.run(dir, tiny(), 1, quiet));
        assertTrue(e.getMessage().contains("table.md exists"), e.getMessage());
        assertEquals("old", Files.readString(dir.resolve("table.md")));
    }
}
