package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.io.Json;
import org.relulab.training.run.RunLock;

/**
 * The state of one sweep point, read from its run folder ({@code DIR/runs/NAME}). A minimal version written for
 * {@code sweep collect} (with its {@link PointState}); the sweep runner has its own, and the two are to become one
 * class (this file holds both types, so that the merge shows the overlap).
 */
final class PointStatus {
    /** The run's manifest in its folder (the name {@code run.Manifest} gives it). */
    static final String MANIFEST = "manifest.json";

    private PointStatus() {}

    /**
     * The state of the run whose folder is {@code runDir}: pending when the folder does not exist; running when
     * another process (or this one) holds its lock ({@link RunLock#requireNotHeld}); done when its manifest has a
     * result that did not diverge; diverged when the result says so; failed otherwise (no manifest, an unreadable
     * one, or one without a result: the run was stopped or failed before its end).
     */
    static PointState of(Path runDir) {
        if (!Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) return PointState.PENDING;
        try {
            RunLock.requireNotHeld(runDir);
        } catch (Failure e) {
            if (e.exitCode() == ExitCode.BUSY) return PointState.RUNNING;
            throw e;
        }
        Map<?, ?> result = result(runDir);
        if (result == null) return PointState.FAILED;
        return Boolean.TRUE.equals(result.get("diverged")) ? PointState.DIVERGED : PointState.DONE;
    }

    /** The "result" object of the run's manifest.json, or null when it has none or cannot be read. */
    static Map<?, ?> result(Path runDir) {
        Map<?, ?> manifest = manifest(runDir);
        return manifest != null && manifest.get("result") instanceof Map<?, ?> r ? r : null;
    }

    /** The run's manifest.json as a JSON object, or null when it is missing or cannot be read. */
    static Map<?, ?> manifest(Path runDir) {
        try {
            return Json.parse(Files.readString(runDir.resolve(MANIFEST))) instanceof Map<?, ?> m ? m : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Where a sweep point stands: its run not started, going, finished, diverged, or stopped before its end. */
    enum PointState {
        /** No run folder yet. */
        PENDING,
        /** A relulab process holds the run folder's lock. */
        RUNNING,
        /** The run finished: its manifest has a result that did not diverge. */
        DONE,
        /** The run ended early because its loss or weights stopped being finite. */
        DIVERGED,
        /** The run folder exists, nobody holds it, and its manifest has no result: the run failed or was killed. */
        FAILED;

        /** The state's name in tables: pending, running, done, diverged, failed. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
