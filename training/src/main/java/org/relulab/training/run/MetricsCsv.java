package org.relulab.training.run;

import java.io.BufferedWriter;
import java.io.IOException;
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

    /** One run's metrics.csv, open for appending rows; its logged rows kept in memory (logged steps only). */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final BufferedWriter w;
        private final List<String> extras;
        private final List<double[]> rows = new ArrayList<>(); // step, train, test, extras... (log steps only)

        /**
         * A new metrics.csv with {@code extras} beyond the losses, or (resumeAt ≥ 0) the existing one cut to its rows
         * before step resumeAt, which the resumed run writes again, and appended to.
         */
        public Writer(Path file, List<String> extras, long resumeAt) throws IOException {
            this.file = file;
            this.extras = List.copyOf(extras);
            String header = header(extras);
            StringBuilder kept = new StringBuilder(header).append('\n');
            if (resumeAt >= 0) {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty() || !lines.get(0).equals(header)) {
                    throw new IOException(file + ": header '" + (lines.isEmpty() ? "" : lines.get(0)) + "', expected '"
                            + header + "'");
                }
                int columns = header.split(",").length;
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",");
                    if (cells.length != columns || Long.parseLong(cells[0]) >= resumeAt) break; // a torn last line too
                    kept.append(line).append('\n');
                    double[] r = new double[3 + extras.size()];
                    r[0] = Double.parseDouble(cells[0]);
                    r[1] = Double.parseDouble(cells[2]);
                    r[2] = Double.parseDouble(cells[3]);
                    for (int e = 0; e < extras.size(); e++) r[3 + e] = Double.parseDouble(cells[FIRST.size() + e]);
                    rows.add(r);
                }
            }
            try {
                Files.writeString(file, kept);
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
