package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.relulab.core.Workspace;
import org.relulab.training.baseline.TangentRidge;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.failure.Failure;
import org.relulab.training.io.TextFile;
import org.relulab.training.optim.LearningRateSchedule;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.sweep.LocalSweep;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.sweep.SpecWriter;
import org.relulab.training.sweep.SweepFolder;
import org.relulab.training.sweep.SweepPoint;
import org.relulab.training.sweep.SweepSpec;
import org.relulab.training.teacher.All19Fig1Teacher;

/**
 * {@code relulab reproduce all19}: ALL19's Fig. 1, test error against the number of training samples N for the
 * learners ({@link All19Learner}) on F*(x) = (sin 3x₁ + sin 3x₂ + sin 3x₃ − 2)² · cos 7x₄, x uniform on the unit
 * sphere of ℝ⁴, noiseless labels, squared loss, SGD with mini-batches of 50, weight decay and a cosine learning-rate
 * decay to 0 over the run. Three preset specs, each run by the sweep runner:
 * <ol>
 * <li>{@code sweeps/presets/all19/tuning.toml}: one run per learner, N, grid point (η, λ) and tuning seed, scored by
 * the MSE on that seed's own test set (held out: no reported run sees it); for each learner and N the point with the
 * least mean held-out MSE over the tuning seeds is chosen, among those that trained ({@link #failed}) on every one (a
 * step size at the edge of stability that diverges on one seed is not chosen) → tuning.csv;</li>
 * <li>{@code runs.toml}: the reported runs, every option but η and λ. This command adds the chosen point to each and
 * runs the result, a spec that lists its points one by one ({@link SpecWriter}), in {@code --out DIR/runs}. A
 * reported run that fails to train (SGD diverged, or a final training MSE no better than predicting 0; seen on the
 * training data, as a user would see it) is rerun at the next point of the held-out ranking, round after round, in
 * {@code DIR/fallback-1}, {@code DIR/fallback-2}, ...; fig1.csv counts these fallbacks;</li>
 * <li>{@code exact.toml}: the last-layer and NTK learners solved exactly ({@code --optimizer exact}: ridge regression
 * on their tangent features, λ chosen on a held-out 20 % of each training set), on the seeds of runs.toml, so each
 * shares its data and initialization with the SGD run of the same learner, N and seed → exact.csv.</li>
 * </ol>
 * Test errors are summed up by their median over the seeds, since SGD ends some runs inside a loss spike; fig1.csv,
 * table.md and fig1.svg sum up. Every sweep resumes as {@code relulab sweep} does: the specs this command writes are
 * the same on a rerun (the runs are deterministic), so a rerun skips what finished.
 */
public final class All19Experiment implements Experiment {
    static final String TUNING = "tuning", RUNS = "runs", EXACT = "exact", FALLBACK = "fallback-";
    static final String[] SUMMARY_FILES = {"tuning.csv", "fig1.csv", "exact.csv", "table.md", "fig1.svg"};

    /** A reported run: its point of runs.toml, its learner and N, and how far down the ranking it had to go. */
    private record Reported(SweepPoint point, All19Tuning.Group group, int fallbacks, All19Tuning.Point chosen,
            PresetRuns.Run run) {}

    @Override
    public String name() {
        return "all19";
    }

    @Override
    public String help() {
        return """
              reproduce all19 [--quick] [--out DIR]
                         ALL19 Fig. 1: test MSE against N for the 3- and 2-layer networks, their last layer
                         only and their NTK linearizations, eta and weight decay tuned on held-out data; the
                         last-layer and NTK learners also solved exactly (--optimizer exact);
                         about 40 minutes on 2 shared cores, --quick about 10
                         [out: results/reproduce/all19(-quick)]
            """;
    }

    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        long t0 = System.nanoTime();
        PresetRunner.requireReproductionFolder(name(), s.out(), List.of(TUNING, RUNS, EXACT));
        new SweepFolder(s.out().resolve(RUNS)).requireNewEmptyOrSweep();
        PresetSpecs tuningSpec = PresetSpecs.read(name(), s.quick(), TUNING, s.specs()),
                runsSpec = PresetSpecs.read(name(), s.quick(), RUNS, s.specs()),
                exactSpec = PresetSpecs.read(name(), s.quick(), EXACT, s.specs());
        PresetRunner.Sweep tuning = PresetRunner.prepare(name(), tuningSpec, s.out().resolve(TUNING), s,
                All19Experiment::requireLearner);
        PresetRunner.Sweep exact = PresetRunner.prepare(name(), exactSpec, s.out().resolve(EXACT), s,
                All19Experiment::requireExactLearner);
        SweepSpec runs = LocalSweep.parse(runsSpec.label(), runsSpec.bytes());
        List<SweepPoint> reported = runs.points(false);
        for (SweepPoint p : reported) requireOpenChoice(runsSpec, p);
        double meanSquare = targetMeanSquare();
        List<PresetRuns.Run> tuningRuns = PresetRunner.run(tuning, out, err);
        All19Tuning tuned = new All19Tuning(s.out(), tuningRuns, meanSquare);
        TextFile.write(s.out().resolve("tuning.csv"), tuned.csv());

        List<Reported> results = new ArrayList<>();
        for (SweepPoint p : reported) {
            All19Tuning.Group g = All19Tuning.Group.of(p.config(s.out()));
            List<All19Tuning.Point> ranked = tuned.ranked(g);
            if (!ranked.isEmpty()) results.add(new Reported(p, g, 0, ranked.get(0), null)); // else nothing to report
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) todo.add(i);
        for (int round = 0; !todo.isEmpty(); round++) {
            if (round > 0) {
                out.printf(Locale.ROOT, "reproduce all19: %d run%s failed; rerun at the next (η, λ) of the ranking%n",
                        todo.size(), todo.size() == 1 ? "" : "s");
                for (int i : todo) {
                    Reported r = results.get(i);
                    results.set(i, new Reported(r.point, r.group, round, tuned.ranked(r.group).get(round), null));
                }
            }
            runRound(s, round, runsSpec, runs, results, todo, out, err);
            List<Integer> next = new ArrayList<>(); // failed, with a next point in the ranking
            for (int i : todo) {
                Reported r = results.get(i);
                if (failed(r.run.result(), meanSquare) && round + 1 < tuned.ranked(r.group).size()) next.add(i);
            }
            todo = next;
        }
        List<PresetRuns.Run> exactRuns = PresetRunner.run(exact, out, err);
        summarize(s, out, meanSquare, t0, tuningRuns, tuned, results, exactRuns);
    }

    /**
     * Runs the reported runs {@code todo} of one round (0: at the chosen points; then each fallback) as a sweep of a
     * spec written from runs.toml with each run's (η, λ), in {@code DIR/runs} or {@code DIR/fallback-ROUND}, and
     * stores their runs in {@code results}.
     */
    private void runRound(ExperimentSettings s, int round, PresetSpecs runsSpec, SweepSpec runs,
            List<Reported> results, List<Integer> todo, PrintStream out, PrintStream err) throws IOException {
        String name = round == 0 ? RUNS : FALLBACK + round;
        Path dir = s.out().resolve(name);
        List<Map<String, String>> points = new ArrayList<>();
        for (int i : todo) {
            Reported r = results.get(i);
            Map<String, String> options = new LinkedHashMap<>();
            for (String o : r.point.swept().keySet()) options.put(o, r.point.options().get(o));
            options.put("lr", SpecWriter.number(r.chosen.lr()));
            options.put("weight-decay", SpecWriter.number(r.chosen.weightDecay()));
            points.add(options);
        }
        // no paths but the folder's own name: the same spec on a rerun wherever the reproduction's folder now is
        List<String> comment = List.of("Written by relulab reproduce all19: the runs of "
                + runsSpec.label().getFileName() + (round == 0 ? "" : " that failed to train in round " + (round - 1))
                + ", each at the (lr, weight-decay)",
                (round == 0 ? "that tuning chose" : "next in tuning's ranking") + " for its learner and N (tuning.csv, "
                        + "one folder up). Rerun from there with: relulab sweep " + name + "/sweep.toml --out " + name);
        String text = SpecWriter.explicit(comment,
                runs.description() + (round == 0 ? "" : " (fallback round " + round + ")"), runs.base(), points);
        PresetSpecs spec = new PresetSpecs(dir.resolve("sweep.toml"), text.getBytes(StandardCharsets.UTF_8));
        List<PresetRuns.Run> done = PresetRunner.run(PresetRunner.prepare(name(), spec, dir, s, c -> {}), out, err);
        for (int k = 0; k < todo.size(); k++) {
            Reported r = results.get(todo.get(k));
            results.set(todo.get(k), new Reported(r.point, r.group, r.fallbacks, r.chosen, done.get(k)));
        }
    }

    /** An exact run must be one of the exact learners, on ALL19's target. */
    static void requireExactLearner(RunConfig c) {
        if (c.optimizer().kind() != OptimizerKind.EXACT) {
            throw new IllegalArgumentException(
                    "expected --optimizer exact, got --optimizer " + c.optimizer().kind().key());
        }
        All19Learner.of(c);
        requireTarget(c);
    }

    /** A tuning or reported run must be one of the learners, on ALL19's target, trained by SGD. */
    static void requireLearner(RunConfig c) {
        All19Learner.of(c);
        requireTarget(c);
        if (c.optimizer().kind() != OptimizerKind.SGD) {
            throw new IllegalArgumentException(
                    "expected --optimizer sgd, got --optimizer " + c.optimizer().kind().key());
        }
    }

    private static void requireTarget(RunConfig c) {
        if (c.teacher().kind() != TeacherKind.FIG1) {
            throw new IllegalArgumentException("expected --teacher fig1 (ALL19's target), got --teacher "
                    + c.teacher().kind().key());
        }
    }

    /** A reported run is one of the learners, and leaves η and λ to tuning. */
    private void requireOpenChoice(PresetSpecs spec, SweepPoint p) {
        for (String o : List.of("lr", "weight-decay")) {
            if (p.options().containsKey(o)) {
                throw Failure.usage("reproduce all19: " + spec.label() + " sets " + o + ": the reported runs take it "
                        + "from the tuning (remove it from the spec)");
            }
        }
        try {
            requireLearner(p.config(Path.of(p.name())));
        } catch (IllegalArgumentException e) {
            throw Failure.usage("reproduce all19: " + spec.label() + ", point " + p.name() + ": " + e.getMessage());
        }
    }

    /** Writes fig1.csv, table.md and fig1.svg, and prints the table. */
    private static void summarize(ExperimentSettings s, PrintStream out, double meanSquare, long t0,
            List<PresetRuns.Run> tuning, All19Tuning tuned, List<Reported> results, List<PresetRuns.Run> exact)
            throws IOException {
        List<All19Learner> learners = Arrays.stream(All19Learner.values())
                .filter(l -> tuning.stream().anyMatch(r -> All19Learner.of(r.config()) == l)
                        || exact.stream().anyMatch(r -> All19Learner.of(r.config()) == l))
                .toList();
        List<All19Exact> solved = new ArrayList<>();
        for (PresetRuns.Run r : exact) solved.add(All19Exact.of(s.out(), r));
        int[] ns = java.util.stream.IntStream.concat(results.stream().mapToInt(r -> r.group.n()),
                exact.stream().mapToInt(r -> r.config().data().n())).distinct().sorted().toArray();
        TreeSet<Long> seeds = new TreeSet<>();
        for (Reported r : results) seeds.add(r.run.config().seed());
        for (PresetRuns.Run r : exact) seeds.add(r.config().seed());
        All19Table.Cell[][] cells = cells(learners, ns, results, exact, meanSquare);
        LinePlot plot = new LinePlot(String.format(Locale.ROOT,
                "ALL19 Fig. 1: test MSE against N (median over %d seed%s, min–max band; E[F*²] ≈ %.0f)",
                seeds.size(), seeds.size() == 1 ? "" : "s", meanSquare), "training samples N", "test MSE", true);
        double[] x = Arrays.stream(ns).asDoubleStream().toArray();
        for (int l = 0; l < learners.size(); l++) {
            double[] medians = new double[ns.length], lo = new double[ns.length], hi = new double[ns.length];
            for (int j = 0; j < ns.length; j++) {
                medians[j] = cells[l][j].median();
                lo[j] = cells[l][j].min();
                hi[j] = cells[l][j].max();
            }
            plot.add(learners.get(l).label, x, medians).addBand(learners.get(l).label, x, lo, hi);
        }
        int fellBack = (int) results.stream().filter(r -> r.fallbacks > 0).count();
        TreeSet<Long> tuningSeeds = new TreeSet<>();
        for (PresetRuns.Run r : tuning) tuningSeeds.add(r.config().seed());
        String setting = setting(results, meanSquare);
        String table = "# ALL19 Fig. 1 reproduced: test MSE against N\n\n" + setting + ".\n\n"
                + String.format(Locale.ROOT, "Tuned over %s by the mean held-out MSE of seeds %s (a point must train "
                        + "on each); reported: seeds %s; %.1f minutes.%n%n", All19Tuning.describeGrid(tuning),
                        tuningSeeds, seeds, (System.nanoTime() - t0) / 60e9)
                + String.format(Locale.ROOT, "%d of %d reported runs failed to train at the chosen (η, λ) (diverged, "
                        + "or ended no better than predicting 0) and were rerun at the next point of the held-out "
                        + "ranking (fig1.csv, column fallbacks).%n%n", fellBack, results.size())
                + "Test MSE (median, and min–max over the seeds):\n\n" + All19Table.errors(learners, ns, cells)
                + "\nChosen learning rate η and weight decay λ (SGD):\n\n"
                + All19Table.choices(learners.stream().filter(l -> !l.exact).toList(), ns,
                        chosen(learners, ns, tuned))
                + "\nThe exact learners (\"exact\"): ridge regression of y − F(x; θ₀) on the tangent features at θ₀, "
                + "the initialization and data of the SGD run of the same seed, minimizing (1/n)Σ(F_lin − y)² + "
                + "λ‖θ − θ₀‖²; λ chosen on a held-out 20 % of the training set among "
                + TangentRidge.options().describeGrid() + " (0: the ridgeless limit), then refit on all of it "
                + "(exact.csv). Chosen λ (median over the seeds) and, in brackets, the held-out MSE at that λ "
                + "(median):\n\n" + All19Exact.table(learners.stream().filter(l -> l.exact).toList(), ns, solved);
        TextFile.write(s.out().resolve("fig1.csv"), fig1Csv(s.out(), results, meanSquare));
        TextFile.write(s.out().resolve("exact.csv"), All19Exact.csv(solved));
        TextFile.write(s.out().resolve("table.md"), table);
        plot.write(s.out().resolve("fig1.svg"));
        out.println();
        out.print(table);
        out.println("\nresults in " + s.out());
    }

    /** The one-line description of the setting, from the reported runs, printed first and repeated in table.md. */
    private static String setting(List<Reported> results, double meanSquare) {
        RunConfig c = results.isEmpty() ? null : results.get(0).run.config();
        if (c == null)
            return String.format(Locale.ROOT, "ALL19 Fig. 1 target (E[F*²] ≈ %.1f); no run trained", meanSquare);
        LearningRateSchedule schedule = c.optimizer().schedule();
        String widths = "", steps = results.stream().map(r -> Long.toString(r.run.config().steps())).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("");
        for (boolean three : new boolean[] {true, false}) {
            for (Reported r : results) {
                if (r.group.learner().threeLayers() != three) continue;
                widths += three
                        ? "3-layer m1 = " + r.run.config().student().m() + ", m2 = " + r.run.config().student().m2()
                        : (widths.isEmpty() ? "" : ", ") + "2-layer m = " + r.run.config().student().m();
                break;
            }
        }
        return String.format(Locale.ROOT, "ALL19 Fig. 1 target on the unit sphere of R^4 (E[F*²] ≈ %.1f); "
                + "SGD, batch %d, %s; widths: %s; %s steps; test n = %d", meanSquare, c.optimizer().batch(),
                schedule == LearningRateSchedule.CONSTANT ? "constant η" : "η decaying to 0 (" + schedule.key() + ")",
                widths, steps, c.data().testN());
    }

    /** fig1.csv: one row per reported run, in runs.toml's order. */
    private static String fig1Csv(Path top, List<Reported> results, double meanSquare) {
        StringBuilder csv = new StringBuilder(
                "run_id,learner,n,seed,lr,weight_decay,fallbacks,steps,epochs,train_mse,test_mse,diverged,failed,"
                        + "seconds\n");
        for (Reported r : results) {
            RunConfig c = r.run.config();
            RunResult res = r.run.result();
            int n = c.data().n();
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%d,%d,%.4g,%.6g,%.6g,%s,%s,%.2f%n",
                    PresetRuns.runId(top, r.run), r.group.learner().key, n, c.seed(), All19Tuning.number(r.chosen.lr()),
                    All19Tuning.number(r.chosen.weightDecay()), r.fallbacks, c.steps(),
                    c.steps() * (double) c.optimizer().batch() / n, res.finalTrainLoss(), res.finalTestLoss(),
                    res.diverged(), failed(res, meanSquare), res.seconds()));
        }
        return csv.toString();
    }

    /** The test errors of the reported runs of each learner and N, in the runs' order, as table cells. */
    private static All19Table.Cell[][] cells(List<All19Learner> learners, int[] ns, List<Reported> results,
            List<PresetRuns.Run> exact, double meanSquare) {
        All19Table.Cell[][] cells = new All19Table.Cell[learners.size()][ns.length];
        for (int l = 0; l < learners.size(); l++) {
            for (int j = 0; j < ns.length; j++) {
                final All19Tuning.Group g = new All19Tuning.Group(learners.get(l), ns[j]);
                cells[l][j] = All19Table.Cell.of(java.util.stream.DoubleStream.concat(
                        results.stream().filter(r -> r.group.equals(g))
                                .mapToDouble(r -> score(r.run.result(), meanSquare)),
                        exact.stream().filter(r -> All19Tuning.Group.of(r.config()).equals(g))
                                .mapToDouble(r -> score(r.result(), meanSquare)))
                        .toArray());
            }
        }
        return cells;
    }

    /** Each learner and N's chosen point, the first of its ranking; none where no point trained. */
    private static Map<All19Tuning.Group, All19Tuning.Point> chosen(List<All19Learner> learners, int[] ns,
            All19Tuning tuned) {
        Map<All19Tuning.Group, All19Tuning.Point> chosen = new LinkedHashMap<>();
        for (All19Learner l : learners) {
            for (int n : ns) {
                All19Tuning.Group g = new All19Tuning.Group(l, n);
                if (!tuned.ranked(g).isEmpty()) chosen.put(g, tuned.ranked(g).get(0));
            }
        }
        return chosen;
    }

    /**
     * Whether a run failed to train: SGD diverged (a NaN or infinity), or it ended with a training MSE no better than
     * predicting 0 ({@code meanSquare} = E[F*²]), as a run that blew up to a large finite loss does. Both show on the
     * training data, as they would to a user.
     */
    static boolean failed(RunResult r, double meanSquare) {
        return r.diverged() || !(r.finalTrainLoss() < meanSquare);
    }

    /** A run's final test MSE, or NaN when it failed to train. */
    static double score(RunResult r, double meanSquare) {
        return failed(r, meanSquare) ? Double.NaN : r.finalTestLoss();
    }

    /** E[F*(x)²] over x uniform on the sphere, by Monte Carlo (10⁶ points, fixed seed): the MSE of predicting 0. */
    static double targetMeanSquare() {
        try (Workspace ws = Workspace.confined()) { // holds only the teacher's 4 × 4 identity, for this call
            All19Fig1Teacher teacher = new All19Fig1Teacher(ws);
            SplittableRandom rnd = new SplittableRandom(19);
            double[] x = new double[4];
            double sum = 0;
            int points = 1_000_000;
            for (int i = 0; i < points; i++) {
                double norm = 0;
                for (int c = 0; c < 4; c++) {
                    x[c] = rnd.nextGaussian();
                    norm += x[c] * x[c];
                }
                norm = Math.sqrt(norm);
                for (int c = 0; c < 4; c++) x[c] /= norm;
                double f = teacher.value(x);
                sum += f * f;
            }
            return sum / points;
        }
    }
}
