package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every CSV file relulab writes keeps, so that {@code pandas.read_csv(path)} with no options reads it as
 * meant: RFC 4180 (quoted cells may hold commas, quotes doubled), a header of unique non-empty names, the same number
 * of cells on every line, no comment lines, and each column either numeric (numbers, nan, inf, or empty: no value) or
 * text, never both. {@link #pandasReads} has pandas itself check the numeric columns.
 */
public final class StrictCsv {
    /** A number as relulab writes one, or a value that is not finite as Java or Python spells it. */
    private static final Pattern NUMBER = Pattern.compile(
            "-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|-?(?:inf|Infinity)|nan|NaN");

    private StrictCsv() {}

    /** The CSV files under {@code dir}, at any depth, sorted. */
    public static List<Path> under(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Asserts that every CSV file under {@code dir} keeps the rules; returns how many there are. */
    public static int checkAll(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = under(dir);
        for (Path f : files) problems.addAll(problems(f));
        assertEquals(List.of(), problems, files.size() + " CSV files under " + dir);
        return files.size();
    }

    /** What breaks the rules in {@code file}, one line each; empty when nothing does. */
    public static List<String> problems(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        List<List<String>> rows = parse(text);
        if (rows == null) return List.of(file + ": a quote is left open");
        if (rows.isEmpty()) return List.of(file + ": empty (expected a header)");
        List<String> header = rows.get(0);
        Set<String> names = new HashSet<>();
        for (String name : header) {
            if (name.isEmpty() || !names.add(name))
                problems.add(file + ": header name '" + name + "' empty or repeated");
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (!row.isEmpty() && row.get(0).startsWith("#"))
                problems.add(file + ": line " + (r + 1) + " is a comment");
            else
                if (row.size() != header.size()) {
                    problems.add(file + ": line " + (r + 1) + " has " + row.size() + " cells (header: " + header.size()
                            + ")");
                }
        }
        for (int c = 0; c < header.size(); c++) {
            String number = null, word = null;
            for (List<String> row : rows.subList(1, rows.size())) {
                if (c >= row.size() || row.get(c).isEmpty()) continue;
                if (NUMBER.matcher(row.get(c)).matches()) number = number == null ? row.get(c) : number;
                else word = word == null ? row.get(c) : word;
            }
            if (number != null && word != null) {
                problems.add(file + ": column " + header.get(c) + " mixes numbers (" + number + ") and words (" + word
                        + ")");
            }
        }
        if (!text.isEmpty() && !text.endsWith("\n")) problems.add(file + ": no line break after the last line");
        return problems;
    }

    /** The rows of RFC 4180 {@code text} (LF or CRLF line breaks), or null when a quote is left open. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch != '"') cell.append(ch);
                else if (i + 1 < text.length() && text.charAt(i + 1) == '"') cell.append(text.charAt(++i));
                else quoted = false;
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                row.add(cell.toString());
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) return null;
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * Has pandas read every CSV file under {@code dir} with {@code pandas.read_csv(path)} and no options, and asserts
     * that each column whose cells are all numbers or empty came out numeric; false (nothing checked) when there is no
     * python3 with pandas.
     */
    public static boolean pandasReads(Path dir) throws IOException, InterruptedException {
        String python = pythonWithPandas();
        if (python == null) return false;
        String script = """
                import csv, pathlib, sys, pandas
                checked, wrong = 0, []
                for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.csv")):
                    df = pandas.read_csv(path)
                    with open(path, newline="") as f:
                        rows = list(csv.reader(f))
                    for i, name in enumerate(rows[0]):
                        cells = [r[i] for r in rows[1:] if r[i] != ""]
                        try:
                            [float(c) for c in cells]
                        except ValueError:
                            continue
                        if df[name].dtype.kind not in "iuf":
                            wrong.append(f"{path}: column {name} read as {df[name].dtype}")
                    checked += 1
                print("\\n".join(wrong) if wrong else f"pandas ok {checked}")
                """;
        Process p = new ProcessBuilder(python, "-c", script, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python took over 5 minutes");
        assertEquals(0, p.exitValue(), out);
        assertEquals("pandas ok " + under(dir).size(), out.strip());
        return true;
    }

    /** The first of python3 and /usr/bin/python3 that imports pandas, or null. */
    public static String pythonWithPandas() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import pandas").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (IOException e) {
                continue; // not installed
            }
        }
        return null;
    }
}
