package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.io.Json;
import org.relulab.training.run.RunLock;

/**
 * The one rule for a sweep point's state ({@link PointState}), read from its folders only: the runner, {@code sweep
 * status} and {@code sweep collect} all use it, and there is no other bookkeeping. For the run folder
 * {@code DIR/runs/NAME} and the log {@code DIR/logs/NAME.log}:
 * <ol>
 * <li>no run folder: {@link PointState#FAILED} when the log's last attempt failed (a run refused before it created
 * its folder, such as an input error: its "relulab:" line says why), else {@link PointState#PENDING};
 * <li>a process holds the folder's lock ({@link RunLock#holder}): {@link PointState#RUNNING};
 * <li>manifest.json has a {@code result}: {@link PointState#DIVERGED} when {@code result.diverged} is true, else
 * {@link PointState#DONE} (the manifest decides, whatever the log says);
 * <li>anything else (no manifest, a manifest without a result, one that cannot be read, a file instead of a folder):
 * {@link PointState#FAILED}: killed, crashed, or a run error; resumable when checkpoint.bin is there.
 * </ol>
 *
 * @param state      the state
 * @param reason     one line: why it failed (the log's last "relulab:" line of its last attempt, or what the folder
 *                   lacks), why it diverged, or who runs it; "" for pending and done
 * @param runDir     its run folder
 * @param checkpoint whether the run folder holds checkpoint.bin (a failed run resumes from it)
 * @param manifest   the run's manifest.json, parsed, or null when it has none that reads
 */
public record PointStatus(PointState state, String reason, Path runDir, boolean checkpoint, Map<?, ?> manifest) {
    /** The run's manifest in its folder. */
    public static final String MANIFEST = "manifest.json";
    /** The run's checkpoint in its folder. */
    public static final String CHECKPOINT = "checkpoint.bin";

    /**
     * The state of the point whose run folder is {@code runDir}, a sweep's {@code DIR/runs/NAME}; its log is
     * {@code DIR/logs/NAME.log}.
     */
    public static PointStatus of(Path runDir) {
        Path abs = runDir.toAbsolutePath().normalize(), sweep = abs.getParent().getParent();
        return of(runDir, sweep.resolve(SweepFolder.LOGS).resolve(abs.getFileName() + ".log"));
    }

    /** The state of the point whose run folder is {@code runDir} and whose log is {@code log}. */
    public static PointStatus of(Path runDir, Path log) {
        if (!Files.exists(runDir, LinkOption.NOFOLLOW_LINKS)) {
            PointLog.Attempt last = PointLog.last(log);
            return last.failed()
                    ? new PointStatus(PointState.FAILED, last.reason(), runDir, false, null)
                    : new PointStatus(PointState.PENDING, "", runDir, false, null);
        }
        if (!Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) {
            return failed(runDir, log, false, null, runDir + " is not a folder");
        }
        String holder = RunLock.holder(runDir);
        if (holder != null) return new PointStatus(PointState.RUNNING, "run by " + holder, runDir, false, null);
        boolean checkpoint = Files.isRegularFile(runDir.resolve(CHECKPOINT));
        Path file = runDir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return failed(runDir, log, checkpoint, null, "no " + MANIFEST + ": stopped before the run started");
        }
        Map<?, ?> manifest;
        try {
            manifest = Json.parse(Files.readString(file)) instanceof Map<?, ?> m ? m : null;
        } catch (IOException | RuntimeException e) {
            manifest = null;
        }
        if (manifest == null) return failed(runDir, log, checkpoint, null, file + " cannot be read as JSON");
        if (!(manifest.get("result") instanceof Map<?, ?> result)) {
            return failed(runDir, log, checkpoint, manifest,
                    "no result in " + MANIFEST + ": killed or crashed mid-run"
                            + (checkpoint ? " (a checkpoint is kept)" : " (before its first checkpoint)"));
        }
        if (Boolean.TRUE.equals(result.get("diverged"))) {
            return new PointStatus(PointState.DIVERGED, String.format(Locale.ROOT,
                    "diverged after %s steps (train loss %s, test loss %s)", number(result.get("steps_done")),
                    number(result.get("train_loss")), number(result.get("test_loss"))), runDir, checkpoint,
                    manifest);
        }
        return new PointStatus(PointState.DONE, "", runDir, checkpoint, manifest);
    }

    /** A failed point: its log's last attempt says why, or {@code otherwise}. */
    private static PointStatus failed(Path runDir, Path log, boolean checkpoint, Map<?, ?> manifest,
            String otherwise) {
        String why = PointLog.last(log).reason();
        return new PointStatus(PointState.FAILED, why != null ? why : otherwise, runDir, checkpoint, manifest);
    }

    private static String number(Object v) {
        if (v instanceof Double d)
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        return String.valueOf(v);
    }
}
