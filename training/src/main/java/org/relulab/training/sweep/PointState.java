package org.relulab.training.sweep;

/**
 * Where a point of a sweep stands, read from its folders alone by {@link PointStatus#of(java.nio.file.Path)}: the
 * runner, {@code sweep status} and {@code sweep collect} all see the same state.
 */
public enum PointState {
    /** Not run yet: no run folder (and no failed attempt in its log). */
    PENDING,
    /** A process holds its run folder's lock now. */
    RUNNING,
    /** Finished: its manifest has a result, not diverged. */
    DONE,
    /** Finished and recorded: its manifest's result says diverged; a rerun leaves it. */
    DIVERGED,
    /** Started and did not finish (killed, crashed, a run error) or refused (its log's last attempt says why). */
    FAILED;

    /** The state's name in tables and reports: pending, running, done, diverged, failed. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Done or diverged: a rerun skips it. */
    public boolean finished() {
        return this == DONE || this == DIVERGED;
    }
}
