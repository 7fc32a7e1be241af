package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.relulab.training.cli.Main;

/** What the sweep runner's tests share: tiny specs, relulab's command line run in this JVM, folder comparisons. */
final class SweepFixture {
    /** The options of a tiny run: d = 5, m = 8, n = 64, 50 steps, a row every 5 steps, one thread. */
    static final String TINY_BASE = """
            [base]
            d = 5
            m = 8
            n = 64
            test-n = 64
            steps = 50
            log-every = 5
            threads = 1
            """;

    /** What a command printed and its exit code. */
    record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private SweepFixture() {}

    /** Writes a spec of {@link #TINY_BASE} and {@code axes} (the lines of its [axes] table) to {@code file}. */
    static Path spec(Path file, String axes) throws IOException {
        return Files.writeString(file, TINY_BASE + "[axes]\n" + axes);
    }

    /** Runs {@code relulab ARGS} in this JVM. */
    static Outcome relulab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code relulab sweep SPEC --out DIR MORE...} in this JVM. */
    static Outcome sweep(Path spec, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", spec.toString(), "--out", dir.toString()));
        args.addAll(Arrays.asList(more));
        return relulab(args.toArray(String[]::new));
    }

    /** metrics.csv of a run folder without its wall-time column, which no two runs share. */
    static List<String> metricsWithoutSeconds(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        assertTrue(seconds >= 0, lines.get(0));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            out.add(String.join(",", cells));
        }
        return out;
    }

    /** Copies the folder {@code from} to {@code to}, recursively. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
        }
    }

    /** The names in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
