package org.relulab.training.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.optim.LearningRateSchedule;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TrainedLayers;
import org.relulab.training.teacher.EquiangularDirections;

/**
 * Every option of a training run, resolved and validated. Built with {@link #defaults()}{@code .with…().build()}: a
 * call site names what it sets and the builder fills in the rest, each default written once, in
 * {@link Builder#build()}. Each option's range is checked by the record that holds it ({@link RunOption} has the
 * ranges); the rules that tie options together are checked here. A bad value throws {@link IllegalArgumentException}
 * whose message names the command-line option, the value and what was expected.
 *
 * @param teacher   the target function
 * @param data      the data sets
 * @param student   the learner
 * @param optimizer the update rule
 * @param steps     gradient steps
 * @param logEvery  steps between two metric rows
 * @param seed      the one seed every random stream derives from
 * @param threads   GEMM threads
 * @param out       output folder
 */
public record RunConfig(TeacherConfig teacher, DataConfig data, StudentConfig student, OptimizerConfig optimizer,
        long steps, long logEvery, long seed, int threads, Path out) {
    /** Components newer than some manifests, with the value that reproduces what those runs did. */
    private static final Map<RunOption, String> ADDED_LATER = Map.of(RunOption.LR_SCHEDULE, "constant",
            RunOption.TEACHER_COSINE, "0");

    public RunConfig {
        if (teacher == null || data == null || student == null || optimizer == null) {
            throw new IllegalArgumentException("a run needs a teacher, data, a student and an optimizer");
        }
        RunOption.STEPS.check(steps);
        if (logEvery < 1 || logEvery > steps)
            throw Range.outOfRange("--log-every", logEvery, "1 to --steps (" + steps + ")");
        RunOption.THREADS.check(threads);
        if (out == null) throw new IllegalArgumentException("--out: no output folder");
        checkTeacher(teacher, data);
        checkStudent(student, teacher, data, optimizer);
        OptimizerKind o = optimizer.kind();
        if (o == OptimizerKind.SGD) {
            if (optimizer.batch() > data.n()) throw Range.outOfRange("--batch", optimizer.batch(), "1 to " + data.n());
        } else if (optimizer.batch() != data.n()) {
            throw new IllegalArgumentException(
                    "--batch " + optimizer.batch() + " is for --optimizer sgd only (" + o.key()
                            + " uses all " + data.n() + " samples each step)");
        }
    }

    private static void checkTeacher(TeacherConfig t, DataConfig data) {
        if (t.kind() == TeacherKind.FIG1 && data.d() != 4) {
            throw new IllegalArgumentException(
                    "--teacher fig1 is ALL19's target on x in R^4: expected --d 4, got " + data.d());
        }
        if (t.kind().hasNeurons() && t.neurons() > data.d()) {
            throw Range.outOfRange("--teacher-neurons", t.neurons(), "1 to " + data.d());
        }
        if (t.noise() > 0 && t.kind() != TeacherKind.RELU && t.kind() != TeacherKind.SIGNED_RELU) {
            throw new IllegalArgumentException("--noise " + t.noise() + ": the " + t.kind().key()
                    + " teacher is noiseless (expected --noise 0, or --teacher relu or signed-relu)");
        }
        if (t.cosine() != 0 && t.kind() != TeacherKind.SIGNED_RELU) {
            throw new IllegalArgumentException("--teacher-cosine " + t.cosine() + ": only the signed-relu teacher "
                    + "has it (expected --teacher-cosine 0, or --teacher signed-relu)");
        }
        if (t.kind() == TeacherKind.SIGNED_RELU) new EquiangularDirections(t.neurons(), t.cosine());
    }

    private static void checkStudent(StudentConfig s, TeacherConfig t, DataConfig data, OptimizerConfig o) {
        if (o.kind() == OptimizerKind.AS21 && !s.output().trainable()) {
            throw new IllegalArgumentException(
                    "--optimizer as21 trains both layers: expected --output mean or sqrt (got "
                            + s.output().key() + ")");
        }
        if (o.kind() == OptimizerKind.EXACT && !s.network().linearIn(s.trained())) {
            throw new IllegalArgumentException("--optimizer exact solves a learner linear in its trained weights: "
                    + "expected --network ntk-2 or ntk-3, or all19-2 or all19-3 with --trained last (got --network "
                    + s.network().key() + " --trained " + s.trained().key() + ")");
        }
        if (s.network() != NetworkKind.TWO_LAYER
                && (o.kind() == OptimizerKind.TRUNCATED || s.init() != Initialization.GAUSSIAN)) {
            throw new IllegalArgumentException("--network " + s.network().key()
                    + " trains with --optimizer gd or sgd from its "
                    + "own Gaussian init (got --optimizer " + o.kind().key() + ", --init " + s.init().key() + ")");
        }
        if (s.init() == Initialization.SYMMETRIC && (!s.output().trainable() || s.m() % 2 != 0)) {
            throw new IllegalArgumentException(
                    "--init symmetric needs --output mean or sqrt and an even --m (got --output "
                            + s.output().key() + ", --m " + s.m() + ")");
        }
        if (s.network() == NetworkKind.TWO_LAYER && s.init() == Initialization.TENSOR
                && (s.output() != OutputLayer.ONES || s.activation() != Activation.RELU || s.m() > data.d()
                        || data.n() < 3)) {
            throw new IllegalArgumentException(
                    "--init tensor (ZYWG19) needs --activation relu, --output ones, --m at most --d "
                            + "and --n at least 3 (got " + s.activation().name().toLowerCase(java.util.Locale.ROOT)
                            + ", "
                            + s.output().key() + ", --m " + s.m() + ", --d " + data.d() + ", --n " + data.n() + ")");
        }
    }

    /** A builder with every default; set what the run changes, then {@link Builder#build()}. */
    public static Builder defaults() {
        return new Builder();
    }

    /** A builder holding every option of this configuration, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (RunOption o : RunOption.values()) o.set(b, o.text(this));
        return b;
    }

    /**
     * Every option as a checkpoint records it (and manifests did before they listed only the options that apply,
     * keyed by their command-line names): {@link RunOption#key()} → text, in {@link RunOption}'s order.
     */
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        for (RunOption o : RunOption.values()) m.put(o.key(), o.text(this));
        return m;
    }

    /**
     * The configuration a run's manifest.json recorded under "options", with the output folder replaced by
     * {@code out}: how {@code train --resume} rebuilds a run exactly. Two forms are read: today's, keyed by the
     * command-line names ({@code test-n}) with JSON numbers and booleans, listing only the options that apply to the
     * run (an option it leaves out has no effect and takes its default); and the older one, keyed by
     * {@link RunOption#key()} ({@code testN}) with every value as text and every option listed, where an option the
     * manifest predates takes the value in {@code ADDED_LATER}.
     */
    public static RunConfig fromOptions(Map<?, ?> options, Path out) {
        Builder b = new Builder();
        for (RunOption o : RunOption.values()) {
            String name = options.containsKey(o.cli()) ? o.cli() : o.key();
            Object raw = options.containsKey(name) ? options.get(name) : ADDED_LATER.get(o);
            if (raw == null && !options.containsKey(name)) continue;
            String text = switch (raw) {
                case String s -> s;
                case Boolean v -> v.toString();
                case Double x when x == Math.rint(x) && Math.abs(x) < 1e15 -> Long.toString(x.longValue());
                case Number x -> x.toString();
                case null, default -> throw new IllegalArgumentException("manifest option '" + name + "' is " + raw
                        + ": expected a number, a boolean or a text value (written by this relulab version?)");
            };
            if (o == RunOption.OUT) continue;
            try {
                o.set(b, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "manifest option '" + name + "' = '" + text + "': " + e.getMessage(), e);
            }
        }
        return b.out(out).build();
    }

    /**
     * The learning rate a run gets when none is given. Per-neuron gradients scale with the output weight c_i, so the
     * step that learns grows with m (checked at m = 20): LMZ20's η = m/2 for the norm-tied output, m/4 for a_i/m,
     * √m/4 for a_i/√m, 0.1 for c_i = 1; 0.3 for ALL19's networks; 0.25 for AS21's conic particle GD.
     */
    public static double defaultLr(NetworkKind network, OptimizerKind optimizer, OutputLayer output, int m) {
        if (network != NetworkKind.TWO_LAYER) return 0.3;
        if (optimizer == OptimizerKind.AS21) return 0.25;
        return switch (output) {
            case TIED -> m / 2.0;
            case MEAN -> m / 4.0;
            case SQRT -> Math.sqrt(m) / 4;
            case ONES -> 0.1;
        };
    }

    /** Options set so far; {@link #build()} fills the others with their defaults and validates the whole. */
    public static final class Builder {
        private TeacherKind teacher = TeacherKind.ABS;
        private Integer d, teacherNeurons, n, testN, m, m2, batch, threads;
        private int terms = 5;
        private double kappa = 1, noise = 0, teacherCosine = 0, initScale = 1, outputStd = 1, weightDecay = 0,
                regLambda = 0;
        private double lambda0 = 0.25, lambda1 = 0.1;
        private Double lr;
        private boolean orthogonal;
        private InputDistribution inputs;
        private NetworkKind network = NetworkKind.TWO_LAYER;
        private Activation activation;
        private OutputLayer output;
        private Initialization init = Initialization.GAUSSIAN;
        private TrainedLayers trained = TrainedLayers.ALL;
        private OptimizerKind optimizer = OptimizerKind.GD;
        private LearningRateSchedule lrSchedule = LearningRateSchedule.CONSTANT;
        private Long stage1Steps, logEvery;
        private long steps = 20_000, seed = 1;
        private Path out;

        private Builder() {}

        public Builder teacher(TeacherKind v) { teacher = v; return this; }
        public Builder d(int v) { d = v; return this; }
        public Builder teacherNeurons(int v) { teacherNeurons = v; return this; }
        public Builder kappa(double v) { kappa = v; return this; }
        public Builder noise(double v) { noise = v; return this; }
        public Builder teacherCosine(double v) { teacherCosine = v; return this; }
        public Builder orthogonal(boolean v) { orthogonal = v; return this; }
        public Builder terms(int v) { terms = v; return this; }
        public Builder n(int v) { n = v; return this; }
        public Builder testN(int v) { testN = v; return this; }
        public Builder inputs(InputDistribution v) { inputs = v; return this; }
        public Builder network(NetworkKind v) { network = v; return this; }
        public Builder m(int v) { m = v; return this; }
        public Builder m2(int v) { m2 = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder output(OutputLayer v) { output = v; return this; }
        public Builder init(Initialization v) { init = v; return this; }
        public Builder initScale(double v) { initScale = v; return this; }
        public Builder trained(TrainedLayers v) { trained = v; return this; }
        public Builder outputStd(double v) { outputStd = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder lrSchedule(LearningRateSchedule v) { lrSchedule = v; return this; }
        public Builder lambda0(double v) { lambda0 = v; return this; }
        public Builder lambda1(double v) { lambda1 = v; return this; }
        public Builder stage1Steps(long v) { stage1Steps = v; return this; }
        public Builder regLambda(double v) { regLambda = v; return this; }
        public Builder steps(long v) { steps = v; return this; }
        public Builder logEvery(long v) { logEvery = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder out(Path v) { out = v; return this; }

        /** Whether {@code d} was set (the command line defaults it from {@code --data}). */
        public boolean hasD() {
            return d != null;
        }

        /**
         * The configuration, with the defaults of what was not set: d = 4 for fig1, else 30; K = min(5, d);
         * n = test n = 10 000; sphere inputs for ALL19's teachers; m = 100, m2 = m; the relu activation and the a_i/m
         * output for AS21's teacher or optimizer, else |·| and the norm-tied output; η by {@link #defaultLr}; batch
         * min(256, n) for sgd, else n; 20 000 steps, a row every steps/100, stage 1 of truncated GD steps/2; seed 1;
         * every core.
         */
        public RunConfig build() {
            int dd = d != null ? d : teacher == TeacherKind.FIG1 ? 4 : 30;
            int nn = n != null ? n : 10_000, mm = m != null ? m : 100;
            boolean as21 = teacher == TeacherKind.SIGNED_RELU || optimizer == OptimizerKind.AS21;
            OutputLayer out0 = output != null ? output : as21 ? OutputLayer.MEAN : OutputLayer.TIED;
            Activation act = activation != null
                    ? activation
                    : teacher == TeacherKind.SIGNED_RELU ? Activation.RELU : Activation.ABS;
            InputDistribution in = inputs != null
                    ? inputs
                    : teacher.all19() ? InputDistribution.SPHERE : InputDistribution.GAUSSIAN;
            int batchSize = batch != null ? batch : optimizer == OptimizerKind.SGD ? Math.min(256, nn) : nn;
            // d first: K's default needs it
            DataConfig data = new DataConfig(dd, nn, testN != null ? testN : 10_000, in);
            return new RunConfig(
                    new TeacherConfig(teacher, teacherNeurons != null ? teacherNeurons : Math.min(5, dd), kappa, noise,
                            teacherCosine, orthogonal, terms),
                    data,
                    new StudentConfig(network, mm, m2 != null ? m2 : mm, act, out0, init, initScale, trained,
                            outputStd),
                    new OptimizerConfig(optimizer, lr != null ? lr : defaultLr(network, optimizer, out0, mm), batchSize,
                            weightDecay, lrSchedule, lambda0, lambda1, stage1Steps != null ? stage1Steps : steps / 2,
                            regLambda),
                    steps, logEvery != null ? logEvery : Math.max(1, steps / 100), seed,
                    threads != null ? threads : Kernels.defaultThreads(), out);
        }
    }
}
