package org.relulab.training.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.DataSource;

/**
 * The child process of {@link MemoryEstimateMeasuredTest}, a fresh JVM with native memory tracking: builds small
 * runs of every network kind through {@link RunFactory#assemble} (the real allocation path), takes a step, an
 * evaluation and the metrics, and prints per run one line "name estimate live peak": the off-heap estimate, the
 * native "Other" bytes (where FFM arenas allocate) in use with the run open, and the high-water mark of those bytes
 * while it was built. NMT's peak never falls, so the runs go smallest estimate first; a peak that did not rise past
 * the previous runs' prints -1.
 */
public final class MemoryProbeChild {
    private MemoryProbeChild() {}

    /** The runs, by name: each network kind, sgd, the as21 optimizer, and one whose labelling buffer is its peak. */
    static Map<String, RunConfig> configs(Path out) {
        Map<String, RunConfig> c = new LinkedHashMap<>();
        c.put("two-layer", base(out, "a").n(2000).testN(1000).m(50).build());
        c.put("two-layer-sgd", base(out, "b").teacher(TeacherKind.RELU).d(64).n(8000).testN(2000).m(64)
                .optimizer(OptimizerKind.SGD).batch(100).build());
        c.put("all19-2", base(out, "c").teacher(TeacherKind.FIG1).n(4000).testN(1000).network(NetworkKind.ALL19_2)
                .m(200).build());
        c.put("all19-3", base(out, "d").teacher(TeacherKind.CONCEPT2).d(16).n(3000).testN(1000)
                .network(NetworkKind.ALL19_3).m(128).m2(100).build());
        c.put("ntk-2", base(out, "e").teacher(TeacherKind.FIG1).n(4000).testN(1000).network(NetworkKind.NTK_2).m(400)
                .build());
        c.put("as21", base(out, "f").teacher(TeacherKind.SIGNED_RELU).d(64).teacherNeurons(4).n(20000).testN(2000)
                .activation(Activation.RELU).optimizer(OptimizerKind.AS21).m(100).build());
        c.put("two-layer-labelling-peak", base(out, "g").d(512).n(8000).testN(1000).m(8).build());
        return c;
    }

    private static RunConfig.Builder base(Path out, String name) {
        return RunConfig.defaults().steps(10).seed(3).threads(1).out(out.resolve(name));
    }

    public static void main(String[] args) throws Exception {
        Map<String, RunConfig> configs = configs(Path.of(args[0]));
        List<Map.Entry<String, RunConfig>> order = configs.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> estimate(e.getValue()))).toList();
        try (Kernels k = Kernels.create(Provider.lookup(), 1)) {
            for (Map.Entry<String, RunConfig> e : order) {
                RunConfig cfg = e.getValue();
                long[] before = nativeOther();
                long live;
                try (Workspace ws = Workspace.shared()) {
                    AssembledRun run = RunFactory.assemble(cfg, ws, k, DataSource.GENERATED);
                    run.batches().load(k, 0);
                    run.step().forward(k, run.batches().x(), run.batches().y());
                    run.step().backward(k, run.batches().x());
                    run.optimizer().update(k, run.learner(), run.step(), 0);
                    run.trainEval().mse(k, run.evalStep());
                    run.testEval().mse(k, run.evalStep());
                    run.metricValues(0, run.metricColumns().size());
                    live = nativeOther()[0] - before[0];
                }
                long[] after = nativeOther();
                long peak = after[1] > before[1] ? after[1] - before[0] : -1;
                System.out.printf(Locale.ROOT, "%s %d %d %d%n", e.getKey(), estimate(cfg), live, peak);
            }
        }
    }

    static long estimate(RunConfig cfg) {
        return MemoryEstimate.of(cfg, Provider.lookup(), false).offHeap();
    }

    /** NMT's "Other" malloc bytes now and at their peak, in bytes ("scale=1": exact, where the default is KB). */
    private static long[] nativeOther() throws Exception {
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary", "scale=1"}}, new String[] {String[].class.getName()});
        Matcher m = Pattern.compile("-\\s*Other \\(reserved=\\d+, committed=\\d+\\)\\s*\\(malloc=(\\d+)[^)]*\\)"
                + "\\s*\\((?:peak=(\\d+)[^)]*|at peak)\\)").matcher(summary);
        if (!m.find()) throw new IllegalStateException("no NMT Other line in:\n" + summary);
        long now = Long.parseLong(m.group(1));
        return new long[] {now, m.group(2) == null ? now : Long.parseLong(m.group(2))};
    }
}
