package org.relulab.training.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.relulab.core.Kernels;
import org.relulab.core.Workspace;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.optim.LearningRateSchedule;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.Trainer;
import org.relulab.training.teacher.All19Fig1Teacher;

/**
 * {@code relulab reproduce all19}: ALL19's Fig. 1, test error against the number of training samples N for six
 * learners ({@link All19Learner}) on F*(x) = (sin 3x₁ + sin 3x₂ + sin 3x₃ − 2)² · cos 7x₄, x uniform on the unit
 * sphere of ℝ⁴, noiseless labels, squared loss, SGD with mini-batches of 50, weight decay and (the full and quick
 * plans) a cosine learning-rate decay to 0 over the run.
 *
 * <p>For each learner and N, first the tuning runs: one run per (η, λ) of the plan's grid and tuning seed, on that
 * seed's training set, scored by the MSE on that seed's own test set (held out: no reported run sees it); the point
 * with the least mean held-out MSE over the tuning seeds is chosen, among those that trained ({@link #failed}) on every
 * one (a step
 * size at the edge of stability that diverges on one seed is not chosen). Then the reported runs: the chosen (η, λ) on
 * each seed's fresh training and
 * test sets; a reported run that fails to train ({@link #failed}: SGD diverged, or its final training MSE is no better
 * than predicting 0; seen on the training data, as a user would see it) is rerun at the next point of the held-out
 * ranking, and fig1.csv counts these fallbacks. Test errors are summed up by their median over the
 * seeds, since constant-step SGD ends some runs inside a loss spike. Every run has its folder (tuning/… and runs/…);
 * tuning.csv, fig1.csv, table.md and fig1.svg sum up.
 *
 * <p>The runs are independent, so {@code workers} of them go at once, each on one GEMM thread (a batch of 50 on a
 * network of this size is too small to split): the results do not depend on the number of workers.
 */
public final class All19Experiment implements Experiment {
    static final String[] SUMMARY_FILES = {"tuning.csv", "fig1.csv", "table.md", "fig1.svg"};
    /** a_i ~ N(0, 1) at the start, relulab's default (the NTK parameterization's output layer). */
    static final double OUTPUT_STD = 1;

    /** One training run of the reproduction: a learner, N, a grid point (η, λ) and a seed, with its folder. */
    record Job(All19Learner learner, int nIndex, int point, long seed, String name) {}

    @Override
    public String name() {
        return "all19";
    }

    @Override
    public String help() {
        return """
              reproduce all19 [--quick] [--out DIR] [--threads T]
                         ALL19 Fig. 1: test MSE against N for the 3- and 2-layer networks, their last layer
                         only and their NTK linearizations, eta and weight decay tuned on held-out data; T runs
                         at once, one thread each; about 8 minutes on 2 cores, --quick about 30 s
                         [out: results/reproduce/all19(-quick)]
            """;
    }

    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        run(s.out(), s.quick() ? All19Plan.quick() : All19Plan.full(), s.threadsOr(Kernels.defaultThreads()), out);
    }

    /** Runs the plan's tuning and reported runs into {@code dir} and writes the summaries. */
    static void run(Path dir, All19Plan plan, int workers, PrintStream out) throws IOException {
        List<Job> tuning = tuningJobs(plan);
        requireFreshOutput(dir, plan, tuning);
        long t0 = System.nanoTime();
        double meanSquare = targetMeanSquare();
        String setting = setting(plan, meanSquare);
        out.println("reproduce all19: " + setting);
        out.printf(Locale.ROOT, "reproduce all19: tuning %s on seeds %s: %d runs, %d at a time%n", plan.describeGrid(),
                Arrays.toString(plan.tuningSeeds()), tuning.size(), workers);
        Tuning tuned = tune(dir, plan, runAll(tuning, plan, dir, workers, out, "tuning"), meanSquare);

        List<Job> jobs = reportedJobs(plan, tuned.chosen());
        out.printf(Locale.ROOT, "reproduce all19: %d reported runs (seeds %s) with the chosen η, λ%n", jobs.size(),
                Arrays.toString(plan.seeds()));
        Reported reported = new Reported(jobs, runAll(jobs, plan, dir, workers, out, "run"), new int[jobs.size()]);
        fallbackRounds(dir, plan, workers, out, reported, tuned.ranking(), meanSquare);
        summarize(dir, plan, workers, out, setting, meanSquare, t0, tuned.chosen(), reported);
    }

    /** What tuning chose for each learner and N: the held-out ranking of the grid points, and its first (−1: none). */
    private record Tuning(int[][][] ranking, int[][] chosen) {}

    /** The reported runs in order, their results and fallback counts; the fallback rounds update them in place. */
    private record Reported(List<Job> jobs, Trainer.Result[] results, int[] fallbacks) {}

    /** The plan's tuning runs: by learner, then N, grid point and tuning seed. */
    private static List<Job> tuningJobs(All19Plan plan) {
        List<Job> tuning = new ArrayList<>();
        for (All19Learner l : All19Learner.values()) {
            for (int j = 0; j < plan.ns().length; j++) {
                for (int p = 0; p < plan.gridPoints(); p++) {
                    for (int t : plan.tuningSeeds()) {
                        tuning.add(new Job(l, j, p, t, String.format(Locale.ROOT, "tuning/%s-n%d-lr%s-wd%s-s%d", l.key,
                                plan.ns()[j], All19Plan.number(plan.lr(p)), All19Plan.number(plan.weightDecay(p)), t)));
                    }
                }
            }
        }
        return tuning;
    }

    /** Fails unless every run folder is new or empty and no summary file exists yet, before anything runs. */
    private static void requireFreshOutput(Path dir, All19Plan plan, List<Job> tuning) throws IOException {
        for (Job job : tuning) OutputFolder.requireNewOrEmpty(dir.resolve(job.name));
        for (All19Learner l : All19Learner.values()) {
            for (int n : plan.ns()) {
                for (int s : plan.seeds()) OutputFolder.requireNewOrEmpty(dir.resolve(finalName(l, n, s)));
            }
        }
        OutputFolder.requireAbsent(dir, List.of(SUMMARY_FILES));
    }

    /** The one-line description of the setting, printed first and repeated in table.md. */
    private static String setting(All19Plan plan, double meanSquare) {
        String schedule = plan.schedule() == LearningRateSchedule.CONSTANT
                ? "constant η"
                : "η decaying to 0 (" + plan.schedule().key() + ")";
        return String.format(Locale.ROOT, "ALL19 Fig. 1 target on the unit sphere of R^4 (E[F*²] ≈ %.1f); "
                + "SGD, batch %d, %s; widths: 3-layer m1 = m2 = %d, 2-layer m = %d; steps max(%d, %d epochs); "
                + "test n = %d", meanSquare, All19Plan.BATCH, schedule, plan.width3(), plan.width2(), plan.minSteps(),
                plan.epochs(), plan.testN());
    }

    /** Scores and ranks the grid points of each learner and N by held-out MSE, chooses, and writes tuning.csv. */
    private static Tuning tune(Path dir, All19Plan plan, Trainer.Result[] tuned, double meanSquare) throws IOException {
        All19Learner[] learners = All19Learner.values();
        int[][][] ranking = new int[learners.length][plan.ns().length][];
        int[][] chosen = new int[learners.length][plan.ns().length];
        StringBuilder tuningCsv = new StringBuilder(
                "learner,n,lr,weight_decay,seed,steps,heldout_mse,train_mse,diverged,failed,mean_heldout_mse,chosen\n");
        int seedsPerPoint = plan.tuningSeeds().length;
        for (int l = 0; l < learners.length; l++) {
            for (int j = 0; j < plan.ns().length; j++) {
                double[] heldOut = new double[plan.gridPoints()];
                int first = (l * plan.ns().length + j) * plan.gridPoints() * seedsPerPoint;
                for (int p = 0; p < heldOut.length; p++) {
                    double[] perSeed = new double[seedsPerPoint];
                    for (int t = 0; t < seedsPerPoint; t++) {
                        perSeed[t] = score(tuned[first + p * seedsPerPoint + t], meanSquare);
                    }
                    heldOut[p] = All19Plan.heldOut(perSeed);
                }
                ranking[l][j] = All19Plan.ranking(heldOut);
                chosen[l][j] = ranking[l][j].length == 0 ? -1 : ranking[l][j][0];
                for (int p = 0; p < heldOut.length; p++) {
                    for (int t = 0; t < seedsPerPoint; t++) {
                        Trainer.Result r = tuned[first + p * seedsPerPoint + t];
                        tuningCsv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%d,%.6g,%.6g,%s,%s,%.6g,%s%n",
                                learners[l].key, plan.ns()[j], All19Plan.number(plan.lr(p)),
                                All19Plan.number(plan.weightDecay(p)), plan.tuningSeeds()[t], plan.steps(plan.ns()[j]),
                                r.testLoss(), r.trainLoss(), r.diverged(), failed(r, meanSquare), heldOut[p],
                                p == chosen[l][j]));
                    }
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tuning.csv"), tuningCsv);
        return new Tuning(ranking, chosen);
    }

    /** The reported runs: each seed at the chosen point of each learner and N that has one. */
    private static List<Job> reportedJobs(All19Plan plan, int[][] chosen) {
        All19Learner[] learners = All19Learner.values();
        List<Job> reported = new ArrayList<>();
        for (int l = 0; l < learners.length; l++) {
            for (int j = 0; j < plan.ns().length; j++) {
                if (chosen[l][j] < 0) continue; // every grid point diverged: nothing to report
                for (int s : plan.seeds()) {
                    reported.add(new Job(learners[l], j, chosen[l][j], s, finalName(learners[l], plan.ns()[j], s)));
                }
            }
        }
        return reported;
    }

    /** Reruns each failed reported run at the next point of its ranking, round after round, while any fails. */
    private static void fallbackRounds(Path dir, All19Plan plan, int workers, PrintStream out, Reported reported,
            int[][][] ranking, double meanSquare) throws IOException {
        List<Job> jobs = reported.jobs();
        Trainer.Result[] results = reported.results();
        int[] fallbacks = reported.fallbacks();
        // SGD that diverges on its training set is rerun at the next point of the ranking
        for (int round = 1;; round++) {
            List<Integer> retry = new ArrayList<>();
            List<Job> again = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                int[] rank = ranking[job.learner.ordinal()][job.nIndex];
                if (failed(results[i], meanSquare) && fallbacks[i] == round - 1 && round < rank.length) {
                    retry.add(i);
                    again.add(new Job(job.learner, job.nIndex, rank[round], job.seed,
                            finalName(job.learner, plan.ns()[job.nIndex], (int) job.seed) + "-fallback" + round));
                }
            }
            if (again.isEmpty()) break;
            out.printf(Locale.ROOT, "reproduce all19: %d run%s failed; rerun at the next (η, λ) of the ranking%n",
                    again.size(), again.size() == 1 ? "" : "s");
            Trainer.Result[] rerun = runAll(again, plan, dir, workers, out, "fallback " + round);
            for (int k = 0; k < retry.size(); k++) {
                jobs.set(retry.get(k), again.get(k));
                results[retry.get(k)] = rerun[k];
                fallbacks[retry.get(k)] = round;
            }
        }
    }

    /** Writes fig1.csv, table.md and fig1.svg, and prints the table. */
    private static void summarize(Path dir, All19Plan plan, int workers, PrintStream out, String setting,
            double meanSquare, long t0, int[][] chosen, Reported reported) throws IOException {
        List<All19Learner> learners = List.of(All19Learner.values());
        String csv = fig1Csv(plan, reported, meanSquare);
        All19Table.Cell[][] cells = cells(plan, reported, meanSquare);
        LinePlot plot = new LinePlot(String.format(Locale.ROOT,
                "ALL19 Fig. 1: test MSE against N (median over %d seed%s; E[F*²] ≈ %.0f)", plan.seeds().length,
                plan.seeds().length == 1 ? "" : "s", meanSquare), "training samples N", "test MSE", true);
        double[] ns = Arrays.stream(plan.ns()).asDoubleStream().toArray();
        for (int l = 0; l < learners.size(); l++) {
            double[] medians = new double[ns.length];
            for (int j = 0; j < ns.length; j++) medians[j] = cells[l][j].median();
            plot.add(learners.get(l).label, ns, medians);
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        int fellBack = (int) Arrays.stream(reported.fallbacks()).filter(f -> f > 0).count();
        String table = "# ALL19 Fig. 1 reproduced: test MSE against N\n\n" + setting + ".\n\n"
                + String.format(Locale.ROOT, "Tuned over %s by the mean held-out MSE of seeds %s (a point must train "
                        + "on each); reported: seeds %s; %d worker%s, %.1f minutes.%n%n", plan.describeGrid(),
                        Arrays.toString(plan.tuningSeeds()), Arrays.toString(plan.seeds()), workers,
                        workers == 1 ? "" : "s", minutes)
                + String.format(Locale.ROOT, "%d of %d reported runs failed to train at the chosen (η, λ) (diverged, "
                        + "or ended no better than predicting 0) and were rerun at the next point of the held-out "
                        + "ranking (fig1.csv, column fallbacks).%n%n", fellBack, reported.jobs().size())
                + "Test MSE (median, and min–max over the seeds):\n\n" + All19Table.errors(learners, plan.ns(), cells)
                + "\nChosen learning rate η and weight decay λ:\n\n" + All19Table.choices(learners, plan, chosen);
        Files.writeString(dir.resolve("fig1.csv"), csv);
        Files.writeString(dir.resolve("table.md"), table);
        Files.writeString(dir.resolve("fig1.svg"), plot.svg());
        out.println();
        out.print(table);
        out.println("\nresults in " + dir);
    }

    /** fig1.csv: one row per reported run, in the runs' order. */
    private static String fig1Csv(All19Plan plan, Reported reported, double meanSquare) {
        StringBuilder csv = new StringBuilder(
                "learner,n,seed,lr,weight_decay,fallbacks,steps,epochs,train_mse,test_mse,diverged,failed,seconds\n");
        for (int i = 0; i < reported.jobs().size(); i++) {
            Job job = reported.jobs().get(i);
            Trainer.Result r = reported.results()[i];
            int n = plan.ns()[job.nIndex];
            long steps = plan.steps(n);
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%d,%d,%.4g,%.6g,%.6g,%s,%s,%.2f%n", job.learner.key,
                    n, job.seed, All19Plan.number(plan.lr(job.point)), All19Plan.number(plan.weightDecay(job.point)),
                    reported.fallbacks()[i], steps, steps * (double) All19Plan.BATCH / n, r.trainLoss(), r.testLoss(),
                    r.diverged(), failed(r, meanSquare), r.seconds()));
        }
        return csv.toString();
    }

    /** The test errors of the reported runs of each learner and N, in the runs' order, as table cells. */
    private static All19Table.Cell[][] cells(All19Plan plan, Reported reported, double meanSquare) {
        All19Learner[] learners = All19Learner.values();
        double[][][] errors = new double[learners.length][plan.ns().length][0];
        for (int i = 0; i < reported.jobs().size(); i++) {
            Job job = reported.jobs().get(i);
            double[] e = errors[job.learner.ordinal()][job.nIndex];
            e = Arrays.copyOf(e, e.length + 1);
            e[e.length - 1] = score(reported.results()[i], meanSquare);
            errors[job.learner.ordinal()][job.nIndex] = e;
        }
        All19Table.Cell[][] cells = new All19Table.Cell[learners.length][plan.ns().length];
        for (int l = 0; l < learners.length; l++) {
            for (int j = 0; j < plan.ns().length; j++) cells[l][j] = All19Table.Cell.of(errors[l][j]);
        }
        return cells;
    }

    static String finalName(All19Learner learner, int n, int seed) {
        return String.format(Locale.ROOT, "runs/%s-n%d-s%d", learner.key, n, seed);
    }

    /**
     * Whether a run failed to train: SGD diverged (a NaN or infinity), or it ended with a training MSE no better than
     * predicting 0 ({@code meanSquare} = E[F*²]), as a run that blew up to a large finite loss does. Both show on the
     * training data, as they would to a user.
     */
    static boolean failed(Trainer.Result r, double meanSquare) {
        return r.diverged() || !(r.trainLoss() < meanSquare);
    }

    /** A run's final test MSE, or NaN when it failed to train. */
    private static double score(Trainer.Result r, double meanSquare) {
        return failed(r, meanSquare) ? Double.NaN : r.testLoss();
    }

    static RunConfig config(All19Plan plan, Job job, Path out) {
        int n = plan.ns()[job.nIndex], width = plan.width(job.learner);
        long steps = plan.steps(n);
        // fig1's defaults: d = 4, inputs on the unit sphere
        return RunConfig.defaults().teacher(TeacherKind.FIG1).n(n).testN(plan.testN()).network(job.learner.network)
                .m(width).m2(width).trained(job.learner.trained).outputStd(OUTPUT_STD).optimizer(OptimizerKind.SGD)
                .lr(plan.lr(job.point)).batch(All19Plan.BATCH).weightDecay(plan.weightDecay(job.point))
                .lrSchedule(plan.schedule()).steps(steps).logEvery(steps / 4).seed(job.seed).threads(1).out(out)
                .build();
    }

    /**
     * Runs the jobs, {@code workers} at a time, one line each on {@code out} as they finish; the results in the
     * jobs' order. A run that throws stops the others and is rethrown.
     */
    private static Trainer.Result[] runAll(List<Job> jobs, All19Plan plan, Path dir, int workers, PrintStream out,
            String what)
            throws IOException {
        // each run's progress lines and divergence note
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Trainer.Result>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    Trainer.Result r = Trainer.run(config(plan, job, dir.resolve(job.name)), quiet);
                    synchronized (out) {
                        out.printf(Locale.ROOT,
                                "  %s %d/%d %s N = %d, η = %s, λ = %s, seed %d: test MSE %s%s (%.1f s)%n", what,
                                done.incrementAndGet(), jobs.size(), job.learner.label, plan.ns()[job.nIndex],
                                All19Plan.number(plan.lr(job.point)), All19Plan.number(plan.weightDecay(job.point)),
                                job.seed,
                                All19Table.value(r.testLoss()), r.diverged() ? " (diverged)" : "", r.seconds());
                    }
                    return r;
                }));
            }
            Trainer.Result[] results = new Trainer.Result[jobs.size()];
            for (int i = 0; i < results.length; i++) results[i] = futures.get(i).get();
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reproduce all19: interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("reproduce all19: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
