package org.relulab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CPU's calibration of the gate's efficiency floors: a CSV file of every efficiency that repeated gate runs measured
 * on it ({@code BenchGate --record FILE} appends one row per benchmark and thread count), and the rule that turns them
 * into floors, applied on every gate run so that the file is the only record of the numbers:
 * floor = {@link #FACTOR} × the median efficiency of the runs measured under the same load as the figure gated —
 * quiet (other processes used at most {@link GateEfficiency#BUSY_CORES} cores, the {@code others} column) or busy —
 * once at least {@link #MIN_RUNS} such runs are recorded. Two classes, because the load moves the efficiency as much
 * as the slowdowns the gate is for: on the 2-core Xeon the busy runs' medians were 0.77–0.88 of the quiet runs' (the
 * GFLOP per CPU-second discounts the time other processes take, not the caches and memory bandwidth they share), so
 * one floor for both would either fail a busy runner or let a 25 % slower build pass on a quiet one. The median, not
 * the least run: it does not move with the one run that met the heaviest load. Each row also records the load average
 * before the run, so that a calibration's conditions can be read from it.
 *
 * <p>The file is a plain CSV, {@link #HEADER} and then the rows, so that any CSV reader ({@code pandas.read_csv} with
 * no options among them) reads it as a table; what the rows do not say (the CPU, the command, the machine's load) goes
 * in the Markdown notes file beside it, {@link #notesFile}. Bad rows, a comment line among them, throw
 * {@link IllegalArgumentException} naming the line and what was expected.
 */
record GateCalibration(Map<String, List<Run>> observed) {
    /** One recorded efficiency and whether the machine was quiet while it was measured. */
    record Run(double efficiency, boolean quiet) {}

    static final String HEADER = "run,load1_before,benchmark,threads,"
            + "gflop_per_cpu_s,cores,others,peak_gflop_per_cpu_s,efficiency";
    /**
     * The floor as a fraction of the median efficiency. On the idle 2-core Xeon the quiet runs' least was 0.89–0.97
     * of the median at 1 thread (7 runs, a fresh-clone CI run among them: fwd at 0.89), so 0.85 would leave a quiet
     * runner little room; at 0.80 the GEMM micro-kernel slowed on purpose (0.83–0.89x in GFLOP per CPU-second) still
     * failed all four GEMM floors there, and the training step, which it slows least, passed (docs/benchmarking.md).
     */
    static final double FACTOR = 0.80;
    /** Runs needed before a benchmark is gated: fewer do not show how far noise moves it. */
    static final int MIN_RUNS = 5;

    /** The efficiencies in the CSV text, by {@link GateEfficiency#key()}, in file order. */
    static GateCalibration parse(List<String> lines, String source) {
        Map<String, List<Run>> observed = new LinkedHashMap<>();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw bad(source, 0, lines.isEmpty() ? "" : lines.get(0), "the header " + HEADER + " first");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                throw bad(source, i, line, "a row, not a comment: notes go in " + notesName(source) + " beside it");
            }
            String[] f = line.split(",", -1);
            if (f.length != 9) throw bad(source, i, line, "9 comma-separated fields");
            try {
                int threads = Integer.parseInt(f[3]);
                double others = Double.parseDouble(f[6]), efficiency = Double.parseDouble(f[8]);
                if (!(efficiency > 0 && efficiency <= 1.5) || threads < 1) {
                    throw bad(source, i, line, "threads >= 1 and an efficiency in (0, 1.5]");
                }
                if (Double.isNaN(others) || others < 0) throw bad(source, i, line, "others >= 0");
                observed.computeIfAbsent(GateEfficiency.key(f[2], threads), k -> new ArrayList<>())
                        .add(new Run(efficiency, !(others > GateEfficiency.BUSY_CORES)));
            } catch (NumberFormatException e) {
                throw bad(source, i, line, "a whole number of threads and decimal others and efficiency");
            }
        }
        observed.replaceAll((k, v) -> List.copyOf(v));
        return new GateCalibration(Collections.unmodifiableMap(observed));
    }

    static GateCalibration read(Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    /**
     * The floor of {@code key} for a figure measured on a quiet (or busy) machine, or NaN when fewer than
     * {@link #MIN_RUNS} runs of that load were recorded (not gated).
     */
    double floor(String key, boolean quiet) {
        List<Double> runs = efficiencies(key, quiet);
        return runs.size() < MIN_RUNS ? Double.NaN : FACTOR * median(runs);
    }

    /** The efficiencies of {@code key} recorded on a quiet (or busy) machine, in file order. */
    List<Double> efficiencies(String key, boolean quiet) {
        return observed.getOrDefault(key, List.of()).stream().filter(r -> r.quiet() == quiet).map(Run::efficiency)
                .toList();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The number of runs of {@code key} recorded on a quiet (or busy) machine. */
    int runs(String key, boolean quiet) {
        return efficiencies(key, quiet).size();
    }

    /** The CSV rows of one gate run ({@code run} names it, such as its start time). */
    static List<String> rows(String run, double load1, List<GateEfficiency> measured) {
        List<String> rows = new ArrayList<>();
        for (GateEfficiency e : measured) {
            rows.add(String.format(Locale.ROOT, "%s,%.2f,%s,%d,%.2f,%.3f,%.3f,%.2f,%.4f", run, load1, e.benchmark(),
                    e.threads(), e.gflopsPerCore(), e.cores(), e.others(), e.peakGflopsPerCore(), e.efficiency()));
        }
        return rows;
    }

    /**
     * Appends one run's rows to {@code file}. A new file gets the header first, and its notes file ({@link #notesFile})
     * a title naming {@code machine} and {@code notes} (the JDK, what a row is), unless it exists.
     */
    static void append(Path file, String machine, String notes, String run, double load1,
            List<GateEfficiency> measured) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            lines.add(HEADER);
            Path notesFile = notesFile(file);
            if (!Files.exists(notesFile)) {
                Files.writeString(notesFile, "# BenchGate calibration on " + machine + "\n\nThe notes of "
                        + file.getFileName() + ", which holds the header and the rows only. " + notes + "\n\n");
            }
        }
        lines.addAll(rows(run, load1, measured));
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * The Markdown notes beside a calibration CSV, with the same stem ({@code X.csv}: {@code X.md}): the CPU, the
     * command, the machine's load during the runs, which the CSV, a plain table, has no room for.
     */
    static Path notesFile(Path csv) {
        return csv.resolveSibling(notesName(csv.getFileName().toString()));
    }

    /** The notes file's name for the CSV named (or at) {@code csv}. */
    private static String notesName(String csv) {
        String name = csv.substring(csv.lastIndexOf('/') + 1);
        return (name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name) + ".md";
    }

    private static IllegalArgumentException bad(String source, int index, String line, String expected) {
        return new IllegalArgumentException(source + " line " + (index + 1) + ": '" + line + "' (expected " + expected
                + ")");
    }
}
