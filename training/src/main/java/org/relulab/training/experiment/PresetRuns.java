package org.relulab.training.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.io.TextFile;
import org.relulab.training.io.WeightFile;
import org.relulab.training.run.MetricsCsv;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.sweep.SweepPoint;

/**
 * The finished sweeps of a reproduction, as its report reads them: for each sweep (by its spec's name), its points in
 * the spec's order, each with its run folder, its whole configuration and what it gave. The report reads the runs'
 * options from here, not from the preset, so an edited spec ({@code reproduce X --specs DIR}) gets a true report.
 *
 * @param dir     the reproduction's folder: each sweep in {@code dir/SWEEP/}, the report's files at the top
 * @param sweeps  sweep name → its runs, in the order the experiment lists its sweeps
 * @param threads GEMM threads for the work the report does itself (the kernel fits of beyond-ntk)
 */
public record PresetRuns(Path dir, Map<String, List<Run>> sweeps, int threads) {
    /**
     * One finished point.
     *
     * @param point  the point: its folder name and its swept options
     * @param dir    its run folder
     * @param config its whole configuration, train's defaults filled in
     * @param result its final numbers (done or diverged)
     */
    public record Run(SweepPoint point, Path dir, RunConfig config, RunResult result) {
        /** Its metrics.csv, column name → values by logged row. */
        public Map<String, double[]> metrics() throws IOException {
            return MetricsCsv.read(dir.resolve("metrics.csv"));
        }

        /** A matrix the run saved ({@link WeightFile}, under its name or an older one), as rows. */
        public double[][] matrix(WeightFile part) throws IOException {
            return part.readRows(dir);
        }

        /** A vector the run saved ({@link WeightFile}: 1-D, or one row in an older run). */
        public double[] vector(WeightFile part) throws IOException {
            return part.readVector(dir);
        }
    }

    public PresetRuns {
        sweeps = Collections.unmodifiableMap(new LinkedHashMap<>(sweeps));
    }

    /** The runs of sweep {@code name}. */
    public List<Run> of(String name) {
        List<Run> runs = sweeps.get(name);
        if (runs == null)
            throw new IllegalArgumentException("no sweep '" + name + "' (sweeps: " + sweeps.keySet() + ")");
        return runs;
    }

    /**
     * The {@code run_id} column of the report's tables for run {@code r}: its folder relative to {@link #dir}, with
     * '/' between names ({@code grid/runs/m=5_reg-lambda=0_seed=1}).
     */
    public String runId(Run r) {
        return runId(dir, r);
    }

    /** The {@code run_id} of run {@code r} in the tables of a report whose folder is {@code top} ({@link #runId}). */
    static String runId(Path top, Run r) {
        return top.toAbsolutePath().normalize().relativize(r.dir().toAbsolutePath().normalize()).toString()
                .replace(java.io.File.separatorChar, '/');
    }

    /** Writes a file of the report at the top of {@link #dir}, replacing it atomically. */
    public void write(String file, CharSequence text) throws IOException {
        TextFile.write(dir.resolve(file), text.toString());
    }
}
