package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.CheckpointFile;

/**
 * What a resumed run checks about its checkpoint before it writes or deletes anything: that the run its manifest
 * describes is the run that wrote the checkpoint (the same options and data), and that the checkpoint's step is one
 * that run can have written. A checkpoint records the options it was written with ({@link #recorded}), all of them;
 * those that do not apply to the run are not compared, since a manifest lists only those that do; metrics.csv is
 * checked against the step by {@link MetricsCsv#kept}. Every refusal is an {@link IllegalArgumentException} naming
 * the file and what disagrees.
 */
final class ResumeCheck {
    /**
     * The options that change neither the weights nor the metrics of a run, which a checkpoint does not record: where
     * the run writes, and its thread count (GEMM sums every element in the same order on any count).
     */
    private static final Set<RunOption> NOT_RECORDED = EnumSet.of(RunOption.OUT, RunOption.THREADS);

    /** The manifest key of the data folder, recorded with the options: other data is another run. */
    private static final String DATA_DIR = "data_dir";

    private ResumeCheck() {}

    /** What a checkpoint of the run records: its options by manifest key (all but {@link #NOT_RECORDED}), its data. */
    static Map<String, String> recorded(RunConfig cfg, DataSource data) {
        Map<String, String> all = cfg.options(), recorded = new LinkedHashMap<>();
        for (RunOption o : RunOption.values()) if (!NOT_RECORDED.contains(o)) recorded.put(o.key(), all.get(o.key()));
        recorded.put(DATA_DIR, Manifest.dataDir(data));
        return recorded;
    }

    /**
     * The checkpoint in {@code file}, read and checked against the run {@code cfg} on {@code data}, which writes a
     * checkpoint every {@code every} steps (0: the manifest records no interval).
     */
    static CheckpointFile checkpoint(RunConfig cfg, DataSource data, Path file, long every) throws IOException {
        CheckpointFile c = CheckpointFile.read(file);
        Path manifest = cfg.out().resolve(Manifest.FILE);
        if (c.step() > cfg.steps()) {
            throw new IllegalArgumentException(file + ": step " + c.step() + " is beyond the run's last step "
                    + cfg.steps() + " (" + manifest + "'s steps; expected a step from 0 to " + cfg.steps() + ")");
        }
        if (every > 0 && c.step() % every != 0) {
            throw new IllegalArgumentException(file + ": step " + c.step() + " is not a multiple of the run's "
                    + "checkpoint interval " + every + " (an altered checkpoint?)");
        }
        Map<String, String> expected = recorded(cfg, data);
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(c.options().keySet());
        for (RunOption o : RunOption.values()) if (!o.appliesTo(cfg, data)) keys.remove(o.key());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), c.options().get(key))) {
                throw new IllegalArgumentException(manifest + " has " + key + " = " + text(expected.get(key)) + " but "
                        + file + " was written by a run with " + key + " = " + text(c.options().get(key))
                        + " (expected the manifest of the run that wrote the checkpoint: was it edited?)");
            }
        }
        return c;
    }

    private static String text(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
