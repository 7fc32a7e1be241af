package org.relulab.training.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.failure.FileProblem;

/**
 * The format of a run's metrics.csv, written and read here only: a header
 * {@code step,epoch,train_loss,test_loss,test_loss_x_d[,extra…],seconds}, then one row per logged step.
 * {@link #read} gives every column by name (experiments that summarize several runs use it); {@link Writer} writes a
 * run's rows as they come, flushed so that a long run can be watched, and keeps them for the run's plots.
 */
public final class MetricsCsv {
    private static final List<String> FIRST = List.of("step", "epoch", "train_loss", "test_loss", "test_loss_x_d");
    private static final String LAST = "seconds";

    private MetricsCsv() {}

    /** The header of a run that logs {@code extras} beyond the losses. */
    static String header(List<String> extras) {
        List<String> names = new ArrayList<>(FIRST);
        names.addAll(extras);
        names.add(LAST);
        return String.join(",", names);
    }

    /** Column name → values, in file order; every column of a well-formed metrics.csv. */
    public static Map<String, double[]> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) throw new IOException(csv + " is empty: expected a header line");
        String[] names = lines.get(0).split(",");
        double[][] cols = new double[names.length][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            if (cells.length != names.length) {
                throw new IOException(
                        csv + " line " + (r + 1) + " has " + cells.length + " values: expected " + names.length);
            }
            for (int c = 0; c < names.length; c++) cols[c][r - 1] = Double.parseDouble(cells[c]);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) out.put(names[c], cols[c]);
        return out;
    }

    /**
     * The rows of a run's metrics.csv that the run resumed at step {@code resumeAt} keeps: those before it, the first
     * {@code bytes} of the file, parsed as {@link Writer} keeps them.
     */
    public record Kept(long bytes, List<double[]> rows) {}

    /**
     * Checks the metrics.csv of a run that logs {@code extras} every {@code logEvery} of its {@code steps} steps, to
     * resume it at step {@code resumeAt}, and returns the rows it keeps. Every line must be a row of numbers, the
     * header that run writes and then the steps it logs, in order: 0, logEvery, 2 logEvery, …, steps; and there must
     * be a row for each of those steps before {@code resumeAt}. Rows from {@code resumeAt} on (a run killed after its
     * checkpoint logged them) are checked and dropped, as is a last line without its newline (a write cut short).
     * A file that breaks the rule is an {@link IllegalArgumentException} naming the line and what was expected.
     */
    public static Kept kept(Path file, List<String> extras, long resumeAt, long logEvery, long steps)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing (expected the metrics the run logged before its "
                    + "checkpoint at step " + resumeAt + ")");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1); // one char per byte: offsets are bytes
        // Whole lines only, the last one "" (after the last newline): a line without its newline is a torn write.
        String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n", -1);
        String header = header(extras);
        if (lines.length < 2 || !lines[0].equals(header)) {
            throw new IllegalArgumentException(file + ": header '" + (lines.length < 2 ? "" : lines[0])
                    + "' (expected '" + header + "')");
        }
        long bytes = header.length() + 1, next = 0; // next: the step the next row logs (steps + 1: none)
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r < lines.length - 1; r++) {
            double[] cells = cells(file, r + 1, lines[r], FIRST.size() + extras.size() + 1);
            long step = (long) cells[0];
            if (step != next) {
                throw new IllegalArgumentException(file + " line " + (r + 1) + ": step " + step + " (expected "
                        + (next > steps ? "no row after the last step " + steps : "step " + next)
                        + ": rows out of order, repeated or missing)");
            }
            next = step == steps ? steps + 1 : Math.min(step + logEvery, steps);
            if (step >= resumeAt) continue;
            bytes += lines[r].length() + 1;
            double[] kept = new double[3 + extras.size()];
            kept[0] = step;
            kept[1] = cells[2];
            kept[2] = cells[3];
            System.arraycopy(cells, FIRST.size(), kept, 3, extras.size());
            rows.add(kept);
        }
        if (next < resumeAt) {
            throw new IllegalArgumentException(file + " stops before step " + next + " (expected a row for every "
                    + "logged step before the checkpoint's step " + resumeAt + ")");
        }
        return new Kept(bytes, List.copyOf(rows));
    }

    /** The values of row {@code line} of {@code file}: {@code columns} numbers, the first a whole step. */
    private static double[] cells(Path file, int line, String row, int columns) {
        String[] cells = row.split(",", -1);
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    file + " line " + line + " has " + cells.length + " values (expected " + columns + ")");
        }
        double[] values = new double[columns];
        for (int c = 0; c < columns; c++) {
            try {
                values[c] = c == 0 ? Long.parseLong(cells[c]) : Double.parseDouble(cells[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ": '" + cells[c] + "' is not "
                        + (c == 0 ? "a step" : "a number") + " (expected a row of numbers)");
            }
        }
        return values;
    }

    /** One run's metrics.csv, open for appending rows; its logged rows kept in memory (logged steps only). */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final BufferedWriter w;
        private final List<String> extras;
        private final List<double[]> rows = new ArrayList<>(); // step, train, test, extras... (log steps only)

        /**
         * A new metrics.csv with {@code extras} beyond the losses, or (resumed not null) the existing one cut to the
         * rows {@link #kept} checked, which the resumed run appends to. The cut is one truncation: a kill cannot leave
         * the file half rewritten.
         */
        public Writer(Path file, List<String> extras, Kept resumed) throws IOException {
            this.file = file;
            this.extras = List.copyOf(extras);
            try {
                if (resumed == null) {
                    Files.writeString(file, header(extras) + "\n");
                } else {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(resumed.bytes());
                    }
                    rows.addAll(resumed.rows());
                }
                w = Files.newBufferedWriter(file, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw FileProblem.naming(file, e);
            }
        }

        /** Appends the row of logged step {@code step}: losses, the test loss × d, the extra values, the time. */
        public void row(long step, double epoch, double train, double test, int d, double seconds, double[] values)
                throws IOException {
            double[] r = new double[3 + values.length];
            r[0] = step;
            r[1] = train;
            r[2] = test;
            System.arraycopy(values, 0, r, 3, values.length);
            rows.add(r);
            StringBuilder sb = new StringBuilder(
                    String.format(Locale.ROOT, "%d,%.6g,%.9g,%.9g,%.9g", step, epoch, train, test,
                            test * d));
            for (double v : values) {
                sb.append(',').append(v == Math.rint(v) && Math.abs(v) < 1e15
                        ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%.9g", v));
            }
            try {
                w.write(sb.append(String.format(Locale.ROOT, ",%.3f%n", seconds)).toString());
                w.flush();
            } catch (IOException e) {
                throw FileProblem.naming(file, e);
            }
        }

        /** The logged steps. */
        public double[] steps() {
            return column(0);
        }

        /** A logged column by name: train_loss, test_loss or an extra. */
        public double[] column(String name) {
            return switch (name) {
                case "train_loss" -> column(1);
                case "test_loss" -> column(2);
                default -> {
                    int e = extras.indexOf(name);
                    if (e < 0) throw new IllegalArgumentException("metrics.csv has no column '" + name + "'");
                    yield column(3 + e);
                }
            };
        }

        private double[] column(int c) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) v[i] = rows.get(i)[c];
            return v;
        }

        @Override
        public void close() throws IOException {
            try {
                w.close();
            } catch (IOException e) {
                throw FileProblem.naming(file, e);
            }
        }
    }
}
