package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relulab.training.experiment.ReproduceFixture.relulab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.config.RunConfig;
import org.relulab.training.experiment.ReproduceFixture.Outcome;
import org.relulab.training.io.StrictCsv;
import org.relulab.training.plot.SvgCheck;
import org.relulab.training.run.Trainer;
import org.relulab.training.sweep.SpecParser;
import org.relulab.training.sweep.SweepPoint;

/**
 * reproduce runs its presets through the sweep runner: every shipped spec parses and its runs build, a reproduction
 * of edited tiny specs ({@code --specs DIR}) writes the sweeps and the report, its numbers are those of train for
 * the same options, and rerunning the command skips the finished points and writes the same report.
 */
class PresetRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void everyPresetSpecParsesAndEveryRunBuilds() {
        int specs = 0;
        for (Experiment e : Experiments.ALL) {
            if (!(e instanceof SweepExperiment s)) continue;
            for (boolean quick : new boolean[] {false, true}) {
                for (String sweep : s.sweeps()) {
                    PresetSpecs spec = PresetSpecs.read(e.name(), quick, sweep, null);
                    assertEquals(Path.of("sweeps/presets", e.name() + (quick ? "-quick" : ""), sweep + ".toml"),
                            spec.label());
                    List<SweepPoint> points = SpecParser.parse(new String(spec.bytes(), StandardCharsets.UTF_8),
                            spec.label().toString()).points(false);
                    assertFalse(points.isEmpty(), spec.label().toString());
                    for (SweepPoint p : points) s.requireReportable(p.config(tmp));
                    specs++;
                }
            }
        }
        assertEquals(2 * (1 + 2 + 3 + 1), specs, "lmz20, zywg19, as21 and beyond-ntk, full and quick");
        for (boolean quick : new boolean[] {false, true}) {
            for (String sweep : List.of(All19Experiment.TUNING, All19Experiment.RUNS)) {
                PresetSpecs spec = PresetSpecs.read("all19", quick, sweep, null);
                List<SweepPoint> points = SpecParser.parse(new String(spec.bytes(), StandardCharsets.UTF_8),
                        spec.label().toString()).points(false);
                assertEquals((quick ? 8 * 3 : 8 * 6) * (sweep.equals("runs") ? (quick ? 1 : 5) : (quick ? 6 : 24)),
                        points.size(), spec.label().toString());
                for (SweepPoint p : points) {
                    All19Experiment.requireLearner(p.config(tmp));
                    assertEquals(sweep.equals("tuning"), p.options().containsKey("lr"), p.name());
                }
            }
            // the exact learners: the four convex ones, on the reported runs' seeds (the NTK ones to N = 10 000)
            PresetSpecs spec = PresetSpecs.read("all19", quick, All19Experiment.EXACT, null);
            List<SweepPoint> points = SpecParser.parse(new String(spec.bytes(), StandardCharsets.UTF_8),
                    spec.label().toString()).points(false);
            assertEquals(quick ? 4 * 3 : (2 * 6 + 2 * 5) * 5, points.size(), spec.label().toString());
            for (SweepPoint p : points) All19Experiment.requireExactLearner(p.config(tmp));
        }
    }

    /**
     * Every committed reproduction was made from the preset as it is now: its sweeps' sweep.toml (the runner's byte
     * copy) equals the preset spec, so rerunning the command over the committed folder resumes it (a preset edited
     * without rerunning its results fails here).
     */
    @Test
    void committedReproductionsAreOfTheCurrentPresets() throws IOException {
        int checked = 0;
        for (Experiment e : Experiments.ALL) {
            List<String> sweeps = e instanceof SweepExperiment s
                    ? s.sweeps()
                    : List.of(All19Experiment.TUNING, All19Experiment.EXACT);
            for (String sweep : sweeps) {
                Path committed = Path.of("..", "results", "reproduce", e.name(), sweep, "sweep.toml");
                if (e.name().equals("all19"))
                    committed = Path.of("..", "results", "reproduce", "all19-cosine", sweep,
                            "sweep.toml");
                if (!Files.isRegularFile(committed)) continue;
                assertEquals(new String(PresetSpecs.read(e.name(), false, sweep, null).bytes(), StandardCharsets.UTF_8),
                        Files.readString(committed), committed.toString());
                checked++;
            }
        }
        assertEquals(1 + 2 + 3 + 1 + 2, checked,
                "lmz20, zywg19, as21, beyond-ntk and all19-cosine's tuning and exact");
    }

    /** The bundled copy is the repository's file, byte for byte. */
    @Test
    void theJarCarriesTheRepositorysSpecs() throws IOException {
        PresetSpecs spec = PresetSpecs.read("zywg19", false, "floor", null);
        assertEquals(Files.readString(Path.of("..").resolve(spec.label())),
                new String(spec.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void lmz20OfATinySpecReportsTrainsNumbersAndARerunSkipsEverything() throws IOException {
        Path specs = Files.createDirectories(tmp.resolve("specs")), out = tmp.resolve("out");
        Files.writeString(specs.resolve("fig1-fig2.toml"), """
                [base]
                d = 5
                n = 64
                test-n = 64
                steps = 40
                log-every = 5
                [axes]
                m = [8, 4]
                """);
        String[] args = {"reproduce", "lmz20", "--specs", specs.toString(), "--out", out.toString(), "--jobs", "2"};
        Outcome first = relulab(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("2 points in " + out.resolve("fig1-fig2") + ": 0 finished before, 2 to run"),
                first.err());
        List<String> lines = first.out().lines().filter(l -> l.startsWith("reproduce lmz20, m=")).toList();
        assertEquals(2, lines.size(), first.out());
        int i = 0;
        for (int m : new int[] {8, 4}) {
            Trainer.Result direct = Trainer.run(RunConfig.defaults().d(5).n(64).testN(64).steps(40).logEvery(5).m(m)
                    .threads(1).out(tmp.resolve("direct-" + m)).build(),
                    new PrintStream(OutputStream.nullOutputStream()));
            assertTrue(lines.get(i).contains("population loss"), lines.get(i));
            assertTrue(lines.get(i++).contains(String.format(Locale.ROOT, "test loss %.4e", direct.testLoss())),
                    first.out());
        }
        Outcome again = relulab(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("2 points in " + out.resolve("fig1-fig2") + ": 2 finished before, 0 to run"),
                again.err());
        assertEquals(lines, again.out().lines().filter(l -> l.startsWith("reproduce lmz20, m=")).toList());
        assertTrue(StrictCsv.checkAll(out) >= 3, "points.csv and each run's metrics.csv");
    }

    @Test
    void zywg19AndAs21OfTinySpecsWriteTheirReports() throws IOException, InterruptedException {
        Path specs = Files.createDirectories(tmp.resolve("specs")), out = tmp.resolve("zywg19");
        String relu = """
                [base]
                teacher = "relu"
                d = 6
                teacher-neurons = 3
                m = 3
                activation = "relu"
                output = "ones"
                lr = 0.5
                steps = 30
                log-every = 10
                """;
        Files.writeString(specs.resolve("convergence.toml"), relu + "n = 400\n[axes]\ninit = [\"tensor\", "
                + "\"gaussian\"]\nseed = [1]\n");
        Files.writeString(specs.resolve("floor.toml"), relu + "noise = 0.5\ninit = \"tensor\"\n[axes]\n"
                + "n = [200, 400, 800]\nseed = [1, 2]\n");
        Outcome z = relulab("reproduce", "zywg19", "--specs", specs.toString(), "--out", out.toString());
        assertEquals(0, z.code(), z.err());
        List<String> convergence = Files.readAllLines(out.resolve("convergence.csv"));
        assertEquals(List.of("run_id,init,seed,initial_error,final_error,first_step_below_1e-3,measured_rate,"
                + "predicted_rate"), convergence.subList(0, 1));
        assertTrue(convergence.get(1).startsWith("convergence/runs/init=tensor_seed=1,tensor,1,")
                && convergence.get(2).startsWith("convergence/runs/init=gaussian_seed=1,random,1,"),
                convergence.toString());
        assertTrue(convergence.get(2).contains(",,"), "the random init never gets below 1e-3 in 30 steps: empty, "
                + "not a word: " + convergence.get(2));
        List<String> floor = Files.readAllLines(out.resolve("floor.csv"));
        assertEquals(1 + 6, floor.size(), floor.toString());
        List<String> fit = Files.readAllLines(out.resolve("floor-fit.csv"));
        assertEquals(2, fit.size(), fit.toString());
        assertTrue(fit.get(1).startsWith("final_error,tensor-init-gd,n,6,") && fit.get(1).endsWith(",-0.5"),
                fit.get(1));
        for (String row : floor.subList(1, 7)) { // the Fisher prediction of each run's floor: positive, finite
            double predicted = Double.parseDouble(row.split(",")[6]);
            assertTrue(predicted > 0 && predicted < 10, row);
        }
        assertTrue(Files.readString(out.resolve("floor.svg")).contains("d = 6, K = 3"));
        assertTrue(SvgCheck.checkAll(out) > 2, "every plot, the runs' too, well-formed with its data beside it");
        assertTrue(Files.isDirectory(out.resolve("floor/runs/n=800_seed=2")));

        Path as21 = Files.createDirectories(tmp.resolve("as21specs")), out21 = tmp.resolve("as21");
        String signed = """
                [base]
                teacher = "signed-relu"
                d = 6
                teacher-neurons = 2
                n = 200
                test-n = 100
                optimizer = "as21"
                lr = 0.5
                steps = 40
                log-every = 10
                """;
        Files.writeString(as21.resolve("grid.toml"),
                signed + "seed = 1\n[axes]\nm = [2, 8]\nreg-lambda = [0, 0.003]\n");
        Files.writeString(as21.resolve("lambda.toml"), signed + "seed = 1\nm = 8\n[axes]\nreg-lambda = [0.01]\n");
        Files.writeString(as21.resolve("noisy.toml"),
                signed.replace("d = 6\n", "d = 6\nnoise = 0.3\nteacher-cosine = 0.4\n")
                        + "[axes]\nm = [2, 8]\nreg-lambda = [0, 0.01]\nseed = \"1..2\"\n");
        Outcome a = relulab("reproduce", "as21", "--specs", as21.toString(), "--out", out21.toString());
        assertEquals(0, a.code(), a.err());
        List<String> noisy = Files.readAllLines(out21.resolve("noisy.csv"));
        assertEquals(1 + 8, noisy.size(), noisy.toString());
        for (String row : noisy.subList(1, noisy.size())) { // ν and ρ as given; a positive, finite population loss
            String[] f = row.split(",");
            assertEquals(List.of("0.3", "0.4"), List.of(f[4], f[5]), row);
            assertTrue(Files.isDirectory(out21.resolve(f[0])), "run_id is the run's folder: " + row);
            double population = Double.parseDouble(f[16]);
            assertTrue(population > 0 && population < 10, row);
        }
        assertEquals(1 + 4, Files.readAllLines(out21.resolve("noisy-summary.csv")).size());
        List<String> theory = Files.readAllLines(out21.resolve("theory.csv"));
        assertEquals(1 + 4 + 1 + 4, theory.size(), theory.toString()); // grid, lambda, noisy: one row per m and λ
        assertTrue(theory.get(1).startsWith("grid,2,0,0.0,0.0,1,"), theory.get(1));
        assertTrue(Files.readString(out21.resolve("noisy-loss.svg")).contains("bias of λ (theory)"));
        List<String> summary = Files.readAllLines(out21.resolve("summary.csv"));
        assertEquals(1 + 4 + 1, summary.size(), summary.toString());
        List<String> lambdas = new ArrayList<>();
        for (String line : summary.subList(1, summary.size()))
            lambdas.add(line.split(",")[1] + "/" + line.split(",")[2]);
        assertEquals(List.of("2/0", "2/0.003", "8/0", "8/0.003", "8/0.01"), lambdas);
        assertTrue(StrictCsv.checkAll(out) >= 2 + 2 + 6, "zywg19's tables, its points.csv and its runs' metrics");
        assertTrue(StrictCsv.checkAll(out21) >= 4 + 3 + 13, "as21's tables, its points.csv and its runs' metrics");
        StrictCsv.pandasReads(out);
        StrictCsv.pandasReads(out21);
        assertTrue(Files.readString(out21.resolve("lambda.svg")).contains("m = 8, seed 1, 40 steps"));
        assertTrue(SvgCheck.checkAll(out21) > 6, "every plot, the runs' too, well-formed with its data beside it");
    }
}
