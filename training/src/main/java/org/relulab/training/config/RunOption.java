package org.relulab.training.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.relulab.core.Activation;
import org.relulab.training.data.DataSource;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.optim.LearningRateSchedule;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TrainedLayers;

/**
 * Every option of a training run, in one place: its command-line name (the manifest's key), its checkpoint key, the
 * type and the one range of its values, how it sets a {@link RunConfig.Builder} and reads a {@link RunConfig}. The
 * command line, the manifest (written and read back by {@code --resume}) and the configuration records all go through
 * it. The order is the manifest's. Defaults are the builder's ({@link RunConfig.Builder#build()}). Numbers follow
 * {@link NumberGrammar}; when an option has an effect is its {@link Applies} ({@link #appliesTo}).
 */
public enum RunOption {
    TEACHER("teacher", "teacher", Type.choice(TeacherKind.values()), (b, v) -> b.teacher((TeacherKind) v),
            c -> c.teacher().kind(),
            Applies.GENERATED_DATA),
    D("d", "d", Type.integer(1, 100_000), (b, v) -> b.d((int) v), c -> c.data().d()),
    TEACHER_NEURONS("teacher-neurons", "teacherNeurons", Type.integer(1, 100_000), (b, v) -> b.teacherNeurons((int) v),
            c -> c.teacher().neurons(),
            Applies.teacher(TeacherKind.RELU, TeacherKind.SIGNED_RELU)),
    KAPPA("kappa", "kappa", Type.real(Range.of(1, 1e6)), (b, v) -> b.kappa((double) v), c -> c.teacher().kappa(),
            Applies.teacher(TeacherKind.ABS, TeacherKind.RELU, TeacherKind.SIGNED_RELU)),
    NOISE("noise", "noise", Type.real(Range.of(0, 1e6)), (b, v) -> b.noise((double) v), c -> c.teacher().noise(),
            Applies.teacher(TeacherKind.RELU, TeacherKind.SIGNED_RELU)),
    TEACHER_COSINE("teacher-cosine", "teacherCosine", Type.real(new Range(-1, true, 1)),
            (b, v) -> b.teacherCosine((double) v), c -> c.teacher().cosine(),
            Applies.teacher(TeacherKind.SIGNED_RELU)),
    ORTHOGONAL("orthogonal", "orthogonal", Type.BOOLEAN, (b, v) -> b.orthogonal((boolean) v),
            c -> c.teacher().orthogonal(),
            Applies.teacher(TeacherKind.ABS)),
    N("n", "n", Type.integer(1, 100_000_000), (b, v) -> b.n((int) v), c -> c.data().n()),
    TEST_N("test-n", "testN", Type.integer(1, 100_000_000), (b, v) -> b.testN((int) v), c -> c.data().testN()),
    M("m", "m", Type.integer(1, 1_000_000), (b, v) -> b.m((int) v), c -> c.student().m()),
    ACTIVATION("activation", "activation", Type.choice(Activation.RELU, Activation.ABS),
            (b, v) -> b.activation((Activation) v), c -> c.student().activation(),
            Applies.TWO_LAYER),
    OUTPUT("output", "output", Type.choice(OutputLayer.values()), (b, v) -> b.output((OutputLayer) v),
            c -> c.student().output(),
            Applies.TWO_LAYER),
    INIT("init", "init", Type.choice(Initialization.values()), (b, v) -> b.init((Initialization) v),
            c -> c.student().init(),
            Applies.TWO_LAYER),
    INIT_SCALE("init-scale", "initScale", Type.real(Range.positive(1e6)), (b, v) -> b.initScale((double) v),
            c -> c.student().initScale(),
            Applies.network(NetworkKind.TWO_LAYER)
                    .and(Applies.init(Initialization.GAUSSIAN, Initialization.SYMMETRIC))),
    OPTIMIZER("optimizer", "optimizer", Type.choice(OptimizerKind.values()), (b, v) -> b.optimizer((OptimizerKind) v),
            c -> c.optimizer().kind()),
    LR("lr", "lr", Type.real(Range.positive(1e9)), (b, v) -> b.lr((double) v), c -> c.optimizer().lr()),
    BATCH("batch", "batch", Type.integer(1, 100_000_000), (b, v) -> b.batch((int) v), c -> c.optimizer().batch(),
            Applies.optimizer(OptimizerKind.SGD)),
    LAMBDA0("lambda0", "lambda0", Type.real(Range.positive(1e12)), (b, v) -> b.lambda0((double) v),
            c -> c.optimizer().lambda0(),
            Applies.TRUNCATED),
    LAMBDA1("lambda1", "lambda1", Type.real(Range.positive(1e12)), (b, v) -> b.lambda1((double) v),
            c -> c.optimizer().lambda1(),
            Applies.TRUNCATED),
    STAGE1_STEPS("stage1-steps", "stage1Steps", Type.whole(0, Long.MAX_VALUE), (b, v) -> b.stage1Steps((long) v),
            c -> c.optimizer().stage1Steps(),
            Applies.TRUNCATED),
    STEPS("steps", "steps", Type.whole(1, 1_000_000_000L), (b, v) -> b.steps((long) v), RunConfig::steps),
    LOG_EVERY("log-every", "logEvery", Type.whole(1, 1_000_000_000L), (b, v) -> b.logEvery((long) v),
            RunConfig::logEvery),
    SEED("seed", "seed", Type.whole(Long.MIN_VALUE, Long.MAX_VALUE), (b, v) -> b.seed((long) v), RunConfig::seed),
    THREADS("threads", "threads", Type.integer(1, 1024), (b, v) -> b.threads((int) v), RunConfig::threads),
    OUT("out", "out", Type.PATH, (b, v) -> b.out((Path) v), RunConfig::out),
    NETWORK("network", "network", Type.choice(NetworkKind.values()), (b, v) -> b.network((NetworkKind) v),
            c -> c.student().network()),
    M2("m2", "m2", Type.integer(1, 1_000_000), (b, v) -> b.m2((int) v), c -> c.student().m2(),
            Applies.network(NetworkKind.ALL19_3, NetworkKind.NTK_3)),
    TRAINED("trained", "trained", Type.choice(TrainedLayers.values()), (b, v) -> b.trained((TrainedLayers) v),
            c -> c.student().trained(),
            Applies.ALL19_NETWORKS),
    OUTPUT_STD("output-std", "outputStd", Type.real(Range.positive(1e6)), (b, v) -> b.outputStd((double) v),
            c -> c.student().outputStd(),
            Applies.ALL19_NETWORKS),
    WEIGHT_DECAY("weight-decay", "weightDecay", Type.real(Range.of(0, 1e12)), (b, v) -> b.weightDecay((double) v),
            c -> c.optimizer().weightDecay(),
            Applies.PLAIN_DESCENT),
    INPUTS("inputs", "inputs", Type.choice(InputDistribution.values()), (b, v) -> b.inputs((InputDistribution) v),
            c -> c.data().inputs(),
            Applies.GENERATED_DATA),
    TERMS("terms", "terms", Type.integer(1, 10_000), (b, v) -> b.terms((int) v), c -> c.teacher().terms(),
            Applies.teacher(TeacherKind.CONCEPT2, TeacherKind.CONCEPT3)),
    REG_LAMBDA("reg-lambda", "regLambda", Type.real(Range.of(0, 1e12)), (b, v) -> b.regLambda((double) v),
            c -> c.optimizer().regLambda(),
            Applies.optimizer(OptimizerKind.AS21)),
    LR_SCHEDULE("lr-schedule", "lrSchedule", Type.choice(LearningRateSchedule.values()),
            (b, v) -> b.lrSchedule((LearningRateSchedule) v), c -> c.optimizer().schedule(),
            Applies.PLAIN_DESCENT);

    private final String cli;
    private final String key;
    private final Type type;
    private final BiConsumer<RunConfig.Builder, Object> setter;
    private final Function<RunConfig, Object> getter;
    private final Applies applies;

    RunOption(String cli, String key, Type type, BiConsumer<RunConfig.Builder, Object> setter,
            Function<RunConfig, Object> getter) {
        this(cli, key, type, setter, getter, Applies.ALWAYS);
    }

    RunOption(String cli, String key, Type type, BiConsumer<RunConfig.Builder, Object> setter,
            Function<RunConfig, Object> getter, Applies applies) {
        this.cli = cli;
        this.key = key;
        this.type = type;
        this.setter = setter;
        this.getter = getter;
        this.applies = applies;
    }

    /** The command-line name without dashes: {@code test-n}. */
    public String cli() {
        return cli;
    }

    /** The key a checkpoint records the option under, as older manifests did: {@code testN}. */
    public String key() {
        return key;
    }

    /** Whether the option takes no value on the command line ({@code --orthogonal}). */
    public boolean flag() {
        return type == Type.BOOLEAN;
    }

    /** The option whose command-line name is {@code cli}, or null. */
    public static RunOption byCli(String cli) {
        for (RunOption o : values()) if (o.cli.equals(cli)) return o;
        return null;
    }

    /**
     * Whether this option has an effect on a run of {@code c} whose data come from {@code data}: {@code --m2} only on
     * the three-layer networks, truncated GD's stages only with {@code --optimizer truncated}, a teacher's options
     * only with that teacher and only on data drawn from it. {@code train} refuses an option the user gave that
     * does not apply ({@link #notApplying(DataSource)}, {@link #notApplying(RunConfig)}); a manifest lists only the
     * options that do. Configurations built in code are not checked.
     */
    public boolean appliesTo(RunConfig c, DataSource data) {
        return notApplying(data) == null && notApplying(c) == null;
    }

    /**
     * Why this option has no effect on data from {@code data} ("does not apply with --data (...)"), or null; known
     * before the configuration is built.
     */
    public String notApplying(DataSource data) {
        return applies.notApplying(data);
    }

    /**
     * Why this option has no effect on a run of {@code c} ("applies only to --network two-layer (got ntk-2)"), or null.
     */
    public String notApplying(RunConfig c) {
        return applies.notApplying(c);
    }

    /** Parses {@code text} as this option's value and sets it on {@code b}; a malformed value names the option. */
    public void set(RunConfig.Builder b, String text) {
        setter.accept(b, type.parse("--" + cli, text));
    }

    /** The value in {@code c} as the manifest writes it: 10, 1.0, true, abs, two-layer, a path. */
    public String text(RunConfig c) {
        Object v = getter.apply(c);
        if (v instanceof Keyed k) return k.key();
        if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        return String.valueOf(v);
    }

    /**
     * The value in {@code c} as manifest.json's "options" object holds it, keyed by {@link #cli()}: a number or a
     * boolean as itself, a choice or a path as its text ({@link #text}).
     */
    public Object json(RunConfig c) {
        Object v = getter.apply(c);
        return v instanceof Number || v instanceof Boolean ? v : text(c);
    }

    /** Throws "--OPTION VALUE is out of range (expected ...)" when a number is outside this option's range. */
    void check(double value) {
        type.range.check("--" + cli, value,
                value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value);
    }

    /** Throws when a choice is missing. */
    void require(Object value) {
        if (value == null)
            throw new IllegalArgumentException("--" + cli + ": none given (expected one of " + type.keys() + ")");
    }

    /** The values a choice option takes, as the command line writes them ({@code abs, relu, ...}); empty for others. */
    public List<String> choices() {
        return type.choices.stream().map(Type::key).toList();
    }

    /**
     * Why this option has no effect on a run whose choices (teacher, network, optimizer, init) are {@code chosenValue}
     * (the value of the choice option named, as the command line writes it), or null; as
     * {@link #notApplying(RunConfig)}, before a configuration is built.
     */
    public String notApplying(java.util.function.UnaryOperator<String> chosenValue) {
        return applies.notApplying(chosenValue);
    }

    /** A value type: how text becomes a value, and the range or the choices it may take. */
    private record Type(Kind kind, Range range, List<Enum<?>> choices) {
        enum Kind { INTEGER, WHOLE, REAL, BOOLEAN, CHOICE, PATH }

        static final Type BOOLEAN = new Type(Kind.BOOLEAN, null, List.of());
        static final Type PATH = new Type(Kind.PATH, null, List.of());

        static Type integer(int min, int max) {
            return new Type(Kind.INTEGER, Range.of(min, max), List.of());
        }

        static Type whole(long min, long max) {
            return new Type(Kind.WHOLE, Range.of(min, max), List.of());
        }

        static Type real(Range range) {
            return new Type(Kind.REAL, range, List.of());
        }

        static Type choice(Enum<?>... values) {
            return new Type(Kind.CHOICE, null, Arrays.asList(values));
        }

        String keys() {
            return String.join(", ", choices.stream().map(Type::key).toList());
        }

        private static String key(Object v) {
            return v instanceof Keyed k ? k.key() : ((Enum<?>) v).name().toLowerCase(Locale.ROOT);
        }

        /** {@code text} as a value of this type: numbers by {@link NumberGrammar}, the rest exactly as written. */
        Object parse(String option, String text) {
            return switch (kind) {
                case INTEGER -> (int) NumberGrammar.integer(option, text, range);
                case WHOLE -> NumberGrammar.integer(option, text, range);
                case REAL -> NumberGrammar.real(option, text, range);
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException(option + " '" + text + "': expected true or false");
                    }
                    yield text.equals("true");
                }
                case CHOICE -> {
                    for (Enum<?> c : choices) if (key(c).equals(text)) yield c;
                    throw new IllegalArgumentException(option + " '" + text + "' (expected one of: " + keys() + ")");
                }
                case PATH -> {
                    try {
                        yield Path.of(text);
                    } catch (InvalidPathException e) {
                        throw new IllegalArgumentException(option + " '" + text + "' is not a path: " + e.getReason());
                    }
                }
            };
        }
    }
}
