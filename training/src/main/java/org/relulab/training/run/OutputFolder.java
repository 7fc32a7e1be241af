package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule for where a run or an experiment may write: a run's folder must be new or empty, so a run never
 * mixes its files with another's; an experiment's summary files must not exist yet. Each check throws
 * {@link IllegalArgumentException} naming the path and what was expected, before anything is computed. A run checks
 * its folder again once it holds the folder's {@link RunLock}, whose file does not count.
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Refuses a run folder that is a file, a link to nothing, under a file, or already holds files (its lock file
     * aside).
     */
    public static void requireNewOrEmpty(Path dir) {
        if (Files.isRegularFile(dir))
            throw new IllegalArgumentException("--out " + dir + " is a file (expected a folder)");
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a link to nothing (expected a folder)");
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            if (Files.exists(p) || Files.isSymbolicLink(p)) {
                throw new IllegalArgumentException(
                        "--out " + dir + " is under " + p + ", which is not a folder (expected a folder)");
            }
        }
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                throw new IllegalArgumentException(
                        "--out " + dir + " already holds files (expected a new or empty folder)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + " cannot be read: " + e.getMessage());
        }
    }

    /** Whether {@code dir} holds nothing but a lock file (see {@link RunLock#closeUnused()}). */
    static boolean holdsOnlyLock(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(RunLock.FILE));
        }
    }

    /** Refuses an experiment folder {@code dir} that already holds one of its summary {@code files}. */
    public static void requireAbsent(Path dir, List<String> files) {
        for (String f : files) {
            if (Files.exists(dir.resolve(f))) {
                throw new IllegalArgumentException(dir.resolve(f) + " exists (expected a new or empty --out)");
            }
        }
    }
}
