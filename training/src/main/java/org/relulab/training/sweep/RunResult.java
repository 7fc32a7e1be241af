package org.relulab.training.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.PlateauEscape;
import org.relulab.training.metrics.TargetFloor;
import org.relulab.training.run.MetricsCsv;

/**
 * What one point's run gave: its state and, for a run that ended (done or diverged), its numbers by runs.csv's column
 * names ({@link #COLUMNS}). A run that has not ended (pending, running, failed) has none: its cells stay empty.
 *
 * @param state  the point's state
 * @param values column → value; a column without a value is absent; a loss that was not finite is NaN or an infinity
 */
public record RunResult(PointState state, Map<String, Double> values) {
    /** The numbers of a run, as runs.csv names its columns. */
    static final List<String> COLUMNS = List.of("steps_done", "final_train_loss", "final_test_loss",
            "final_test_loss_x_d", "best_train_loss", "best_test_loss", "seconds", "escape_step", "left_plateau");

    public RunResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the run ended, done or diverged: only then has it numbers. */
    public boolean ended() {
        return state == PointState.DONE || state == PointState.DIVERGED;
    }

    /** Whether the run diverged (its loss or weights stopped being finite). */
    public boolean diverged() {
        return state == PointState.DIVERGED;
    }

    /** The training loss at the end of the run; NaN when it has none. */
    public double finalTrainLoss() {
        return values.getOrDefault("final_train_loss", Double.NaN);
    }

    /** The test loss at the end of the run; NaN when it has none. */
    public double finalTestLoss() {
        return values.getOrDefault("final_test_loss", Double.NaN);
    }

    /** The steps run: all of them, or fewer when the run diverged; 0 when it has not ended. */
    public long stepsDone() {
        return values.getOrDefault("steps_done", 0.0).longValue();
    }

    /** The wall-clock seconds of the training loop; NaN when it has none. */
    public double seconds() {
        return values.getOrDefault("seconds", Double.NaN);
    }

    /** The runs.csv column of metric {@code m}; null for {@link Metric#DIVERGED}, which is the status column. */
    static String column(Metric m) {
        return switch (m) {
            case STEPS -> "steps_done";
            case DIVERGED -> null;
            default -> m.key().replace('-', '_');
        };
    }

    /**
     * The result of the run in {@code runDir}: from its manifest's result (steps done, final losses, seconds; the
     * final test loss × d with the manifest's d) and its metrics.csv (the best losses: the lowest finite logged value,
     * NaN when none is finite). A metrics.csv that cannot be read leaves the best losses empty and is reported on
     * {@code warnings}. LMZ20's runs (a {@code population_loss} column and the teacher's output weights,
     * {@link WeightFile#TEACHER_OUTPUT_WEIGHT}) also get the escape step and whether they left the plateau
     * ({@link PlateauEscape}); other runs leave them empty.
     */
    public static RunResult read(Path runDir, PrintStream warnings) {
        PointStatus status = PointStatus.of(runDir);
        PointState state = status.state();
        if (state != PointState.DONE && state != PointState.DIVERGED) return new RunResult(state, Map.of());
        Map<?, ?> manifest = status.manifest();
        Map<?, ?> result = (Map<?, ?>) manifest.get("result");
        Map<String, Double> v = new LinkedHashMap<>();
        put(v, "steps_done", number(result.get("steps_done")));
        put(v, "final_train_loss", number(result.get("train_loss")));
        put(v, "final_test_loss", number(result.get("test_loss")));
        Double d = manifest != null && manifest.get("options") instanceof Map<?, ?> o ? number(o.get("d")) : null;
        Double test = v.get("final_test_loss");
        put(v, "final_test_loss_x_d", d == null || test == null ? null : test * d);
        Path csv = runDir.resolve("metrics.csv");
        try {
            Map<String, double[]> rows = MetricsCsv.read(csv);
            put(v, "best_train_loss", lowest(rows.get("train_loss")));
            put(v, "best_test_loss", lowest(rows.get("test_loss")));
            escape(runDir, rows, v);
        } catch (IOException | RuntimeException e) {
            warnings.println("sweep collect: warning: cannot read " + csv + " (" + e.getMessage()
                    + "): its best losses are left empty");
        }
        put(v, "seconds", number(result.get("seconds")));
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String c : COLUMNS) if (v.containsKey(c)) ordered.put(c, v.get(c));
        return new RunResult(state, ordered);
    }

    /**
     * escape_step (infinite when the run did not get there) and left_plateau (1 or 0), for a run that logs the
     * population loss against the abs teacher whose a_j it saved; nothing for other runs.
     */
    private static void escape(Path runDir, Map<String, double[]> rows, Map<String, Double> v) throws IOException {
        Path a = WeightFile.TEACHER_OUTPUT_WEIGHT.find(runDir);
        double[] loss = rows.get("population_loss"), steps = rows.get("step");
        if (loss == null || steps == null || a == null) return;
        double floor = TargetFloor.of(WeightFile.TEACHER_OUTPUT_WEIGHT.readVector(runDir), PlateauEscape.DEGREE);
        long step = PlateauEscape.step(steps, loss, floor);
        v.put("escape_step", step < 0 ? Double.POSITIVE_INFINITY : step);
        v.put("left_plateau", step < 0 ? 0.0 : 1.0);
    }

    private static void put(Map<String, Double> v, String column, Double value) {
        if (value != null) v.put(column, value);
    }

    /** A manifest number: a JSON number, or the text a manifest writes for one that is not finite ("NaN"). */
    private static Double number(Object v) {
        if (v instanceof Number x) return x.doubleValue(); // Json reads an integer from 2^53 on as a Long
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The lowest finite value, NaN when there is none, null when the column is missing. */
    private static Double lowest(double[] column) {
        if (column == null) return null;
        double best = Double.NaN;
        for (double x : column) if (Double.isFinite(x) && !(x >= best)) best = x;
        return best;
    }
}
