package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.relulab.core.Kernels;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.TextFile;
import org.relulab.training.machine.MachineInfo;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.teacher.Teacher;

/**
 * manifest.json: the run's status, the command that reproduces it, the options that apply to it, the seeds, the
 * environment and, when done, the result. docs/experiments.md ("Output files") describes every key.
 */
final class Manifest {
    /** The manifest's name in the run folder. */
    static final String FILE = "manifest.json";

    /** The manifest's "status" while the run goes, and after it. */
    enum Status {
        /** Started, not finished (or killed: a checkpoint, if any, resumes it). */
        RUNNING,
        /** Finished with finite losses and weights. */
        DONE,
        /** Stopped at a loss that is not finite; its saved weights may hold NaN or infinities ("weights_finite"). */
        DIVERGED;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A word the shell takes as it is; any other is single-quoted. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:=+@%-]+");

    private Manifest() {}

    /**
     * The manifest of a run starting now ({@code started}) on {@code data}, checkpointing every {@code checkpointEvery}
     * steps (0: never), resumed at step {@code resumedAt} (-1: not resumed); status {@link Status#RUNNING}.
     */
    static Map<String, Object> of(RunConfig cfg, Kernels k, Teacher teacher, Optimizer optimizer, Instant started,
            DataSource data, long checkpointEvery, long resumedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relulab", "0.1.0");
        m.put("status", Status.RUNNING.key());
        m.put("started", started.toString());
        m.put("command", command(cfg, data, checkpointEvery));
        m.put("options", options(cfg, data));
        m.put("teacher", teacher.describe());
        m.put("optimizer", optimizer(cfg, optimizer));
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
        m.put("data", data.dir() == null
                ? "generated from the teacher and the seeds"
                : "loaded from " + dataDir(data) + " (x_train, y_train, x_test, y_test .npy)");
        m.put("data_dir", dataDir(data));
        m.put("save_data", data.save());
        m.put("checkpoint_every", checkpointEvery);
        if (resumedAt >= 0) m.put("resumed_at_step", resumedAt);
        return m;
    }

    /**
     * The options that apply to the run ({@link RunOption#appliesTo}), keyed by their command-line names without
     * "--", numbers and booleans as JSON numbers and booleans, choices and paths as text, in {@link RunOption}'s
     * order: what {@link RunConfig#fromOptions} reads back.
     */
    static Map<String, Object> options(RunConfig cfg, DataSource data) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (RunOption o : RunOption.values()) if (o.appliesTo(cfg, data)) options.put(o.cli(), o.json(cfg));
        return options;
    }

    /**
     * The command line that runs this run again from the repository's root: {@code ./relulab train}, every option that
     * applies with its value (a flag only when set), then the data source and the checkpoint interval; values the
     * shell would split or expand are single-quoted.
     */
    static String command(RunConfig cfg, DataSource data, long checkpointEvery) {
        List<String> words = new ArrayList<>(List.of("./relulab", "train"));
        for (RunOption o : RunOption.values()) {
            if (!o.appliesTo(cfg, data)) continue;
            if (o.flag()) {
                if (Boolean.TRUE.equals(o.json(cfg))) words.add("--" + o.cli());
            } else {
                words.add("--" + o.cli());
                words.add(o.text(cfg));
            }
        }
        if (data.dir() != null) words.addAll(List.of("--data", dataDir(data)));
        if (data.save()) words.add("--save-data");
        if (checkpointEvery > 0) words.addAll(List.of("--checkpoint-every", Long.toString(checkpointEvery)));
        return String.join(" ", words.stream().map(Manifest::shellWord).toList());
    }

    /** The update rule as the run uses it, named as chosen: an SGD run says stochastic, with its batch size. */
    static String optimizer(RunConfig cfg, Optimizer optimizer) {
        String rule = optimizer.describe();
        if (cfg.optimizer().kind() != OptimizerKind.SGD) return rule;
        return rule.replaceFirst("^gradient descent", "stochastic gradient descent on mini-batches of "
                + cfg.optimizer().batch() + " of the " + cfg.data().n() + " samples");
    }

    /** Marks the manifest finished: its status ({@link Status#DONE} or {@link Status#DIVERGED}) and its result. */
    static void finish(Map<String, Object> m, Status status, Map<String, Object> result) {
        m.put("status", status.key());
        m.put("result", result);
    }

    /** The manifest's {@code data_dir}: the data folder as an absolute path, or "" for generated data. */
    static String dataDir(DataSource data) {
        return data.dir() == null ? "" : data.dir().toAbsolutePath().normalize().toString();
    }

    /** Writes the manifest atomically: a temporary file renamed over the old one ({@link TextFile}). */
    static void write(Path dir, Map<String, Object> manifest) throws IOException {
        TextFile.write(dir.resolve(FILE), JsonText.of(manifest));
    }

    private static String shellWord(String word) {
        return SHELL_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
