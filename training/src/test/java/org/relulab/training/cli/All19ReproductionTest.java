package org.relulab.training.cli;

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
import org.relulab.training.optim.LearningRateSchedule;
import org.junit.jupiter.api.io.TempDir;

/** {@link All19Reproduction} end to end on a tiny plan: every learner tuned and reported, the summaries written. */
class All19ReproductionTest {
    @TempDir
    Path dir;

    /** N = 50 and 100, one reported and one tuning seed, η ∈ {0.1, 1e4} (the second diverges, or kills every ReLU), 8 steps, narrow nets. */
    private static All19Plan tiny() {
        return new All19Plan(new int[] {50, 100}, new int[] {1}, new int[] {100}, new double[] {0.1, 1e4}, new double[] {0}, 8, 1, 64, 8, 16, LearningRateSchedule.CONSTANT);
    }

    @Test
    void writesTuningRunsTablesAndPlotForEveryLearner() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        All19Reproduction.run(dir, tiny(), 2, new PrintStream(log, true, StandardCharsets.UTF_8));
        for (String f : All19Reproduction.SUMMARY_FILES) assertTrue(Files.size(dir.resolve(f)) > 0, f);
        List<String> tuning = Files.readAllLines(dir.resolve("tuning.csv"));
        Map<String, String> chosen = new HashMap<>();                   // learner,n → η chosen
        for (String row : tuning.subList(1, tuning.size())) {
            String[] c = row.split(",");
            if (c[10].equals("true")) {
                assertEquals("false", c[8], row);                         // a point that diverged is never chosen
                assertEquals(null, chosen.put(c[0] + "," + c[1], c[2]), row);
            }
            if (row.contains(",50,1e4,")) assertEquals("true", c[8], row); // η = 1e4 on 50 samples diverges for every learner
        }
        assertEquals(12, chosen.size());
        List<String> fig1 = Files.readAllLines(dir.resolve("fig1.csv"));
        assertEquals(1 + 6 * 2, fig1.size());
        // the 3-layer net at N = 100: η = 1e4 kills its ReLUs on the tuning seed (finite, chosen) and diverges on seed 1
        assertTrue(fig1.stream().anyMatch(r -> r.startsWith("3layer,100,1,0.1,0,1,")), String.join("\n", fig1));
        for (String row : fig1.subList(1, fig1.size())) {
            String[] c = row.split(",");                                   // learner,n,seed,lr,weight_decay,fallbacks,steps,...
            assertEquals("1", c[2], row);
            if (c[5].equals("0")) assertEquals(chosen.get(c[0] + "," + c[1]), c[3], row);
            else assertEquals("0.1", c[3], row);                           // the fallback from η = 1e4
            assertEquals("8", c[6], row);
        }
        for (All19Learner l : All19Learner.values()) assertTrue(Files.isDirectory(dir.resolve(All19Reproduction.finalName(l, 100, 1))));
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.matches("(?s).*\\d+ of 12 reported runs diverged.*"), table);
        assertTrue(table.contains("| 3-layer (NTK) |"), table);
        assertTrue(Files.readString(dir.resolve("fig1.svg")).startsWith("<svg"));
    }

    @Test
    void refusesAFolderThatHoldsResults() throws Exception {
        Files.writeString(dir.resolve("table.md"), "old");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        UsageException e = assertThrows(UsageException.class, () -> All19Reproduction.run(dir, tiny(), 1, quiet));
        assertTrue(e.getMessage().contains("table.md exists"), e.getMessage());
        assertEquals("old", Files.readString(dir.resolve("table.md")));
    }
}
