package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Npy;

/**
 * A corpus of {@code --data} folders whose files cannot be used: not regular files (a FIFO, which a reader would wait
 * on forever, a device, a folder), files that cannot be read, and data holding NaN or an infinity. Each must end with
 * one line that names the file and what is wrong (for bad values: the row and the column), exit code 2 (4 for a file
 * the machine will not let relulab read), no stack trace, no hang and no output folder.
 */
class BadDataCorpusTest {
    @TempDir
    Path tmp;

    private static final int N = 40, D = 5;

    /** A broken --data folder and a piece of text its error line must hold. */
    private record Bad(String name, Consumer<Path> damage, String says) {}

    @Test
    void badDataFilesAreOneLineWithExitCode2AndWriteNothing() throws IOException {
        List<Bad> corpus = List.of(
                new Bad("device", dir -> link(dir.resolve("x_test.npy"), Path.of("/dev/zero")),
                        "x_test.npy: is not a regular file"),
                new Bad("folder", dir -> replace(dir.resolve("y_train.npy"), f -> Files.createDirectory(f)),
                        "y_train.npy: is a folder"),
                new Bad("loop", dir -> link(dir.resolve("y_train.npy"), Path.of("y_train.npy")),
                        "cannot read " + tmp.resolve("loop").resolve("y_train.npy")),
                new Bad("nan", dir -> write(dir.resolve("x_train.npy"), 3, 2, Float.NaN),
                        "x_train.npy: row 3, column 2 is NaN (expected finite numbers)"),
                new Bad("inf", dir -> write(dir.resolve("x_test.npy"), N - 1, D - 1, Float.POSITIVE_INFINITY),
                        "x_test.npy: row 39, column 4 is Infinity"),
                new Bad("inf-label", dir -> labels(dir.resolve("y_test.npy"), 5, Float.NEGATIVE_INFINITY),
                        "y_test.npy: element 5 is -Infinity"),
                new Bad("nan-label", dir -> labels(dir.resolve("y_train.npy"), 0, Float.NaN),
                        "y_train.npy: element 0 is NaN"));
        for (Bad bad : corpus) {
            Path dir = dataFolder(bad.name());
            bad.damage().accept(dir);
            assertRefused(bad.name(), dir, ExitCode.USAGE, bad.says());
        }
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path dir = dataFolder("fifo");
        Path fifo = dir.resolve("x_train.npy");
        Files.delete(fifo);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "no mkfifo on this machine");
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertRefused("fifo", dir, ExitCode.USAGE, "x_train.npy: is not a regular file"));
    }

    @Test
    void anUnreadableFileIsAReadingProblemOfTheEnvironment() throws IOException {
        Path dir = dataFolder("unreadable");
        Path y = dir.resolve("y_train.npy"); // read when the data load, after the shapes came from x_*.npy
        Files.setPosixFilePermissions(y, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(y), "this user (root?) reads files whatever their permissions");
        assertRefused("unreadable", dir, ExitCode.ENVIRONMENT, "cannot read " + y + ": permission denied");
    }

    private void assertRefused(String name, Path dir, ExitCode expected, String says) {
        Path out = tmp.resolve("out-" + name);
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", "--data", dir.toString(), "--m", "8", "--steps", "2", "--out",
                out.toString()}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(expected.code(), code, name + ": " + err);
        assertEquals(1, err.lines().count(), name + ": one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), name + ": no stack trace: " + err);
        assertTrue(err.contains(says), name + ": says " + says + ": " + err);
        assertFalse(err.contains("cannot write"), name + ": a problem reading is not one of writing: " + err);
        assertFalse(Files.exists(out), name + ": left an output folder behind");
    }

    /** A --data folder of four valid files: n x d inputs and n labels, for training and for testing. */
    private Path dataFolder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        float[] y = new float[N];
        for (int i = 0; i < N; i++) y[i] = (float) Math.cos(i);
        for (String set : List.of("train", "test")) {
            Npy.write(dir.resolve("x_" + set + ".npy"), Matrix.wrap(x.clone(), N, D));
            Npy.write(dir.resolve("y_" + set + ".npy"), y.clone());
        }
        return dir;
    }

    private interface FileAction {
        void apply(Path file) throws IOException;
    }

    private static void replace(Path file, FileAction action) {
        try {
            Files.delete(file);
            action.apply(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void link(Path file, Path target) {
        replace(file, f -> Files.createSymbolicLink(f, target));
    }

    /** Rewrites an inputs file with {@code v} at (row, col). */
    private static void write(Path file, int row, int col, float v) {
        replace(file, f -> {
            float[] x = new float[N * D];
            x[row * D + col] = v;
            Npy.write(f, Matrix.wrap(x, N, D));
        });
    }

    /** Rewrites a labels file (1-D) with {@code v} at {@code i}. */
    private static void labels(Path file, int i, float v) {
        replace(file, f -> {
            float[] y = new float[N];
            y[i] = v;
            Npy.write(f, y);
        });
    }
}
