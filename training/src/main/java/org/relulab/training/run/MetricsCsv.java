package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run's metrics.csv back: each column by its header name (presets that summarize several runs use it). */
public final class MetricsCsv {
    private MetricsCsv() {}

    /** Column name → values, in file order; every column of a well-formed metrics.csv. */
    public static Map<String, double[]> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) throw new IOException(csv + " is empty: expected a header line");
        String[] names = lines.get(0).split(",");
        double[][] cols = new double[names.length][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            if (cells.length != names.length) {
                throw new IOException(csv + " line " + (r + 1) + " has " + cells.length + " values: expected " + names.length);
            }
            for (int c = 0; c < names.length; c++) cols[c][r - 1] = Double.parseDouble(cells[c]);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) out.put(names[c], cols[c]);
        return out;
    }
}
