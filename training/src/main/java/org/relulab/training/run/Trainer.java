package org.relulab.training.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.model.AbsTeacher;
import org.relulab.training.model.ReluTeacher;
import org.relulab.training.model.Teacher;
import org.relulab.training.model.TrainingStep;
import org.relulab.training.model.TwoLayerStudent;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.optim.TruncatedGradientDescent;

/**
 * Runs one teacher–student experiment from a {@link RunConfig}: builds the teacher, the data sets, the
 * student and every buffer once, then takes {@code steps} gradient steps (allocation-free), logging a
 * metrics row every {@code logEvery} steps to {@code metrics.csv} and a progress line to {@code progress}.
 * {@code manifest.json} records every resolved option and the environment.
 *
 * <p>Seeds: the teacher uses seed, the training set seed + 1 (its label noise seed + 2), the test set
 * seed + 3 (noise seed + 4), the initialization seed + 5, the mini-batch order seed + 6 and seed + 7.
 */
public final class Trainer {
    /** What a finished run reports. */
    public record Result(Path out, long steps, double trainLoss, double testLoss, double seconds, boolean diverged) {}

    private Trainer() {}

    public static Result run(RunConfig cfg, PrintStream progress) throws IOException {
        return run(cfg, progress, Provider.lookup());
    }

    /** As {@link #run(RunConfig, PrintStream)} on the given kernel provider (tests compare the two). */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider) throws IOException {
        checkMemory(cfg);
        Files.createDirectories(cfg.out());
        Instant started = Instant.now();
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(provider, cfg.threads())) {
            Teacher teacher = cfg.teacher().equals("abs")
                    ? new AbsTeacher(ws, cfg.d(), cfg.orthogonal(), cfg.kappa(), cfg.seed())
                    : new ReluTeacher(ws, cfg.d(), cfg.teacherNeurons(), cfg.kappa(), cfg.noise(), cfg.seed());
            Dataset train = Dataset.generate(ws, k, teacher, cfg.n(), cfg.seed() + 1);
            Dataset test = Dataset.generate(ws, k, teacher, cfg.testN(), cfg.seed() + 3);
            TwoLayerStudent student = new TwoLayerStudent(ws, cfg.m(), cfg.d(), cfg.activation(), cfg.output());
            cfg.init().apply(k, student, cfg.initScale(), cfg.seed() + 5);
            Batches batches = new Batches(ws, train, cfg.batch(), cfg.seed() + 6);
            TrainingStep step = new TrainingStep(ws, student, Math.min(cfg.batch(), cfg.n()));
            TrainingStep evalStep = Evaluation.stepFor(ws, student, Math.max(cfg.n(), cfg.testN()));
            Evaluation trainEval = new Evaluation(ws, train), testEval = new Evaluation(ws, test);
            TruncatedGradientDescent truncated = cfg.optimizer().equals("truncated")
                    ? new TruncatedGradientDescent(ws, cfg.m(), cfg.lr(), cfg.lambda0(), cfg.lambda1(), cfg.stage1Steps())
                    : null;
            Optimizer optimizer = truncated != null ? truncated : new GradientDescent(cfg.lr());
            Map<String, Object> manifest = Manifest.of(cfg, k, teacher, optimizer, started);
            Manifest.write(cfg.out(), manifest);

            MetricsLog log = new MetricsLog(cfg.out().resolve("metrics.csv"), truncated != null);
            Progress bar = new Progress(progress, cfg.steps());
            long t0 = System.nanoTime();
            double trainLoss = Double.NaN, testLoss = Double.NaN;
            long done = 0;
            boolean diverged = false;
            try (log) {
                for (long t = 0; t <= cfg.steps(); t++) {
                    boolean logNow = t % cfg.logEvery() == 0 || t == cfg.steps();
                    if (logNow) {
                        trainLoss = trainEval.mse(k, evalStep);
                        testLoss = testEval.mse(k, evalStep);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        // The evaluation pass just computed the current neuron norms in evalStep.
                        int frozen = truncated == null ? 0 : truncated.frozen(evalStep, student.m, t);
                        log.row(t, (double) t / batches.stepsPerEpoch(), trainLoss, testLoss, cfg.d(), frozen, seconds);
                        bar.line(t, trainLoss, testLoss, cfg.d(), seconds);
                        if (!Double.isFinite(trainLoss) || !Double.isFinite(testLoss)) {
                            diverged = true;
                            progress.printf(Locale.ROOT, "relulab: the loss became %s at step %d: the run diverged; "
                                    + "try a smaller --lr (now %s)%n", trainLoss, t, cfg.lr());
                            break;
                        }
                    }
                    if (t == cfg.steps()) break;
                    batches.load(k, t);
                    step.forward(k, batches.x(), batches.y());
                    step.backward(k, batches.x());
                    optimizer.update(k, student, step, t);
                    done = t + 1;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.plot(cfg.out().resolve("loss.svg"), teacher.describe() + "; m = " + cfg.m() + ", " + cfg.optimizer());
            manifest.put("result", Map.of("steps_done", done, "train_loss", trainLoss, "test_loss", testLoss,
                    "seconds", seconds, "steps_per_second", done / Math.max(seconds, 1e-9), "diverged", diverged));
            Manifest.write(cfg.out(), manifest);
            return new Result(cfg.out(), done, trainLoss, testLoss, seconds, diverged);
        }
    }

    /** Refuses, before allocating, a run that would need more memory than this machine has. */
    static void checkMemory(RunConfig cfg) {
        long need = cfg.memoryBytes();
        long have = physicalMemory();
        if (have > 0 && need > have * 0.8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "this run needs about %.1f GB of memory but the machine has %.1f GB (expected at most 80%%): "
                            + "lower --n, --test-n, --m or --batch", need / 1e9, have / 1e9));
        }
    }

    private static long physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    /** metrics.csv, one row per logged step, flushed as it goes so a long run can be watched. */
    static final class MetricsLog implements AutoCloseable {
        private final BufferedWriter w;
        private final boolean frozen;

        MetricsLog(Path file, boolean frozen) throws IOException {
            this.frozen = frozen;
            w = Files.newBufferedWriter(file);
            w.write("step,epoch,train_loss,test_loss,test_loss_x_d" + (frozen ? ",frozen" : "") + ",seconds\n");
        }

        private final java.util.List<double[]> rows = new java.util.ArrayList<>(); // step, train, test (log steps only)

        void row(long step, double epoch, double train, double test, int d, int frozenCount, double seconds) throws IOException {
            rows.add(new double[] {step, train, test});
            w.write(String.format(Locale.ROOT, "%d,%.6g,%.9g,%.9g,%.9g%s,%.3f%n", step, epoch, train, test, test * d,
                    frozen ? "," + frozenCount : "", seconds));
            w.flush();
        }

        /** loss.svg: train and test loss against the step, log y. */
        void plot(Path file, String title) throws IOException {
            double[] x = new double[rows.size()], train = new double[rows.size()], test = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i)[0];
                train[i] = rows.get(i)[1];
                test[i] = rows.get(i)[2];
            }
            String svg = new LinePlot(title, "step", "mean squared error", false)
                    .add("train loss", x, train).add("test loss", x, test).svg();
            Files.writeString(file, svg);
        }

        @Override
        public void close() throws IOException { w.close(); }
    }

    /** One progress line per log interval: step, losses, speed and time left. */
    static final class Progress {
        private final PrintStream out;
        private final long steps;

        Progress(PrintStream out, long steps) {
            this.out = out;
            this.steps = steps;
        }

        void line(long t, double train, double test, int d, double seconds) {
            double rate = t / Math.max(seconds, 1e-9);
            String eta = t == 0 ? "?" : clock((steps - t) / rate);
            out.printf(Locale.ROOT, "step %" + Long.toString(steps).length() + "d/%d  train %.3e  test %.3e  test*d %.3e"
                    + "  %7.0f steps/s  ETA %s%n", t, steps, train, test, test * d, t == 0 ? 0.0 : rate, eta);
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
