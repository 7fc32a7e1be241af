package org.relulab.training.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.CheckpointFile;
import org.relulab.training.machine.MemoryLimits;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.Learner;

/**
 * Runs one teacher–student experiment from a {@link RunConfig}: {@link RunFactory} builds the run once, then the loop
 * takes {@code steps} gradient steps (allocation-free), logging a metrics row every {@code logEvery} steps to
 * metrics.csv ({@link MetricsCsv}) and a progress line to {@code progress}, and checkpointing when asked.
 * manifest.json ({@link Manifest}) records the options that apply, the command that reproduces the run, its status
 * and the environment.
 */
public final class Trainer {
    /** What a finished run reports. */
    public record Result(Path out, long steps, double trainLoss, double testLoss, double seconds, boolean diverged) {}

    /**
     * Checkpointing of a run: every {@code every} steps (0: never) the trained blocks and the step count go to
     * {@code checkpoint.bin} in the output folder, atomically; {@code resume} continues a run from that file,
     * so that its metrics and final weights are bit-identical to a run that never stopped (same thread count), once
     * it has checked that the checkpoint, the configuration and metrics.csv agree.
     */
    public record Checkpoints(long every, boolean resume) {
        public static final Checkpoints NONE = new Checkpoints(0, false);

        public Checkpoints {
            if (every < 0)
                throw new IllegalArgumentException(
                        "--checkpoint-every " + every + ": expected 0 (never) or a positive step count");
        }
    }

    /** Where the loop stands: the step reached, the last losses, whether it diverged. */
    record Outcome(long done, double trainLoss, double testLoss, boolean diverged) {}

    /** The checkpoint's name in the run folder. */
    private static final String CHECKPOINT = "checkpoint.bin";

    private Trainer() {}

    public static Result run(RunConfig cfg, PrintStream progress) throws IOException {
        return run(cfg, progress, Provider.lookup(), DataSource.GENERATED);
    }

    /** As {@link #run(RunConfig, PrintStream)} on the given kernel provider (tests compare the two). */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider) throws IOException {
        return run(cfg, progress, provider, DataSource.GENERATED);
    }

    /** A run whose data sets come from {@code data}: generated from the teacher, or loaded from .npy files. */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider, DataSource data)
            throws IOException {
        return run(cfg, progress, provider, data, Checkpoints.NONE);
    }

    /**
     * A run with checkpoints, or resumed from its last one; a caller that may share the run folder holds its
     * {@link RunLock}. A resumed run checks its checkpoint ({@link ResumeCheck}) and its metrics.csv
     * ({@link MetricsCsv#kept}) against its configuration before it writes or deletes anything, and refuses a
     * disagreement with an {@link IllegalArgumentException} naming the file.
     */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider, DataSource data,
            Checkpoints checkpoints)
            throws IOException {
        requireFits(cfg, provider, checkpoints);
        Path checkpointFile = cfg.out().resolve(CHECKPOINT);
        CheckpointFile resumeFrom = checkpoints.resume()
                ? ResumeCheck.checkpoint(cfg, data, checkpointFile, checkpoints.every())
                : null;
        Instant started = Instant.now();
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(provider, cfg.threads())) {
            AssembledRun run = RunFactory.assemble(cfg, ws, k, data);
            Path metrics = cfg.out().resolve("metrics.csv");
            MetricsCsv.Kept kept = resumeFrom == null ? null : restore(run, resumeFrom, metrics);
            if (resumeFrom != null) CheckpointFile.deleteTornWrites(checkpointFile); // the writes a kill cut short
            long start = resumeFrom == null ? 0 : resumeFrom.step();
            double secondsBefore = resumeFrom == null ? 0 : resumeFrom.seconds();
            Map<String, Object> manifest = Manifest.of(cfg, k, run.teacher(), run.optimizer(), started, data,
                    checkpoints.every(), resumeFrom != null ? start : -1);
            Manifest.write(cfg.out(), manifest);
            long t0 = System.nanoTime();
            Outcome o;
            try (MetricsCsv.Writer log = new MetricsCsv.Writer(metrics, run.metricColumns(), kept)) {
                o = cfg.optimizer().kind() == OptimizerKind.EXACT
                        ? ExactRun.solve(run, k, log, progress, manifest, t0)
                        : loop(run, k, log, progress, checkpoints, ResumeCheck.recorded(cfg, data), checkpointFile,
                                start, secondsBefore, t0);
                plot(cfg.out(), run, log);
            }
            double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
            run.learner().saveWeights(cfg.out());
            run.teacher().saveWeights(cfg.out());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("steps_done", o.done);
            result.put("train_loss", o.trainLoss);
            result.put("test_loss", o.testLoss);
            result.put("seconds", seconds);
            result.put("steps_per_second", o.done / Math.max(seconds, 1e-9));
            result.put("diverged", o.diverged);
            result.put("weights_finite", nonFiniteBlock(k, run.learner()) == null);
            Manifest.finish(manifest, o.diverged ? Manifest.Status.DIVERGED : Manifest.Status.DONE, result);
            if (!o.diverged) Files.deleteIfExists(checkpointFile); // the run is complete: its weights are saved above
            Manifest.write(cfg.out(), manifest);
            return new Result(cfg.out(), o.done, o.trainLoss, o.testLoss, seconds, o.diverged);
        }
    }

    /**
     * Refuses, with an {@link IllegalArgumentException}, a run whose memory this machine cannot hold; {@link #run}
     * checks it first, and so does a caller that locks the run folder before (the lock creates the folder).
     */
    public static void requireFits(RunConfig cfg, Provider provider, Checkpoints checkpoints) {
        MemoryEstimate.of(cfg, provider, checkpoints.every() > 0 || checkpoints.resume()).check(MemoryLimits.current());
    }

    /**
     * Restores the learner from the checkpoint and moves the batches to its step; returns the metrics rows the
     * resumed run keeps, checked. Writes nothing.
     */
    private static MetricsCsv.Kept restore(AssembledRun run, CheckpointFile from, Path metrics) throws IOException {
        Learner learner = run.learner();
        if (from.names().size() != learner.blocks()) {
            throw new IllegalArgumentException(run.config().out().resolve(CHECKPOINT) + " holds " + from.names().size()
                    + " blocks (expected " + learner.blocks() + ": a checkpoint of another run configuration?)");
        }
        for (int i = 0; i < learner.blocks(); i++) from.restore(i, learner.blockName(i), learner.block(i));
        run.batches().skipTo(from.step());
        RunConfig cfg = run.config();
        return MetricsCsv.kept(metrics, run.metricColumns(), from.step(), cfg.logEvery(), cfg.steps());
    }

    /** The steps from {@code start}: checkpoint, log, step; stops at the last step or at the first non-finite loss. */
    private static Outcome loop(AssembledRun run, Kernels k, MetricsCsv.Writer log, PrintStream progress,
            Checkpoints checkpoints, Map<String, String> recorded, Path checkpointFile, long start,
            double secondsBefore,
            long t0)
            throws IOException {
        RunConfig cfg = run.config();
        Learner learner = run.learner();
        Progress bar = new Progress(progress, cfg.steps());
        int extras = run.metricColumns().size();
        double trainLoss = Double.NaN, testLoss = Double.NaN;
        long done = start;
        for (long t = start; t <= cfg.steps(); t++) {
            if (checkpoints.every() > 0 && t > start && t % checkpoints.every() == 0 && t < cfg.steps()
                    && nonFiniteBlock(k, learner) == null) { // a diverged state never replaces the last good one
                writeCheckpoint(checkpointFile, t, secondsBefore + (System.nanoTime() - t0) / 1e9,
                        recorded, learner);
            }
            if (t % cfg.logEvery() == 0 || t == cfg.steps()) {
                trainLoss = run.trainEval().mse(k, run.evalStep());
                testLoss = run.testEval().mse(k, run.evalStep());
                double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                boolean finite = Double.isFinite(trainLoss) && Double.isFinite(testLoss);
                // the weights are no longer finite: the metrics would throw
                double[] values = finite ? run.metricValues(t, extras) : nans(extras);
                log.row(t, (double) t / run.batches().stepsPerEpoch(), trainLoss, testLoss, cfg.data().d(), seconds,
                        values);
                bar.line(t, trainLoss, testLoss, cfg.data().d(), seconds);
                if (!finite) {
                    reportDivergence(progress, k, learner, cfg, checkpoints, checkpointFile, trainLoss, testLoss, t);
                    return new Outcome(done, trainLoss, testLoss, true);
                }
            }
            if (t == cfg.steps()) break;
            run.batches().load(k, t);
            run.step().forward(k, run.batches().x(), run.batches().y());
            run.step().backward(k, run.batches().x());
            run.optimizer().update(k, learner, run.step(), t);
            done = t + 1;
        }
        return new Outcome(done, trainLoss, testLoss, false);
    }

    private static void reportDivergence(PrintStream progress, Kernels k, Learner learner, RunConfig cfg,
            Checkpoints checkpoints, Path checkpointFile, double trainLoss, double testLoss, long t) {
        String bad = nonFiniteBlock(k, learner);
        // name the loss that is not finite: the test loss can overflow while the train loss is still finite
        String loss = Double.isFinite(trainLoss) ? "test loss became " + testLoss : "loss became " + trainLoss;
        progress.printf(Locale.ROOT, "relulab: the %s at step %d%s: the run diverged; "
                + "try a smaller --lr (now %s)%s%n", loss, t,
                bad == null ? "" : " (student " + bad + " is not finite)",
                cfg.optimizer().lr(), checkpoints.every() == 0
                        ? ""
                        : Files.exists(checkpointFile)
                                ? "; the last good checkpoint is kept in " + checkpointFile
                                : "; it diverged before its first checkpoint");
    }

    /** loss.svg, and each metric's own plot; log y against the step. */
    private static void plot(Path dir, AssembledRun run, MetricsCsv.Writer log) throws IOException {
        String title = run.teacher().describe() + "; " + run.learner().describe() + ", "
                + run.config().optimizer().kind().key();
        double[] x = log.steps();
        new LinePlot(title, "step", "mean squared error", false).add("train loss", x, log.column("train_loss"))
                .add("test loss", x, log.column("test_loss")).write(dir.resolve("loss.svg"));
        for (LoggedMetric m : run.metrics()) m.plot(dir, title, x, log::column);
    }

    /** The name of the first trained block holding NaN or an infinity, or null. O(parameters), no allocation. */
    static String nonFiniteBlock(Kernels k, Learner learner) {
        for (int i = 0; i < learner.blocks(); i++)
            if (!Float.isFinite(k.sumOfSquares(learner.block(i)))) return learner.blockName(i);
        return null;
    }

    private static void writeCheckpoint(Path file, long step, double seconds, Map<String, String> options,
            Learner learner) throws IOException {
        List<String> names = new ArrayList<>();
        List<Matrix> blocks = new ArrayList<>();
        for (int i = 0; i < learner.blocks(); i++) {
            names.add(learner.blockName(i));
            blocks.add(learner.block(i));
        }
        CheckpointFile.write(file, step, seconds, options, names, blocks);
    }

    private static double[] nans(int count) {
        double[] values = new double[count];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
