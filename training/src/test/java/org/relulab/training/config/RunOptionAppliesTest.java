package org.relulab.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relulab.training.data.DataSource;

/**
 * Which run options apply to which runs ({@link RunOption#appliesTo}): every option for every kind of teacher,
 * network and optimizer, on generated and on loaded data; the reasons train gives when it refuses one; and that
 * the configuration and what a manifest records are unchanged by the rule.
 */
class RunOptionAppliesTest {
    private static final DataSource LOADED = new DataSource(Path.of("data"), false);

    /** The options that apply to {@code c} on {@code data}. */
    private static Set<RunOption> applying(RunConfig c, DataSource data) {
        Set<RunOption> s = EnumSet.noneOf(RunOption.class);
        for (RunOption o : RunOption.values()) if (o.appliesTo(c, data)) s.add(o);
        return s;
    }

    /** Options that apply to every run. */
    private static final Set<RunOption> ALWAYS = EnumSet.of(RunOption.D, RunOption.N, RunOption.TEST_N, RunOption.M,
            RunOption.OPTIMIZER, RunOption.LR, RunOption.STEPS, RunOption.LOG_EVERY, RunOption.SEED, RunOption.THREADS,
            RunOption.OUT, RunOption.NETWORK);

    private static Set<RunOption> always(RunOption... more) {
        Set<RunOption> s = EnumSet.copyOf(ALWAYS);
        s.addAll(Set.of(more));
        return s;
    }

    private static RunConfig.Builder run() {
        return RunConfig.defaults().out(Path.of("out"));
    }

    @Test
    void eachTeacherTakesItsOwnOptionsAndNoneOnLoadedData() {
        RunOption[] student = {RunOption.ACTIVATION, RunOption.OUTPUT, RunOption.INIT, RunOption.INIT_SCALE,
                RunOption.WEIGHT_DECAY, RunOption.LR_SCHEDULE};
        Set<RunOption> onLoaded = always(student);
        for (TeacherKind t : TeacherKind.values()) {
            RunConfig c = run().teacher(t).build();
            Set<RunOption> own = always(student);
            own.addAll(Set.of(RunOption.TEACHER, RunOption.INPUTS));
            switch (t) {
                case ABS -> own.addAll(Set.of(RunOption.KAPPA, RunOption.ORTHOGONAL));
                case RELU -> own.addAll(Set.of(RunOption.KAPPA, RunOption.NOISE, RunOption.TEACHER_NEURONS));
                case SIGNED_RELU -> own.addAll(Set.of(RunOption.KAPPA, RunOption.TEACHER_NEURONS, RunOption.NOISE,
                        RunOption.TEACHER_COSINE));
                case CONCEPT2, CONCEPT3 -> own.add(RunOption.TERMS);
                case FIG1 -> {}
            }
            assertEquals(own, applying(c, DataSource.GENERATED), t.key());
            assertEquals(onLoaded, applying(c, LOADED), t.key() + " on loaded data");
        }
    }

    @Test
    void eachNetworkAndOptimizerTakesItsOwnOptions() {
        RunOption[] generated = {RunOption.TEACHER, RunOption.INPUTS, RunOption.KAPPA, RunOption.ORTHOGONAL};
        RunOption[] twoLayer = {RunOption.ACTIVATION, RunOption.OUTPUT, RunOption.INIT, RunOption.INIT_SCALE};
        Set<RunOption> plain = always(generated);
        plain.addAll(Set.of(twoLayer));
        plain.addAll(Set.of(RunOption.WEIGHT_DECAY, RunOption.LR_SCHEDULE));
        assertEquals(plain, applying(run().build(), DataSource.GENERATED), "two-layer, gd");
        RunConfig all19 = run().network(NetworkKind.ALL19_3).optimizer(OptimizerKind.SGD).build();
        Set<RunOption> want = always(generated);
        want.addAll(Set.of(RunOption.M2, RunOption.TRAINED, RunOption.OUTPUT_STD, RunOption.BATCH,
                RunOption.WEIGHT_DECAY, RunOption.LR_SCHEDULE));
        assertEquals(want, applying(all19, DataSource.GENERATED), "all19-3, sgd");
        for (NetworkKind n : new NetworkKind[] {NetworkKind.ALL19_2, NetworkKind.NTK_2}) {
            Set<RunOption> w = always(generated);
            w.addAll(Set.of(RunOption.TRAINED, RunOption.OUTPUT_STD, RunOption.WEIGHT_DECAY, RunOption.LR_SCHEDULE));
            assertEquals(w, applying(run().network(n).build(), DataSource.GENERATED), n.key());
        }
        Set<RunOption> truncated = always(generated);
        truncated.addAll(Set.of(twoLayer));
        truncated.addAll(Set.of(RunOption.LAMBDA0, RunOption.LAMBDA1, RunOption.STAGE1_STEPS));
        assertEquals(truncated, applying(run().optimizer(OptimizerKind.TRUNCATED).build(), DataSource.GENERATED));
        Set<RunOption> as21 = always(generated);
        as21.addAll(Set.of(twoLayer));
        as21.add(RunOption.REG_LAMBDA);
        assertEquals(as21, applying(run().optimizer(OptimizerKind.AS21).build(), DataSource.GENERATED));
    }

    @Test
    void theReasonNamesWhatTheOptionNeedsAndWhatTheRunHas() {
        RunConfig c = run().build();
        assertEquals("applies only to --network all19-3 or ntk-3 (got two-layer)", RunOption.M2.notApplying(c));
        assertEquals("applies only to --optimizer truncated (got gd)", RunOption.LAMBDA0.notApplying(c));
        assertEquals("applies only to --teacher abs, relu or signed-relu (got fig1)",
                RunOption.KAPPA.notApplying(run().teacher(TeacherKind.FIG1).build()));
        assertEquals("does not apply with --data (the data set comes from the .npy files in data, not from a teacher)",
                RunOption.KAPPA.notApplying(LOADED));
        assertNull(RunOption.KAPPA.notApplying(DataSource.GENERATED));
        assertNull(RunOption.KAPPA.notApplying(c));
        assertNull(RunOption.M2.notApplying(LOADED));
        RunConfig tensor = run().activation(org.relulab.core.Activation.RELU)
                .output(org.relulab.training.student.OutputLayer.ONES).m(5)
                .init(org.relulab.training.student.Initialization.TENSOR).build();
        assertEquals("applies only to --init gaussian or symmetric (got tensor)",
                RunOption.INIT_SCALE.notApplying(tensor),
                "the tensor initialization is estimated from the data, with no scale");
        assertNull(RunOption.INIT.notApplying(tensor));
    }

    @Test
    void presetsBuildAsBeforeAndManifestsStillRecordEveryOption() {
        RunConfig c = run().m2(7).lambda0(0.5).batch(10_000).terms(3).build(); // a builder is not refused anything
        assertEquals(7, c.student().m2());
        assertEquals(RunOption.values().length, c.options().size());
    }
}
