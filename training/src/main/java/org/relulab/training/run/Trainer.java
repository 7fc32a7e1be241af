package org.relulab.training.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.DataSource;
import org.relulab.training.data.Dataset;
import org.relulab.training.io.CheckpointFile;
import org.relulab.training.io.Npy;
import org.relulab.training.metrics.DoubleRows;
import org.relulab.training.metrics.HermiteTerms;
import org.relulab.training.metrics.ParameterRecovery;
import org.relulab.training.metrics.TeacherIdentification;
import org.relulab.training.model.AbsTeacher;
import org.relulab.training.model.All19Fig1Teacher;
import org.relulab.training.model.Learner;
import org.relulab.training.model.LearnerStep;
import org.relulab.training.model.LinearizedNetwork;
import org.relulab.training.model.LinearizedStep;
import org.relulab.training.model.ReluNetworkStep;
import org.relulab.training.model.ReluNetworkStudent;
import org.relulab.training.model.ThreeLayerConceptTeacher;
import org.relulab.training.model.TwoLayerConceptTeacher;
import org.relulab.training.model.OutputLayer;
import org.relulab.training.model.ReluTeacher;
import org.relulab.training.model.SignedReluTeacher;
import org.relulab.training.model.Teacher;
import org.relulab.training.model.TrainingStep;
import org.relulab.training.model.TwoLayerStudent;
import org.relulab.training.optim.ConicParticleGradientDescent;
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
        return run(cfg, progress, Provider.lookup(), DataSource.GENERATED);
    }

    /** As {@link #run(RunConfig, PrintStream)} on the given kernel provider (tests compare the two). */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider) throws IOException {
        return run(cfg, progress, provider, DataSource.GENERATED);
    }

    /** A run whose data sets come from {@code data}: generated from the teacher, or loaded from .npy files. */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider, DataSource data) throws IOException {
        return run(cfg, progress, provider, data, Checkpoints.NONE);
    }

    /**
     * Checkpointing of a run: every {@code every} steps (0: never) the trained blocks and the step count go to
     * {@code checkpoint.bin} in the output folder, atomically; {@code resume} continues a run from that file,
     * so that its metrics and final weights are bit-identical to a run that never stopped (same thread count).
     */
    public record Checkpoints(long every, boolean resume) {
        public static final Checkpoints NONE = new Checkpoints(0, false);

        public Checkpoints {
            if (every < 0) throw new IllegalArgumentException("--checkpoint-every " + every + ": expected 0 (never) or a positive step count");
        }
    }

    /** A run with checkpoints, or resumed from its last one. */
    public static Result run(RunConfig cfg, PrintStream progress, Provider provider, DataSource data, Checkpoints checkpoints)
            throws IOException {
        checkMemory(cfg);
        Path checkpointFile = cfg.out().resolve("checkpoint.bin");
        CheckpointFile resumeFrom = checkpoints.resume() ? CheckpointFile.read(checkpointFile) : null;
        if (resumeFrom != null) CheckpointFile.deleteTornWrites(checkpointFile); // the writes a kill cut short
        Instant started = Instant.now();
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(provider, cfg.threads())) {
            Teacher teacher = teacher(ws, cfg);
            Dataset train = data.load(ws, k, teacher, cfg.n(), false, cfg.seed() + 1, cfg.inputs());
            Dataset test = data.load(ws, k, teacher, cfg.testN(), true, cfg.seed() + 3, cfg.inputs());
            Files.createDirectories(cfg.out()); // only now: a run refused for its data leaves nothing behind
            if (data.save()) DataSource.saveAll(cfg.out(), train, test);
            int rows = Math.min(cfg.batch(), cfg.n()), evalRows = Evaluation.rowsFor(Math.max(cfg.n(), cfg.testN()));
            TwoLayerStudent student = null; // the LMZ20/ZYWG19 student, whose metrics and truncated GD need its type
            Learner learner;
            LearnerStep step, evalStep;
            if (cfg.network().equals("two-layer")) {
                student = new TwoLayerStudent(ws, cfg.m(), cfg.d(), cfg.activation(), cfg.output());
                cfg.init().apply(k, student, cfg.initScale(), cfg.seed() + 5, train.x(), train.y());
                learner = student;
                step = new TrainingStep(ws, student, rows);
                evalStep = new TrainingStep(ws, student, evalRows);
            } else if (cfg.network().startsWith("ntk-")) { // ALL19's network linearized at its initialization
                LinearizedNetwork lin = cfg.network().equals("ntk-2")
                        ? LinearizedNetwork.twoLayer(ws, cfg.d(), cfg.m(), cfg.trained())
                        : LinearizedNetwork.threeLayer(ws, cfg.d(), cfg.m(), cfg.m2(), cfg.trained());
                lin.initialize(k, cfg.seed() + 5, cfg.outputStd());
                learner = lin;
                step = new LinearizedStep(ws, lin, rows);
                evalStep = new LinearizedStep(ws, lin, evalRows);
            } else {
                ReluNetworkStudent net = cfg.network().equals("all19-2")
                        ? ReluNetworkStudent.twoLayer(ws, cfg.d(), cfg.m(), cfg.trained())
                        : ReluNetworkStudent.threeLayer(ws, cfg.d(), cfg.m(), cfg.m2(), cfg.trained());
                net.initialize(k, cfg.seed() + 5, cfg.outputStd());
                learner = net;
                step = new ReluNetworkStep(ws, net, rows);
                evalStep = new ReluNetworkStep(ws, net, evalRows);
            }
            Batches batches = new Batches(ws, train, cfg.batch(), cfg.seed() + 6);
            Evaluation trainEval = new Evaluation(ws, train), testEval = new Evaluation(ws, test);
            TruncatedGradientDescent truncated = cfg.optimizer().equals("truncated")
                    ? new TruncatedGradientDescent(ws, cfg.m(), cfg.lr(), cfg.lambda0(), cfg.lambda1(), cfg.stage1Steps())
                    : null;
            Optimizer optimizer = truncated != null ? truncated : cfg.optimizer().equals("as21")
                    ? new ConicParticleGradientDescent(ws, cfg.m(), cfg.lr(), cfg.regLambda())
                    : new GradientDescent(cfg.lr(), cfg.weightDecay(), cfg.lrSchedule(), cfg.steps());
            long start = 0;
            double secondsBefore = 0;
            if (resumeFrom != null) {
                for (int i = 0; i < learner.blocks(); i++) resumeFrom.restore(i, learner.blockName(i), learner.block(i));
                start = resumeFrom.step();
                secondsBefore = resumeFrom.seconds();
                batches.skipTo(start);
            }
            Map<String, Object> manifest = Manifest.of(cfg, k, teacher, optimizer, started);
            manifest.put("data", data.dir() == null ? "generated from the teacher and the seeds"
                    : "loaded from " + data.dir().toAbsolutePath().normalize() + " (x_train, y_train, x_test, y_test .npy)");
            manifest.put("data_dir", data.dir() == null ? "" : data.dir().toAbsolutePath().normalize().toString());
            manifest.put("save_data", data.save());
            manifest.put("checkpoint_every", checkpoints.every());
            if (resumeFrom != null) manifest.put("resumed_at_step", start);
            Manifest.write(cfg.out(), manifest);

            // Metrics beyond the losses: LMZ20's Hermite terms (abs teacher, norm-tied student), ZYWG19's
            // parameter recovery (relu teacher, at least K student neurons), truncated GD's frozen neurons, AS21's
            // identification of the signed-relu teacher by a two-layer ReLU student.
            boolean hermite = teacher instanceof AbsTeacher && student != null && cfg.output() == OutputLayer.TIED;
            boolean recovery = teacher instanceof ReluTeacher && student != null && cfg.m() >= cfg.teacherNeurons();
            boolean identification = teacher instanceof SignedReluTeacher && student != null && cfg.activation() == Activation.RELU;
            List<String> extras = new ArrayList<>();
            if (truncated != null) extras.add("frozen");
            if (hermite) extras.addAll(List.of("hermite_0", "hermite_2", "hermite_4", "hermite_6"));
            if (recovery) extras.add("recovery_error");
            if (identification) extras.addAll(TeacherIdentification.columns(cfg.teacherNeurons()));
            MetricsLog log = new MetricsLog(cfg.out().resolve("metrics.csv"), extras, resumeFrom != null ? start : -1);
            Progress bar = new Progress(progress, cfg.steps());
            long t0 = System.nanoTime();
            double trainLoss = Double.NaN, testLoss = Double.NaN;
            long done = start;
            boolean diverged = false;
            try (log) {
                for (long t = start; t <= cfg.steps(); t++) {
                    if (checkpoints.every() > 0 && t > start && t % checkpoints.every() == 0 && t < cfg.steps()
                            && nonFiniteBlock(k, learner) == null) { // a diverged state never replaces the last good one
                        writeCheckpoint(checkpointFile, t, secondsBefore + (System.nanoTime() - t0) / 1e9, learner);
                    }
                    boolean logNow = t % cfg.logEvery() == 0 || t == cfg.steps();
                    if (logNow) {
                        trainLoss = trainEval.mse(k, evalStep);
                        testLoss = testEval.mse(k, evalStep);
                        double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                        boolean finite = Double.isFinite(trainLoss) && Double.isFinite(testLoss);
                        double[] values = finite ? extraMetrics(extras.size(), truncated, evalStep, student, teacher, hermite, recovery,
                                identification, t)
                                : nans(extras.size()); // the weights are no longer finite: the metrics would throw
                        log.row(t, (double) t / batches.stepsPerEpoch(), trainLoss, testLoss, cfg.d(), seconds, values);
                        bar.line(t, trainLoss, testLoss, cfg.d(), seconds);
                        if (!finite) {
                            diverged = true;
                            String bad = nonFiniteBlock(k, learner);
                            progress.printf(Locale.ROOT, "relulab: the loss became %s at step %d%s: the run diverged; "
                                    + "try a smaller --lr (now %s)%s%n", trainLoss, t, bad == null ? "" : " (student " + bad + " is not finite)",
                                    cfg.lr(), checkpoints.every() == 0 ? ""
                                            : Files.exists(checkpointFile) ? "; the last good checkpoint is kept in " + checkpointFile
                                            : "; it diverged before its first checkpoint");
                            break;
                        }
                    }
                    if (t == cfg.steps()) break;
                    batches.load(k, t);
                    step.forward(k, batches.x(), batches.y());
                    step.backward(k, batches.x());
                    optimizer.update(k, learner, step, t);
                    done = t + 1;
                }
            }
            double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
            String title = teacher.describe() + "; " + learner.describe() + ", " + cfg.optimizer();
            log.plot(cfg.out(), title);
            saveWeights(cfg.out(), learner, teacher);
            manifest.put("result", Map.of("steps_done", done, "train_loss", trainLoss, "test_loss", testLoss,
                    "seconds", seconds, "steps_per_second", done / Math.max(seconds, 1e-9), "diverged", diverged));
            if (!diverged) Files.deleteIfExists(checkpointFile); // the run is complete: its weights are saved above
            Manifest.write(cfg.out(), manifest);
            return new Result(cfg.out(), done, trainLoss, testLoss, seconds, diverged);
        }
    }

    /**
     * The extra metrics of a log row, in the order of their columns: frozen neurons, Hermite terms, recovery
     * error, identification. Logging steps only, so allocation is fine; the evaluation pass just left the neuron
     * norms in evalStep.
     */
    private static double[] extraMetrics(int count, TruncatedGradientDescent truncated, LearnerStep evalStep,
                                         TwoLayerStudent student, Teacher teacher, boolean hermite, boolean recovery,
                                         boolean identification, long t) {
        double[] values = new double[count];
        int v = 0;
        if (truncated != null) values[v++] = truncated.frozen((TrainingStep) evalStep, student.m, t);
        if (hermite) {
            double[] terms = HermiteTerms.of(student, (AbsTeacher) teacher).terms(6);
            for (int order = 0; order <= 6; order += 2) values[v++] = terms[order];
        }
        if (recovery) values[v++] = ParameterRecovery.relativeError(DoubleRows.of(student.w), DoubleRows.of(teacher.weights()));
        if (identification) {
            double[] id = TeacherIdentification.of(student, (SignedReluTeacher) teacher).values();
            System.arraycopy(id, 0, values, v, id.length);
        }
        return values;
    }

    /** The name of the first trained block holding NaN or an infinity, or null. O(parameters), no allocation. */
    static String nonFiniteBlock(Kernels k, Learner learner) {
        for (int i = 0; i < learner.blocks(); i++) if (!Float.isFinite(k.sumOfSquares(learner.block(i)))) return learner.blockName(i);
        return null;
    }

    private static void writeCheckpoint(Path file, long step, double seconds, Learner learner) throws IOException {
        List<String> names = new ArrayList<>();
        List<org.relulab.core.Matrix> blocks = new ArrayList<>();
        for (int i = 0; i < learner.blocks(); i++) {
            names.add(learner.blockName(i));
            blocks.add(learner.block(i));
        }
        CheckpointFile.write(file, step, seconds, names, blocks);
    }

    private static double[] nans(int count) {
        double[] values = new double[count];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
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

    /** metrics.csv, one row per logged step, flushed as it goes so a long run can be watched; and its plots. */
    static final class MetricsLog implements AutoCloseable {
        private final BufferedWriter w;
        private final List<String> extras;
        private final List<double[]> rows = new ArrayList<>(); // step, train, test, extras... (log steps only)

        /**
         * A new metrics.csv, or (resumeAt ≥ 0) the existing one cut to its rows before step resumeAt, which the
         * resumed run writes again, and appended to.
         */
        MetricsLog(Path file, List<String> extras, long resumeAt) throws IOException {
            this.extras = extras;
            String header = "step,epoch,train_loss,test_loss,test_loss_x_d" + (extras.isEmpty() ? "" : "," + String.join(",", extras)) + ",seconds";
            StringBuilder kept = new StringBuilder(header).append('\n');
            if (resumeAt >= 0) {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty() || !lines.get(0).equals(header)) {
                    throw new IOException(file + ": header '" + (lines.isEmpty() ? "" : lines.get(0)) + "', expected '" + header + "'");
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",");
                    if (cells.length != header.split(",").length || Long.parseLong(cells[0]) >= resumeAt) break; // a torn last line too
                    kept.append(line).append('\n');
                    double[] r = new double[3 + extras.size()];
                    r[0] = Double.parseDouble(cells[0]);
                    r[1] = Double.parseDouble(cells[2]);
                    r[2] = Double.parseDouble(cells[3]);
                    for (int e = 0; e < extras.size(); e++) r[3 + e] = Double.parseDouble(cells[5 + e]);
                    rows.add(r);
                }
            }
            Files.writeString(file, kept);
            w = Files.newBufferedWriter(file, java.nio.file.StandardOpenOption.APPEND);
        }

        void row(long step, double epoch, double train, double test, int d, double seconds, double[] values) throws IOException {
            double[] r = new double[3 + values.length];
            r[0] = step;
            r[1] = train;
            r[2] = test;
            System.arraycopy(values, 0, r, 3, values.length);
            rows.add(r);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d,%.6g,%.9g,%.9g,%.9g", step, epoch, train, test, test * d));
            for (double v : values) {
                sb.append(',').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.9g", v));
            }
            w.write(sb.append(String.format(Locale.ROOT, ",%.3f%n", seconds)).toString());
            w.flush();
        }

        /** loss.svg, and hermite.svg, recovery.svg or identification.svg when those columns are logged; log y against the step. */
        void plot(Path dir, String title) throws IOException {
            double[] x = column(0);
            Files.writeString(dir.resolve("loss.svg"), new LinePlot(title, "step", "mean squared error", false)
                    .add("train loss", x, column(1)).add("test loss", x, column(2)).svg());
            if (extras.contains("hermite_0")) {
                LinePlot p = new LinePlot("LMZ20 Hermite terms of the population loss: " + title, "step", "term", false);
                for (int order = 0; order <= 6; order += 2) p.add("order " + order, x, column(3 + extras.indexOf("hermite_" + order)));
                Files.writeString(dir.resolve("hermite.svg"), p.svg());
            }
            if (extras.contains("recovery_error")) {
                Files.writeString(dir.resolve("recovery.svg"), new LinePlot("Parameter recovery: " + title, "step",
                        "|W - W*|_F / |W*|_F (best matching)", false).add("recovery error", x, column(3 + extras.indexOf("recovery_error"))).svg());
            }
            if (extras.contains("identification_error")) {
                Files.writeString(dir.resolve("identification.svg"), new LinePlot("AS21 teacher identification: " + title, "step",
                        "relative mass error; degrees", false)
                        .add("identification error E", x, column(3 + extras.indexOf("identification_error")))
                        .add("mass outside the 10° cones", x, column(3 + extras.indexOf("mass_outside")))
                        .add("max angle to a heavy neuron (°)", x, column(3 + extras.indexOf("max_angle_deg"))).svg());
            }
        }

        private double[] column(int c) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) v[i] = rows.get(i)[c];
            return v;
        }

        @Override
        public void close() throws IOException { w.close(); }
    }

    /**
     * The final weights as NumPy .npy files: student_w (m × d) and, trainable, student_a (1 × m) for the two-layer
     * student; student_W, student_b1, (student_V, student_b2,) student_a for ALL19's networks (θ for the
     * linearized ones), trained or not;
     * teacher_w and teacher_a when the teacher has neurons.
     */
    static void saveWeights(Path dir, Learner learner, Teacher teacher) throws IOException {
        if (learner instanceof TwoLayerStudent s) {
            Npy.write(dir.resolve("student_w.npy"), s.w);
            if (s.output.trainable()) Npy.write(dir.resolve("student_a.npy"), s.a);
        } else if (learner instanceof ReluNetworkStudent || learner instanceof LinearizedNetwork) {
            ReluNetworkStudent net = learner instanceof LinearizedNetwork lin ? lin.network() : (ReluNetworkStudent) learner;
            for (int l = 1; l <= net.hiddenLayers(); l++) {
                Npy.write(dir.resolve("student_" + (l == 1 ? "W" : "V") + ".npy"), net.weights(l));
                Npy.write(dir.resolve("student_b" + l + ".npy"), net.bias(l));
            }
            Npy.write(dir.resolve("student_a.npy"), net.a);
        }
        if (teacher.weights().rows() > 0) Npy.write(dir.resolve("teacher_w.npy"), teacher.weights());
        if (teacher instanceof AbsTeacher abs) Npy.write(dir.resolve("teacher_a.npy"), abs.outputWeights());
        if (teacher instanceof SignedReluTeacher signed) Npy.write(dir.resolve("teacher_a.npy"), signed.outputWeights());
    }

    /** The teacher the configuration names; its random parts come from the seed. */
    static Teacher teacher(Workspace ws, RunConfig cfg) {
        return switch (cfg.teacher()) {
            case "abs" -> new AbsTeacher(ws, cfg.d(), cfg.orthogonal(), cfg.kappa(), cfg.seed());
            case "relu" -> new ReluTeacher(ws, cfg.d(), cfg.teacherNeurons(), cfg.kappa(), cfg.noise(), cfg.seed());
            case "signed-relu" -> new SignedReluTeacher(ws, cfg.d(), cfg.teacherNeurons(), cfg.kappa(), cfg.seed());
            case "fig1" -> new All19Fig1Teacher(ws);
            case "concept2" -> TwoLayerConceptTeacher.random(ws, cfg.d(), cfg.terms(), cfg.seed());
            case "concept3" -> ThreeLayerConceptTeacher.random(ws, cfg.d(), cfg.terms(), cfg.seed());
            default -> throw new IllegalArgumentException("--teacher " + cfg.teacher() + ": expected abs, relu, signed-relu, fig1, concept2 or concept3");
        };
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
