package org.relulab.training.sweep;

import org.relulab.training.failure.Failure;

/**
 * Where something is in a sweep spec: the file as the user named it, and a line and a column counted from 1 (0 when
 * unknown). Every spec error is made here, so each one starts the same way: {@code sweep: FILE:LINE:COLUMN: }.
 *
 * @param file   the spec's path as given, or another name for a spec read from text
 * @param line   the line, from 1; 0 when unknown
 * @param column the column, from 1; 0 when unknown
 */
public record SpecPosition(String file, int line, int column) {
    /** The whole file, no line. */
    static SpecPosition of(String file) {
        return new SpecPosition(file, 0, 0);
    }

    /** "spec.toml:12:5", or "spec.toml" when the line is unknown. */
    @Override
    public String toString() {
        if (line <= 0) return file;
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }

    /** The one-line usage failure (exit code 2) "sweep: FILE:LINE:COLUMN: message". */
    public Failure error(String message) {
        return Failure.usage("sweep: " + this + ": " + message);
    }
}
