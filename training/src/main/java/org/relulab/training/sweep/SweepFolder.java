package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.TextFile;
import org.relulab.training.run.RunLock;

/**
 * A sweep's folder, {@code --out DIR}, and everything in it:
 *
 * <pre>
 * DIR/sweep.toml           a byte copy of the spec, written on the first run; a rerun must give the same bytes
 * DIR/points.csv           index,name,&lt;one column per axis, in the spec's order&gt;: the values as the command line
 *                          takes them; index from 0 in the sweep's order; written atomically on the first run
 * DIR/runs/NAME/           each point's run folder, exactly what train --out writes
 * DIR/logs/NAME.log        each point's stdout and stderr, every attempt appended ({@link PointLog})
 * DIR/failed/NAME-DATE/    a failed run folder that could not be resumed, moved aside before the point started over
 * DIR/.lock                the lock of the sweep's driver while a local sweep runs ({@link RunLock})
 * </pre>
 *
 * A point's state comes from its run folder and log alone ({@link PointStatus}).
 */
public final class SweepFolder {
    /** The copy of the spec. */
    public static final String SPEC = "sweep.toml";
    /** The points' table. */
    public static final String POINTS = "points.csv";
    /** The folder of the points' run folders. */
    public static final String RUNS = "runs";
    /** The folder of the points' logs. */
    public static final String LOGS = "logs";
    /** The folder failed runs are moved to before their point starts over. */
    public static final String FAILED = "failed";

    private final Path dir;

    public SweepFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** DIR/sweep.toml. */
    public Path spec() {
        return dir.resolve(SPEC);
    }

    /** DIR/points.csv. */
    public Path points() {
        return dir.resolve(POINTS);
    }

    /** DIR/runs/NAME: the run folder of the point named {@code name}. */
    public Path runDir(String name) {
        return dir.resolve(RUNS).resolve(name);
    }

    /** DIR/logs/NAME.log. */
    public Path log(String name) {
        return dir.resolve(LOGS).resolve(name + ".log");
    }

    /** The state of the point named {@code name}. */
    public PointStatus status(String name) {
        return PointStatus.of(runDir(name), log(name));
    }

    /** Whether {@code dir} is a sweep's folder: it holds sweep.toml. */
    public boolean isSweep() {
        return Files.isRegularFile(spec());
    }

    /**
     * Refuses (exit 2) an --out that is not a folder, or one that holds files but is no sweep's folder: a sweep
     * writes into a new or empty folder, or resumes its own.
     */
    public void requireNewEmptyOrSweep() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw Failure.usage("sweep: --out " + dir + " is not a folder (expected a new or empty folder, or a "
                    + "sweep's folder to resume)");
        }
        if (!Files.isDirectory(dir) || isSweep()) return;
        try (Stream<Path> s = Files.list(dir)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                throw Failure.usage("sweep: --out " + dir + " holds files but no " + SPEC + " (expected a new or "
                        + "empty folder, or a sweep's folder to resume)");
            }
        } catch (IOException e) {
            throw FileProblem.of("reading", dir, e);
        }
    }

    /**
     * On the first run, writes the spec's bytes to sweep.toml and the points to points.csv (each atomically) and
     * creates runs/ and logs/; on a rerun, refuses (exit 2) a spec whose bytes differ from sweep.toml's, and writes
     * points.csv again only when it is missing. The caller holds the folder's lock.
     */
    public void prepare(Path specFile, byte[] spec, List<SweepPoint> points) {
        Path copy = spec();
        try {
            if (Files.isRegularFile(copy)) {
                if (!Arrays.equals(Files.readAllBytes(copy), spec)) {
                    throw Failure.usage("sweep: " + specFile + " differs from " + copy + ", the spec " + dir
                            + " was started with (a sweep folder holds one spec's runs): give another --out, or "
                            + "rerun with " + copy);
                }
            }
            Files.createDirectories(dir.resolve(RUNS));
            Files.createDirectories(dir.resolve(LOGS));
            if (!Files.isRegularFile(points())) TextFile.write(points(), pointsCsv(points));
            if (!Files.isRegularFile(copy)) TextFile.write(copy, spec);
        } catch (IOException e) {
            throw FileProblem.of("writing", dir, e);
        }
    }

    /**
     * points.csv's text: a header {@code index,name,<swept options in the spec's order>}, then one row per point with
     * the values as the command line takes them (m = 24 where the folder name says m=1.5d). Fields are quoted as
     * RFC 4180 says when they hold a comma, a quote or a line break, so pandas.read_csv reads it with no options.
     */
    static String pointsCsv(List<SweepPoint> points) {
        StringBuilder s = new StringBuilder("index,name");
        List<String> columns = points.isEmpty() ? List.of() : List.copyOf(points.get(0).swept().keySet());
        for (String c : columns) s.append(',').append(Csv.quote(c));
        s.append('\n');
        for (SweepPoint p : points) {
            s.append(p.index()).append(',').append(Csv.quote(p.name()));
            for (String c : columns) s.append(',').append(Csv.quote(p.options().get(c)));
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * Clears the failed run folder of the point named {@code name} so that it can start over: a folder that holds
     * nothing but its lock file is deleted, anything else is moved to {@code DIR/failed/NAME-DATE} (never deleted).
     * Returns where it went, or null when it was deleted or absent.
     */
    public Path moveAside(String name) throws IOException {
        Path run = runDir(name);
        if (!Files.exists(run, LinkOption.NOFOLLOW_LINKS)) return null;
        if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(run)) {
                if (s.allMatch(p -> p.getFileName().toString().equals(RunLock.FILE))) {
                    Files.deleteIfExists(run.resolve(RunLock.FILE));
                    Files.delete(run);
                    return null;
                }
            }
        }
        Path failed = Files.createDirectories(dir.resolve(FAILED));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path to = failed.resolve(name + "-" + stamp);
        for (int i = 2; Files.exists(to, LinkOption.NOFOLLOW_LINKS); i++)
            to = failed.resolve(name + "-" + stamp + "-" + i);
        Files.move(run, to, StandardCopyOption.ATOMIC_MOVE);
        return to;
    }
}
