package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;

/**
 * A sweep's output folder as {@code collect} reads it (its layout is {@link SweepFolder}'s): {@code sweep.toml} (a
 * copy of the spec), {@code points.csv}
 * ({@code index,name,} then one column per swept option in the axes' order, values as the command line takes them),
 * {@code runs/NAME/} (each point's run folder, once started) and {@code logs/NAME.log}. Read and checked by
 * {@link #open}; a folder that is not one is a one-line {@link Failure} with exit code 2.
 *
 * @param dir     the folder
 * @param spec    its spec, read from {@code sweep.toml}
 * @param options the swept options, as points.csv's columns name them, in its order
 * @param points  the points, in points.csv's order
 */
record CollectedSweep(Path dir, SweepSpec spec, List<String> options, List<Point> points) {
    private static final String SPEC = SweepFolder.SPEC, POINTS = SweepFolder.POINTS;

    /**
     * One line of points.csv.
     *
     * @param index  its place in the sweep, from 0
     * @param name   its run folder's name under {@code runs/}
     * @param values swept option → value as the command line takes it, in points.csv's column order
     */
    record Point(int index, String name, Map<String, String> values) {
        Point {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    CollectedSweep {
        options = List.copyOf(options);
        points = List.copyOf(points);
    }

    /** The run folder of {@code p}. */
    Path runDir(Point p) {
        return dir.resolve(SweepFolder.RUNS).resolve(p.name());
    }

    /** The sweep folder {@code dir}, its spec parsed and its points.csv read and checked against the spec's axes. */
    static CollectedSweep open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw Failure.usage("sweep collect: " + dir + " is not a folder (expected a sweep's output folder, "
                    + "which holds " + SPEC + " and " + POINTS + ")");
        }
        for (String file : List.of(SPEC, POINTS)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw Failure.usage("sweep collect: " + dir + " is not a sweep folder: it has no " + file
                        + " (expected the --out folder of relulab sweep)");
            }
        }
        SweepSpec spec = SpecParser.parse(dir.resolve(SPEC));
        Path csv = dir.resolve(POINTS);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw FileProblem.of("reading", csv, e);
        }
        List<String> options = header(csv, lines, spec);
        List<Point> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            Point p = point(csv, i + 1, lines.get(i), options);
            if (!names.add(p.name())) throw bad(csv, i + 1, "the name " + p.name() + " is listed twice");
            points.add(p);
        }
        return new CollectedSweep(dir, spec, options, points);
    }

    /** The swept options points.csv's header names: after index and name, the spec's axes (in any order). */
    private static List<String> header(Path csv, List<String> lines, SweepSpec spec) {
        List<String> cells = lines.isEmpty() ? null : Csv.split(lines.get(0));
        if (cells == null || cells.size() < 2 || !cells.get(0).equals("index") || !cells.get(1).equals("name")) {
            throw bad(csv, 1, "expected a header index,name,<swept options>");
        }
        List<String> options = cells.subList(2, cells.size());
        List<String> axes = spec.axes().stream().map(Axis::option).toList();
        if (!new HashSet<>(options).equals(new HashSet<>(axes)) || options.size() != axes.size()) {
            throw bad(csv, 1, "the swept options " + options + " are not the axes of " + SPEC + " " + axes);
        }
        return List.copyOf(options);
    }

    private static Point point(Path csv, int line, String text, List<String> options) {
        List<String> cells = Csv.split(text);
        if (cells == null || cells.size() != options.size() + 2) {
            throw bad(csv, line, (cells == null ? "a quote left open" : cells.size() + " values") + " (expected "
                    + (options.size() + 2) + ": index, name and the swept options)");
        }
        int index;
        try {
            index = Integer.parseInt(cells.get(0));
        } catch (NumberFormatException e) {
            throw bad(csv, line, "index '" + cells.get(0) + "' is not a whole number");
        }
        String name = cells.get(1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw bad(csv, line, "'" + name + "' is not a run folder's name");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int c = 0; c < options.size(); c++) values.put(options.get(c), cells.get(c + 2));
        return new Point(index, name, values);
    }

    private static Failure bad(Path csv, int line, String what) {
        return Failure.usage("sweep collect: " + csv + " line " + line + ": " + what);
    }
}
