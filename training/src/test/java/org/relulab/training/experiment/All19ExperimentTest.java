package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.experiment.ReproduceFixture.relulab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.config.RunConfig;
import org.relulab.training.experiment.ReproduceFixture.Outcome;
import org.relulab.training.io.StrictCsv;
import org.relulab.training.plot.SvgCheck;
import org.relulab.training.sweep.PointState;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.sweep.SpecParser;
import org.relulab.training.sweep.SweepPoint;

/**
 * reproduce all19 end to end on tiny specs ({@code --specs}): every learner tuned and reported through the sweep
 * runner, a failed run rerun at the next point of its ranking, the summaries written, and a rerun that skips
 * everything and writes the same tables.
 */
class All19ExperimentTest {
    @TempDir
    Path tmp;

    /** The six learners, narrow; N = 50 and 100; η ∈ {0.5, 1e4} (the second diverges, or kills every ReLU). */
    private static final String BASE = """
            zip = [["network", "trained", "m"]]
            [base]
            teacher = "fig1"
            test-n = 64
            optimizer = "sgd"
            batch = 50
            steps = 200
            log-every = 50
            threads = 1
            [axes]
            network = ["all19-3", "all19-2", "all19-3", "all19-2", "ntk-3", "ntk-2"]
            trained = ["all", "all", "last", "last", "all", "all"]
            m = [8, 16, 8, 16, 8, 16]
            n = [50, 100]
            """;

    /** The four convex learners solved exactly, on the seed and data of runs.toml. */
    private static final String EXACT = """
            zip = [["network", "trained", "m"]]
            [base]
            teacher = "fig1"
            test-n = 64
            optimizer = "exact"
            steps = 1
            log-every = 1
            threads = 1
            [axes]
            network = ["all19-3", "all19-2", "ntk-3", "ntk-2"]
            trained = ["last", "last", "all", "all"]
            m = [8, 16, 8, 16]
            n = [50, 100]
            seed = [1]
            """;

    private Path specs() throws IOException {
        Path specs = Files.createDirectories(tmp.resolve("specs"));
        Files.writeString(specs.resolve("tuning.toml"), BASE + "lr = [0.5, 1e4]\nweight-decay = [0]\nseed = [100]\n");
        Files.writeString(specs.resolve("runs.toml"), BASE + "seed = [1]\n");
        Files.writeString(specs.resolve("exact.toml"), EXACT);
        return specs;
    }

    @Test
    void tunesReportsFallsBackAndResumes() throws Exception {
        Path dir = tmp.resolve("out");
        String[] args = {"reproduce", "all19", "--specs", specs().toString(), "--out", dir.toString(), "--jobs", "2"};
        Outcome first = relulab(args);
        assertEquals(0, first.code(), first.err());
        for (String f : All19Experiment.SUMMARY_FILES) assertTrue(Files.size(dir.resolve(f)) > 0, f);
        List<String> tuning = withoutRunIds(dir, "tuning.csv");
        assertEquals(1 + 6 * 2 * 2, tuning.size());
        Map<String, String> chosen = new HashMap<>(); // learner,n → η chosen
        Set<String> trainable = new HashSet<>(); // learner,n with a point that trained
        for (String row : tuning.subList(1, tuning.size())) {
            String[] c = row.split(",");
            if (c[9].equals("false")) trainable.add(c[0] + "," + c[1]);
            if (c[11].equals("true")) {
                assertEquals("false", c[9], row); // a point that failed is never chosen
                assertEquals(null, chosen.put(c[0] + "," + c[1], c[2]), row);
            }
            if (row.contains(",50,1e4,")) assertEquals("true", c[8], row); // η = 1e4 on 50 samples diverges
            if (c[8].equals("true")) assertEquals("true", c[9], row); // and so fails
        }
        assertEquals(trainable, chosen.keySet(), "a point is chosen wherever one trained");
        assertTrue(chosen.size() >= 6, "most learners train somewhere: " + chosen);
        List<String> fig1 = withoutRunIds(dir, "fig1.csv");
        assertEquals(1 + chosen.size(), fig1.size());
        // the 3-layer net at N = 100: η = 1e4 kills its ReLUs on the tuning seed (finite, chosen) and diverges on
        // seed 1, so it falls back to η = 0.5
        assertTrue(fig1.stream().anyMatch(r -> r.startsWith("3layer,100,1,0.5,0,1,")), String.join("\n", fig1));
        assertTrue(Files.isDirectory(dir.resolve("fallback-1/runs")), "the fallback round is a sweep of its own");
        for (String row : fig1.subList(1, fig1.size())) {
            String[] c = row.split(","); // learner,n,seed,lr,weight_decay,fallbacks,steps,...
            assertEquals("1", c[2], row);
            if (c[5].equals("0")) assertEquals(chosen.get(c[0] + "," + c[1]), c[3], row);
            else assertEquals("0.5", c[3], row); // the fallback from η = 1e4
            assertEquals("200", c[6], row);
        }
        // the written spec of the chosen runs is a spec like any other: each point is its learner at its η
        List<SweepPoint> runs = SpecParser.parse(dir.resolve("runs/sweep.toml")).points(false);
        assertEquals(chosen.size(), runs.size());
        for (SweepPoint p : runs) {
            RunConfig c = p.config(dir);
            String key = All19Learner.of(c).key + "," + c.data().n();
            assertEquals(chosen.get(key), All19Tuning.number(c.optimizer().lr()), p.name());
            RunResult r = RunResult.read(dir.resolve("runs/runs").resolve(p.name()), System.err);
            assertTrue(r.state() == PointState.DONE || r.state() == PointState.DIVERGED, p.name());
        }
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.matches("(?s).*\\d+ of " + chosen.size() + " reported runs failed to train.*"), table);
        assertTrue(table.contains("| 3-layer (NTK) |"), table);
        assertEquals("1e4", chosen.get("3layer,100"));
        assertTrue(table.contains(" | 1e4, 0 |"), "the choices show tuning's choice, not the fallback: " + table);
        assertTrue(SvgCheck.checkAll(dir) > 1, "fig1.svg and the runs' plots, well-formed with their data beside");
        // the exact learners: one row each, their own table rows, a λ of the grid, and the run's own evaluation of
        // the solution agreeing with the ridge predictions
        List<String> exact = withoutRunIds(dir, "exact.csv");
        assertEquals(1 + 4 * 2, exact.size());
        for (String row : exact.subList(1, exact.size())) {
            String[] c = row.split(","); // learner,n,seed,solved_in,parameters,lambda,validation_mse,...
            assertTrue(c[0].endsWith("-exact"), row);
            double test = Double.parseDouble(c[10]), ridge = Double.parseDouble(c[11]);
            assertEquals(ridge, test, 1e-3 * ridge + 1e-6, row);
        }
        for (String label : List.of("3-layer (last, exact)", "2-layer (last, exact)", "3-layer (NTK, exact)",
                "2-layer (NTK, exact)")) {
            assertTrue(table.contains("| " + label + " |"), table);
        }

        // the folder moves: the specs the command wrote name no path, so a rerun elsewhere resumes it
        Path moved = tmp.resolve("moved");
        Files.move(dir, moved);
        dir = moved;
        args[5] = dir.toString();
        Outcome again = relulab(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("24 finished before, 0 to run"), again.err());
        assertTrue(again.err().contains("8 finished before, 0 to run"), again.err());
        assertFalse(again.err().contains("to run (0 failed before") && !again.err().contains(" 0 to run"),
                again.err());
        assertEquals(tuning, withoutRunIds(dir, "tuning.csv"));
        assertEquals(fig1, withoutRunIds(dir, "fig1.csv"));
        assertEquals(exact, withoutRunIds(dir, "exact.csv"));
        assertTrue(StrictCsv.checkAll(dir) > 3 + 24 + 8, "the tables, the sweeps' points and runs' metrics");
        StrictCsv.pandasReads(dir);
    }

    /**
     * The lines of CSV {@code file} in {@code dir} without their first column, run_id, which must name a run folder
     * under {@code dir}.
     */
    private static List<String> withoutRunIds(Path dir, String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file)), rest = new java.util.ArrayList<>();
        assertTrue(lines.get(0).startsWith("run_id,"), lines.get(0));
        for (String line : lines) {
            String runId = line.substring(0, line.indexOf(','));
            if (!rest.isEmpty()) assertTrue(Files.isRegularFile(dir.resolve(runId).resolve("manifest.json")), line);
            rest.add(line.substring(runId.length() + 1));
        }
        return rest;
    }

    @Test
    void exactRefusesANetworkNotLinearInItsTrainedWeightsInOneLine() {
        Outcome o = relulab("train", "--teacher", "fig1", "--network", "all19-2", "--trained", "all", "--m", "8",
                "--n", "50", "--optimizer", "exact", "--steps", "1", "--log-every", "1", "--out",
                tmp.resolve("r").toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("--optimizer exact solves a learner linear in its trained weights: expected "
                + "--network ntk-2 or ntk-3, or all19-2 or all19-3 with --trained last (got --network all19-2 "
                + "--trained all)"), o.err());
    }

    @Test
    void aRunFailsWhenItDivergesOrEndsNoBetterThanPredictingZero() {
        assertTrue(All19Experiment.failed(result(PointState.DIVERGED, Double.NaN), 31));
        assertTrue(All19Experiment.failed(result(PointState.DONE, 3.4e6), 31));
        assertTrue(All19Experiment.failed(result(PointState.DONE, 31), 31));
        assertFalse(All19Experiment.failed(result(PointState.DONE, 27.7), 31));
        assertTrue(Double.isNaN(All19Experiment.score(result(PointState.DONE, 31), 31)));
        assertEquals(29, All19Experiment.score(result(PointState.DONE, 27.7), 31));
    }

    private static RunResult result(PointState state, double trainLoss) {
        return new RunResult(state, Map.of("final_train_loss", trainLoss, "final_test_loss", 29.0));
    }

    @Test
    void refusesRunsSpecsThatSetWhatTuningChooses() throws Exception {
        Path specs = specs();
        Files.writeString(specs.resolve("runs.toml"), BASE + "seed = [1]\nlr = [1, 2]\n");
        Outcome o = relulab("reproduce", "all19", "--specs", specs.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("relulab: reproduce all19: " + specs.resolve("runs.toml") + " sets lr: the reported runs take it "
                + "from the tuning (remove it from the spec)", o.err().strip());
        Files.writeString(specs.resolve("tuning.toml"), BASE.replace("\"fig1\"", "\"abs\"") + "seed = [1]\n");
        o = relulab("reproduce", "all19", "--specs", specs.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("expected --teacher fig1"), o.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }

    /** The rule ranks finite held-out errors, best first, equals in grid order; a NaN seed makes a point's NaN. */
    @Test
    void rankingIsByFiniteHeldOutErrorFirstOfEqualsFirst() {
        assertEquals(List.of(2, 1, 0, 3), box(All19Tuning.ranking(new double[] {3, 2, 1, 5})));
        assertEquals(List.of(1, 2),
                box(All19Tuning.ranking(new double[] {Double.NaN, 2, 2, Double.POSITIVE_INFINITY})));
        assertEquals(List.of(), box(All19Tuning.ranking(new double[] {Double.NaN, Double.NaN})));
        assertEquals(List.of(2, 0, 4, 1), box(All19Tuning.ranking(new double[] {3, 5, 1, Double.NaN, 3})));
        assertEquals(2, All19Tuning.heldOut(new double[] {1, 3}));
        assertTrue(Double.isNaN(All19Tuning.heldOut(new double[] {1, Double.NaN})));
        assertTrue(Double.isNaN(All19Tuning.heldOut(new double[0])));
        assertEquals("1e-4", All19Tuning.number(1e-4));
        assertEquals("0.25", All19Tuning.number(0.25));
        assertThrows(IllegalArgumentException.class, () -> All19Learner.of(RunConfig.defaults().out(tmp).build()));
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
