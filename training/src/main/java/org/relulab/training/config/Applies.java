package org.relulab.training.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.relulab.training.data.DataSource;
import org.relulab.training.student.Initialization;

/**
 * When a {@link RunOption} has an effect on a run: always; only on data drawn from a teacher (the teacher's options
 * and the inputs, which {@code --data} replaces); only for some values of one choice ({@code --m2}: the three-layer
 * networks), and of a second one ({@link #and}). Each half answers with the reason an option does not apply, or null.
 *
 * @param generatedData whether the option shapes data drawn from a teacher
 * @param choice        the option whose value decides ("network"), or null
 * @param chosen        that option's value in a configuration, as the command line writes it
 * @param values        the values the option applies to
 * @param also          a further condition on another choice, or null
 */
record Applies(boolean generatedData, String choice, Function<RunConfig, String> chosen, List<String> values,
        Applies also) {
    static final Applies ALWAYS = new Applies(false, null, null, List.of(), null);
    static final Applies GENERATED_DATA = new Applies(true, null, null, List.of(), null);
    static final Applies TWO_LAYER = network(NetworkKind.TWO_LAYER);
    static final Applies ALL19_NETWORKS = network(NetworkKind.ALL19_2, NetworkKind.ALL19_3, NetworkKind.NTK_2,
            NetworkKind.NTK_3);
    static final Applies TRUNCATED = optimizer(OptimizerKind.TRUNCATED);
    static final Applies PLAIN_DESCENT = optimizer(OptimizerKind.GD, OptimizerKind.SGD);

    /** Options of some teachers, on generated data. */
    static Applies teacher(TeacherKind... kinds) {
        return new Applies(true, "teacher", c -> c.teacher().kind().key(), keys(kinds), null);
    }

    static Applies network(NetworkKind... kinds) {
        return new Applies(false, "network", c -> c.student().network().key(), keys(kinds), null);
    }

    static Applies optimizer(OptimizerKind... kinds) {
        return new Applies(false, "optimizer", c -> c.optimizer().kind().key(), keys(kinds), null);
    }

    static Applies init(Initialization... kinds) {
        return new Applies(false, "init", c -> c.student().init().key(),
                Arrays.stream(kinds).map(Initialization::key).toList(), null);
    }

    /** This condition, then {@code next} (on another choice). */
    Applies and(Applies next) {
        return new Applies(generatedData || next.generatedData, choice, chosen, values, next);
    }

    /** Why the option has no effect on data from {@code data}, or null. */
    String notApplying(DataSource data) {
        if (!generatedData || data.dir() == null) return null;
        return "does not apply with --data (the data set comes from the .npy files in " + data.dir()
                + ", not from a teacher)";
    }

    /** Why the option has no effect on a run of {@code c}, or null. */
    String notApplying(RunConfig c) {
        return notApplying(null, c);
    }

    /**
     * Why the option has no effect on a run whose choices are {@code chosenValue} (the value of the choice option
     * named, as the command line writes it), or null: known before the configuration is built.
     */
    String notApplying(UnaryOperator<String> chosenValue) {
        return notApplying(chosenValue, null);
    }

    /** The rule, on the choices of {@code c} when it is given, else on those {@code chosenValue} reads. */
    private String notApplying(UnaryOperator<String> chosenValue, RunConfig c) {
        if (choice != null) {
            String got = c != null ? chosen.apply(c) : chosenValue.apply(choice);
            if (!values.contains(got)) {
                String any = values.size() == 1
                        ? values.get(0)
                        : String.join(", ", values.subList(0, values.size() - 1)) + " or "
                                + values.get(values.size() - 1);
                return "applies only to --" + choice + " " + any + " (got " + got + ")";
            }
        }
        if (also == null) return null;
        return c != null ? also.notApplying(c) : also.notApplying(chosenValue);
    }

    private static List<String> keys(Keyed... kinds) {
        return Arrays.stream(kinds).map(Keyed::key).toList();
    }
}
