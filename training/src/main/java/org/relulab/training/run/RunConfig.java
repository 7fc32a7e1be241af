package org.relulab.training.run;

import java.nio.file.Path;
import org.relulab.core.Activation;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.model.Initialization;
import org.relulab.training.model.OutputLayer;
import org.relulab.training.model.TrainedLayers;
import org.relulab.training.optim.LearningRateSchedule;

/**
 * Every option of a training run, resolved and validated: a bad value throws
 * {@link IllegalArgumentException} whose message names the command-line option, the value and what was
 * expected. Field names follow the command-line options ({@code testN} is {@code --test-n}).
 *
 * @param teacher        "abs" (LMZ20), "relu" (ZYWG19), "signed-relu" (AS21), or ALL19's "fig1", "concept2", "concept3"
 * @param d              input dimension
 * @param teacherNeurons K, neurons of the relu and signed-relu teachers (the abs teacher has d)
 * @param kappa          condition number of the relu teacher, spread of the abs teacher's a_i (1: a_i = 1/d), ratio of
 *                       the largest to the smallest |a°_j| of the signed-relu teacher
 * @param noise          label noise ν of the relu teacher
 * @param orthogonal     abs teacher with a random orthogonal W* instead of the identity
 * @param n              training samples
 * @param testN          held-out samples for the test (population) loss
 * @param m              student width
 * @param activation     student activation, RELU or ABS
 * @param output         student output layer
 * @param init           initialization
 * @param initScale      s in w_i ~ N(0, s²I/d)
 * @param optimizer      "gd", "sgd", "truncated" or "as21" (conic particle GD with norm-dependent steps)
 * @param lr             learning rate η
 * @param batch          mini-batch size (sgd); n for the others
 * @param lambda0        truncated GD: λ of stage 1
 * @param lambda1        truncated GD: λ of stage 2
 * @param stage1Steps    truncated GD: steps of stage 1
 * @param steps          gradient steps
 * @param logEvery       steps between two metric rows
 * @param seed           the one seed every random stream derives from
 * @param threads        GEMM threads
 * @param out            output folder
 * @param network        "two-layer" (the LMZ20/ZYWG19 student, shaped by activation, output and init), or ALL19's
 *                       ReLU networks with biases and 1/√width scaling, "all19-2" (width m) or "all19-3" (m, m2),
 *                       or those networks linearized at their initialization (the NTK learners), "ntk-2", "ntk-3"
 * @param m2             all19-3: width of the second hidden layer
 * @param trained        all19 networks: which layers train (all, hidden, last = random features)
 * @param outputStd      all19 networks: a_i ~ N(0, outputStd²) at the start
 * @param weightDecay    λ of gradient descent on J + (λ/2)‖θ‖² (gd and sgd)
 * @param inputs         x ~ N(0, I) ("gaussian") or uniform on the unit sphere ("sphere", ALL19)
 * @param terms          p, the terms of ALL19's concept-class teachers
 * @param regLambda      as21: λ of the path-norm regularizer λ·Σ_i s|a_i|‖w_i‖ (the student measure's total variation)
 * @param lrSchedule     gd and sgd: the learning rate over the run, constant or decaying to 0 at the last step
 */
public record RunConfig(String teacher, int d, int teacherNeurons, double kappa, double noise, boolean orthogonal, int n,
                        int testN, int m, Activation activation, OutputLayer output, Initialization init,
                        double initScale, String optimizer, double lr, int batch, double lambda0, double lambda1,
                        long stage1Steps, long steps, long logEvery, long seed, int threads, Path out,
                        String network, int m2, TrainedLayers trained, double outputStd, double weightDecay,
                        InputDistribution inputs, int terms, double regLambda, LearningRateSchedule lrSchedule) {
    /** A run at a constant learning rate. */
    public RunConfig(String teacher, int d, int teacherNeurons, double kappa, double noise, boolean orthogonal, int n,
                     int testN, int m, Activation activation, OutputLayer output, Initialization init,
                     double initScale, String optimizer, double lr, int batch, double lambda0, double lambda1,
                     long stage1Steps, long steps, long logEvery, long seed, int threads, Path out,
                     String network, int m2, TrainedLayers trained, double outputStd, double weightDecay,
                     InputDistribution inputs, int terms, double regLambda) {
        this(teacher, d, teacherNeurons, kappa, noise, orthogonal, n, testN, m, activation, output, init, initScale, optimizer,
                lr, batch, lambda0, lambda1, stage1Steps, steps, logEvery, seed, threads, out, network, m2, trained, outputStd,
                weightDecay, inputs, terms, regLambda, LearningRateSchedule.CONSTANT);
    }

    /** A run without AS21's path-norm regularizer (every optimizer but as21, or as21 with λ = 0). */
    public RunConfig(String teacher, int d, int teacherNeurons, double kappa, double noise, boolean orthogonal, int n,
                     int testN, int m, Activation activation, OutputLayer output, Initialization init,
                     double initScale, String optimizer, double lr, int batch, double lambda0, double lambda1,
                     long stage1Steps, long steps, long logEvery, long seed, int threads, Path out,
                     String network, int m2, TrainedLayers trained, double outputStd, double weightDecay,
                     InputDistribution inputs, int terms) {
        this(teacher, d, teacherNeurons, kappa, noise, orthogonal, n, testN, m, activation, output, init, initScale, optimizer,
                lr, batch, lambda0, lambda1, stage1Steps, steps, logEvery, seed, threads, out, network, m2, trained, outputStd,
                weightDecay, inputs, terms, 0);
    }

    /** A run of the two-layer student on Gaussian inputs, without weight decay (the LMZ20 and ZYWG19 settings). */
    public RunConfig(String teacher, int d, int teacherNeurons, double kappa, double noise, boolean orthogonal, int n,
                     int testN, int m, Activation activation, OutputLayer output, Initialization init,
                     double initScale, String optimizer, double lr, int batch, double lambda0, double lambda1,
                     long stage1Steps, long steps, long logEvery, long seed, int threads, Path out) {
        this(teacher, d, teacherNeurons, kappa, noise, orthogonal, n, testN, m, activation, output, init, initScale, optimizer,
                lr, batch, lambda0, lambda1, stage1Steps, steps, logEvery, seed, threads, out, "two-layer", m, TrainedLayers.ALL,
                1, 0, InputDistribution.GAUSSIAN, 1, 0);
    }

    public RunConfig {
        oneOf("--teacher", teacher, "abs", "relu", "signed-relu", "fig1", "concept2", "concept3");
        oneOf("--network", network, "two-layer", "all19-2", "all19-3", "ntk-2", "ntk-3");
        range("--d", d, 1, 100_000);
        if (teacher.equals("fig1") && d != 4) throw new IllegalArgumentException("--teacher fig1 is ALL19's target on x in R^4: expected --d 4, got " + d);
        range("--terms", terms, 1, 10_000);
        range("--m2", m2, 1, 1_000_000);
        if (!(outputStd > 0 && outputStd <= 1e6)) throw bad("--output-std", outputStd, "a number above 0, at most 1e6");
        if (!(weightDecay >= 0 && lr * weightDecay < 1)) throw bad("--weight-decay", weightDecay, "at least 0 with --lr x --weight-decay below 1");
        if (weightDecay > 0 && (optimizer.equals("truncated") || optimizer.equals("as21"))) {
            throw new IllegalArgumentException("--weight-decay " + weightDecay + " is for --optimizer gd or sgd (" + optimizer + " has its own rule)");
        }
        if (lrSchedule == null) throw new IllegalArgumentException("--lr-schedule: none given (expected constant, cosine or linear)");
        if (lrSchedule != LearningRateSchedule.CONSTANT && !(optimizer.equals("gd") || optimizer.equals("sgd"))) {
            throw new IllegalArgumentException("--lr-schedule " + lrSchedule.key() + " is for --optimizer gd or sgd (" + optimizer + " has its own rule)");
        }
        if (regLambda > 0 && !optimizer.equals("as21")) {
            throw new IllegalArgumentException("--reg-lambda " + regLambda + " is AS21's path-norm weight, for --optimizer as21 (got " + optimizer + ")");
        }
        if (!(regLambda >= 0 && lr * regLambda < 1)) throw bad("--reg-lambda", regLambda, "at least 0 with --lr x --reg-lambda below 1");
        if (optimizer.equals("as21") && !output.trainable()) {
            throw new IllegalArgumentException("--optimizer as21 trains both layers: expected --output mean or sqrt (got " + output.key() + ")");
        }
        if (!network.equals("two-layer") && (optimizer.equals("truncated") || init != Initialization.GAUSSIAN)) {
            throw new IllegalArgumentException("--network " + network + " trains with --optimizer gd or sgd from its own Gaussian init "
                    + "(got --optimizer " + optimizer + ", --init " + init.key() + ")");
        }
        if (teacher.equals("relu") || teacher.equals("signed-relu")) range("--teacher-neurons", teacherNeurons, 1, d);
        if (!(kappa >= 1 && kappa <= 1e6)) throw bad("--kappa", kappa, "a number from 1 to 1e6");
        if (!(noise >= 0 && noise <= 1e6)) throw bad("--noise", noise, "a number from 0 to 1e6");
        if (noise > 0 && !teacher.equals("relu")) throw new IllegalArgumentException("--noise " + noise
                + ": the " + teacher + " teacher is noiseless (expected --noise 0, or --teacher relu)");
        range("--n", n, 1, 100_000_000);
        range("--test-n", testN, 1, 100_000_000);
        range("--m", m, 1, 1_000_000);
        if (activation != Activation.RELU && activation != Activation.ABS) throw bad("--activation", activation, "relu or abs");
        if (init == Initialization.SYMMETRIC && (!output.trainable() || m % 2 != 0)) {
            throw new IllegalArgumentException("--init symmetric needs --output mean or sqrt and an even --m (got --output "
                    + output.key() + ", --m " + m + ")");
        }
        if (network.equals("two-layer") && init == Initialization.TENSOR && (output != OutputLayer.ONES || activation != Activation.RELU || m > d || n < 3)) {
            throw new IllegalArgumentException("--init tensor (ZYWG19) needs --activation relu, --output ones, --m at most --d "
                    + "and --n at least 3 (got " + activation.name().toLowerCase(java.util.Locale.ROOT) + ", " + output.key()
                    + ", --m " + m + ", --d " + d + ", --n " + n + ")");
        }
        if (!(initScale > 0 && initScale <= 1e6)) throw bad("--init-scale", initScale, "a number above 0, at most 1e6");
        oneOf("--optimizer", optimizer, "gd", "sgd", "truncated", "as21");
        if (!(lr > 0 && lr <= 1e9)) throw bad("--lr", lr, "a number above 0, at most 1e9");
        if (optimizer.equals("sgd")) range("--batch", batch, 1, n);
        else if (batch != n) {
            throw new IllegalArgumentException("--batch " + batch + " is for --optimizer sgd only (" + optimizer
                    + " uses all " + n + " samples each step)");
        }
        if (!(lambda0 > 0 && lambda1 > 0)) {
            throw new IllegalArgumentException("--lambda0 " + lambda0 + " --lambda1 " + lambda1 + ": expected positive numbers");
        }
        if (stage1Steps < 0) throw bad("--stage1-steps", stage1Steps, "0 or more");
        if (steps < 1 || steps > 1_000_000_000L) throw bad("--steps", steps, "1 to 1e9");
        if (logEvery < 1 || logEvery > steps) throw bad("--log-every", logEvery, "1 to --steps (" + steps + ")");
        range("--threads", threads, 1, 1024);
        if (out == null) throw new IllegalArgumentException("--out: no output folder");
    }

    /** Components newer than some manifests, with the value that reproduces what those runs did. */
    private static final java.util.Map<String, String> ADDED_LATER = java.util.Map.of("lrSchedule", "constant");

    /**
     * The configuration a run's manifest.json recorded under "options" (every component, as text), with
     * the output folder replaced by {@code out}: how {@code train --resume} rebuilds a run exactly; a component
     * the manifest predates takes the value in {@code ADDED_LATER}.
     */
    public static RunConfig fromOptions(java.util.Map<?, ?> options, Path out) {
        var components = RunConfig.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Class<?> type = components[i].getType();
            types[i] = type;
            Object raw = options.containsKey(name) ? options.get(name) : ADDED_LATER.get(name);
            if (!(raw instanceof String text)) {
                throw new IllegalArgumentException("manifest option '" + name + "' is " + raw + ": expected a text value (written by this relulab version?)");
            }
            try {
                args[i] = name.equals("out") ? out
                        : type == int.class ? Integer.parseInt(text)
                        : type == long.class ? Long.parseLong(text)
                        : type == double.class ? Double.parseDouble(text)
                        : type == boolean.class ? parseBoolean(text)
                        : type == String.class ? text
                        : type == Path.class ? Path.of(text)
                        : enumValue(type, text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("manifest option '" + name + "' = '" + text + "': expected a " + type.getSimpleName(), e);
            }
        }
        try {
            return RunConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) throw bad;
            throw new IllegalStateException("manifest options: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("manifest options: " + e, e);
        }
    }

    private static boolean parseBoolean(String text) {
        if (!text.equals("true") && !text.equals("false")) throw new IllegalArgumentException(text);
        return text.equals("true");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String text) {
        if (!type.isEnum()) throw new IllegalArgumentException("unsupported type " + type);
        return Enum.valueOf((Class) type, text.toUpperCase(java.util.Locale.ROOT));
    }

    /** Bytes of off-heap memory the run allocates (data, buffers, parameters), estimated before allocating. */
    public long memoryBytes() {
        int rows = Math.min(batch, n), evalRows = Math.min(Evaluation.CHUNK, Math.max(n, testN));
        long floats = (long) n * (d + 1) + (long) testN * (d + 1)                     // data sets
                + (rows + evalRows) * (1L + activationsPerRow())                   // step and evaluation buffers
                + 2L * parameters()                                                // parameters and gradients
                + (optimizer.equals("sgd") ? (long) rows * (d + 1) : 0);            // the gathered batch
        long teacherRows = switch (teacher) {
            case "abs" -> d;
            case "relu", "signed-relu" -> teacherNeurons;
            default -> 0;
        };
        floats += teacherRows * (d + 2) + 2L * Math.max(n, testN) * teacherRows;  // teacher and its labelling
        return floats * Float.BYTES;
    }

    /** Floats a step keeps per batch row: Z and H (two-layer), H₁, H₂ and G₁ (all19-3). */
    private long activationsPerRow() {
        return switch (network) {
            case "all19-2" -> m;
            case "all19-3" -> 2L * m + m2;
            case "ntk-2" -> 2L * m;                                  // H and its tangent
            case "ntk-3" -> 4L * m + 2L * m2;
            default -> 2L * m;
        };
    }

    private long parameters() {
        return switch (network) {
            case "all19-3" -> (long) m * (d + 1) + (long) m2 * (m + 2);
            case "ntk-2" -> 3L * m * (d + 2);                          // θ₀, θ and Δθ
            case "ntk-3" -> 3L * ((long) m * (d + 1) + (long) m2 * (m + 2));
            default -> (long) m * (d + 2) + 8;
        };
    }

    private static void oneOf(String option, String value, String... allowed) {
        for (String a : allowed) if (a.equals(value)) return;
        throw new IllegalArgumentException(option + " '" + value + "': expected one of " + String.join(", ", allowed));
    }

    private static void range(String option, long value, long min, long max) {
        if (value < min || value > max) throw bad(option, value, min + " to " + max);
    }

    private static IllegalArgumentException bad(String option, Object value, String expected) {
        return new IllegalArgumentException(option + " " + value + " is out of range (expected " + expected + ")");
    }
}
