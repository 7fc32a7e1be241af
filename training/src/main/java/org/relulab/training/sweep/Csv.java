package org.relulab.training.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of a sweep's tables (RFC 4180, as {@code pandas.read_csv} reads it with no options): a cell with a comma, a
 * quote or a line break is quoted, its quotes doubled; a number is written so that it reads back exactly, a missing
 * value as an empty cell, and a value that is not finite as {@code nan}, {@code inf} or {@code -inf}.
 */
final class Csv {
    private Csv() {}

    /** {@code text} as one cell: quoted when it holds a comma, a quote, a line break or surrounding spaces. */
    static String quote(String text) {
        boolean plain = text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                && text.strip().equals(text);
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A number's cell: "" for null (no value), nan, inf or -inf for a value that is not finite, else the shortest text
     * that reads back as {@code x} (a whole number without a fraction: 20, 1e-4, 0.0123).
     */
    static String number(Double x) {
        if (x == null) return "";
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        return Canonical.number(x);
    }

    /**
     * The cells of one line of CSV: split at commas outside quotes, quotes removed and doubled quotes made single.
     * Returns null for a quote left open (a value over several lines, which a sweep's tables never hold).
     */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') cell.append(c);
                else if (i + 1 < line.length() && line.charAt(i + 1) == '"') cell.append(line.charAt(++i));
                else quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) return null;
        cells.add(cell.toString());
        return cells;
    }
}
