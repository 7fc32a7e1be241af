package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relulab.core.Kernels;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.TextFile;
import org.relulab.training.machine.MachineInfo;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.teacher.Teacher;

/** manifest.json: every resolved option, the seeds, the environment and, when done, the result. */
final class Manifest {
    /** The manifest's name in the run folder. */
    static final String FILE = "manifest.json";

    private Manifest() {}

    static Map<String, Object> of(RunConfig cfg, Kernels k, Teacher teacher, Optimizer optimizer, Instant started) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relulab", "0.1.0");
        m.put("started", started.toString());
        m.put("options", cfg.options());
        m.put("teacher", teacher.describe());
        m.put("optimizer", optimizer.describe());
        m.put("objective", "J = (1/2n) sum (f - y)^2; train_loss and test_loss are the mean squared error 2J");
        m.put("seeds", "teacher seed, train set seed+1 (noise +2), test set seed+3 (noise +4), init seed+5, "
                + "batch order seed+6 and seed+7");
        m.put("rng", Kernels.GAUSSIAN_ALGORITHM + "; teacher orthogonal matrices: SplittableRandom + Box-Muller; "
                + "batch order: java.util.Random + fastutil IntArrays.shuffle");
        m.put("kernels", k.describe());
        m.put("threads", k.threads());
        m.put("jdk", MachineInfo.jdk());
        m.put("cpu", MachineInfo.cpuModel());
        m.put("cores", MachineInfo.cores());
        m.put("os", MachineInfo.os());
        m.put("git_commit", MachineInfo.gitCommit());
        return m;
    }

    /**
     * Where the data came from ({@code data}, {@code data_dir}, {@code save_data}), the checkpoint interval and, for a
     * resumed run, the step it resumed at ({@code resumedAt} ≥ 0).
     */
    static void addSources(Map<String, Object> m, DataSource data, long checkpointEvery, long resumedAt) {
        m.put("data", data.dir() == null
                ? "generated from the teacher and the seeds"
                : "loaded from " + data.dir().toAbsolutePath().normalize()
                        + " (x_train, y_train, x_test, y_test .npy)");
        m.put("data_dir", dataDir(data));
        m.put("save_data", data.save());
        m.put("checkpoint_every", checkpointEvery);
        if (resumedAt >= 0) m.put("resumed_at_step", resumedAt);
    }

    /** The manifest's {@code data_dir}: the data folder as an absolute path, or "" for generated data. */
    static String dataDir(DataSource data) {
        return data.dir() == null ? "" : data.dir().toAbsolutePath().normalize().toString();
    }

    /** Writes the manifest atomically: a temporary file renamed over the old one ({@link TextFile}). */
    static void write(Path dir, Map<String, Object> manifest) throws IOException {
        TextFile.write(dir.resolve(FILE), JsonText.of(manifest));
    }
}
