package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.training.io.Npy;

/**
 * A corpus of bad command lines for every command but {@code train}'s options ({@link BadInputCorpusTest} has
 * those): unknown commands and experiments, the reproductions' options, {@code --resume} folders that cannot be
 * resumed and {@code --data} folders with broken {@code .npy} files. Each must exit with code 2, print one line on
 * stderr that holds the bad value, no stack trace, and leave the folder it was given as it was.
 */
class BadCommandsCorpusTest {
    @TempDir
    Path tmp;

    /** A bad command line and a piece of text its error line must hold. */
    record Bad(String names, String... args) {}

    @Test
    void everyBadCommandIsOneLineWithExitCode2AndWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path garbled = Files.createDirectories(tmp.resolve("garbled"));
        Files.writeString(garbled.resolve("manifest.json"), "{\"teacher\": ");
        Files.writeString(garbled.resolve("checkpoint.bin"), "not a checkpoint");
        Path noCheckpoint = Files.createDirectories(tmp.resolve("finished"));
        Files.writeString(noCheckpoint.resolve("manifest.json"), "{}");
        Path truncated = dataFolder("truncated", bytes -> java.util.Arrays.copyOf(bytes, bytes.length - 5));
        Path wrongDtype = dataFolder("dtype",
                bytes -> new String(bytes, StandardCharsets.ISO_8859_1).replace("<f4", "<i4")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Path fortran = dataFolder("fortran", bytes -> new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ").getBytes(StandardCharsets.ISO_8859_1));
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("table.md"), "an earlier run");

        List<Bad> corpus = List.of(
                new Bad("frobnicate", "frobnicate"),
                new Bad("which experiment", "reproduce"),
                new Bad("which experiment", "reproduce", "--quick"),
                new Bad("'lmz21'", "reproduce", "lmz21", "--out", out.toString()),
                new Bad("--bogus", "reproduce", "lmz20", "--bogus", "--out", out.toString()),
                new Bad("--threads", "reproduce", "zywg19", "--threads", "0", "--out", out.toString()),
                new Bad("--threads", "reproduce", "as21", "--threads", "many", "--out", out.toString()),
                new Bad("--threads", "reproduce", "all19", "--out", out.toString(), "--threads"),
                new Bad("--quick", "reproduce", "lmz20", "--quick", "--quick", "--out", out.toString()),
                new Bad("--d", "reproduce", "beyond-ntk", "--d", "8,x", "--out", out.toString()),
                new Bad("--jobs", "reproduce", "zywg19", "--jobs", "0", "--out", out.toString()),
                new Bad("--jobs", "reproduce", "all19", "--jobs", "many", "--out", out.toString()),
                new Bad("no fig1-fig2.toml", "reproduce", "lmz20", "--specs", tmp.toString(), "--out", out.toString()),
                new Bad("holds files but no sweep", "reproduce", "all19", "--quick", "--out", results.toString()),
                new Bad("--resume", "train", "--resume", tmp.resolve("no-such-run").toString()),
                new Bad("no manifest.json", "train", "--resume", empty.toString()),
                new Bad("no checkpoint.bin", "train", "--resume", noCheckpoint.toString()),
                new Bad("garbled", "train", "--resume", garbled.toString()),
                new Bad("x_train.npy", "train", "--data", truncated.toString(), "--out", out.toString()),
                new Bad("<i4", "train", "--data", wrongDtype.toString(), "--out", out.toString()),
                new Bad("fortran", "train", "--data", fortran.toString(), "--out", out.toString()),
                new Bad("--size ' 64'", "check", "--size", " 64"),
                new Bad("--threads '\u0662'", "check", "--threads", "\u0662"),
                new Bad("--jobs '\u0662'", "reproduce", "as21", "--jobs", "\u0662", "--out", out.toString()),
                new Bad("--threads '0x2'", "reproduce", "as21", "--threads", "0x2", "--out", out.toString()),
                new Bad("--checkpoint-every '1e1d'", "train", "--checkpoint-every", "1e1d", "--steps", "2", "--out",
                        out.toString()),
                new Bad("--bogus", "check", "--bogus"),
                new Bad("--bogus", "info", "--bogus"),
                new Bad("--bogus", "demo", "--bogus"),
                new Bad("./relulab bench", "bench"),
                new Bad("is not a sweep's folder", "sweep", "--task", "0", "--chunk", "1",
                        tmp.resolve("none").toString()),
                new Bad("--task -1 is out of range", "sweep", "--task", "-1", empty.toString()),
                new Bad("unknown option '--bogus'", "sweep", "status", "--bogus"),
                new Bad("--jobs 0", "sweep", "spec.toml", "--jobs", "0"),
                new Bad("did you mean --jobs?", "sweep", "spec.toml", "--job", "2"),
                new Bad("--from", "train", "--from", tmp.resolve("no-such-run").toString(), "--out", out.toString()));
        List<String> before = listing();
        for (Bad bad : corpus) {
            ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
            int code = Main.run(bad.args(), new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            String err = e.toString(StandardCharsets.UTF_8), what = String.join(" ", bad.args());
            assertEquals(2, code, what + ": " + err);
            assertEquals(1, err.lines().count(), what + ": one line, got: " + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": no stack trace: " + err);
            assertTrue(err.toLowerCase(java.util.Locale.ROOT).contains(bad.names().toLowerCase(java.util.Locale.ROOT)),
                    what + ": names " + bad.names() + ": " + err);
            assertEquals(before, listing(), what + ": changed the folders");
        }
    }

    /** A --data folder of four small valid .npy files, x_train.npy passed through {@code damage}. */
    private Path dataFolder(String name, java.util.function.UnaryOperator<byte[]> damage) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        int n = 60, d = 30;
        for (String set : List.of("train", "test")) {
            Npy.write(dir.resolve("x_" + set + ".npy"), Matrix.wrap(new float[n * d], n, d));
            Npy.write(dir.resolve("y_" + set + ".npy"), new float[n]);
        }
        Path x = dir.resolve("x_train.npy");
        Files.write(x, damage.apply(Files.readAllBytes(x)));
        return dir;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            List<String> files = new ArrayList<>();
            s.forEach(p -> files.add(tmp.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : -1)));
            files.sort(null);
            return files;
        }
    }
}
