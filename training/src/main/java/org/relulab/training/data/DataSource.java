package org.relulab.training.data;

import java.io.IOException;
import java.nio.file.Path;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.Npy;
import org.relulab.training.io.NpyException;
import org.relulab.training.teacher.Teacher;

/**
 * Where a run's data sets come from: drawn from the teacher ({@code dir} null), or loaded from a folder
 * of NumPy files {@code x_train.npy} (n × d), {@code y_train.npy} (n), {@code x_test.npy}, {@code y_test.npy};
 * and whether the run saves its data sets in that form ({@code save}).
 *
 * <p>Loaded files must be regular files holding finite numbers of the expected shapes. A file that is not
 * throws {@link NpyException} ("--data DIR: FILE: what is wrong", an input error); a file the machine will not
 * let relulab read throws the {@link FileProblem} of reading it. Both before anything is written.
 */
public record DataSource(Path dir, boolean save) {
    public static final DataSource GENERATED = new DataSource(null, false);

    /** n, d and test n of loaded data: the shape of x_train.npy and the rows of x_test.npy. */
    public record Shapes(int n, int d, int testN) {}

    /** The shapes of the data in {@code dir}, from the headers of its inputs files ({@link #load} checks the rest). */
    public static Shapes shapes(Path dir) {
        DataSource source = new DataSource(dir, false);
        int[] train = source.read(file(dir, "x", "train"), Npy::shape);
        int[] test = source.read(file(dir, "x", "test"), Npy::shape);
        return new Shapes(rows(train), train[train.length - 1], rows(test));
    }

    /** The training set (test: false) or the test set, generated from {@code seed} and {@code inputs}, or loaded. */
    public Dataset load(Workspace ws, Kernels k, Teacher teacher, int n, boolean test, long seed,
            InputDistribution inputs) {
        if (dir == null) return Dataset.generate(ws, k, teacher, n, seed, inputs);
        String part = test ? "test" : "train";
        Matrix x = read(file(dir, "x", part), f -> Npy.readFiniteMatrix(ws, f, n, teacher.inputDim()));
        Matrix y = read(file(dir, "y", part), f -> Npy.readFiniteMatrix(ws, f, n, 1));
        return new Dataset(x, y);
    }

    /** Writes both data sets into {@code out} as x_train.npy, y_train.npy, x_test.npy, y_test.npy. */
    public static void saveAll(Path out, Dataset train, Dataset test) throws IOException {
        Npy.write(file(out, "x", "train"), train.x());
        Npy.writeVector(file(out, "y", "train"), train.y());
        Npy.write(file(out, "x", "test"), test.x());
        Npy.writeVector(file(out, "y", "test"), test.y());
    }

    private static Path file(Path dir, String array, String part) {
        return dir.resolve(array + "_" + part + ".npy");
    }

    /** Rows of an array read as a matrix: a 1-D array is one row. */
    private static int rows(int[] shape) {
        return shape.length == 1 ? 1 : shape[0];
    }

    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** Reads {@code file}: a bad file names this --data folder, and an I/O failure is one of reading, not writing. */
    private <T> T read(Path file, Reader<T> reader) {
        try {
            return reader.read(file);
        } catch (NpyException e) {
            throw new NpyException("--data " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            throw FileProblem.of("reading", file, e);
        }
    }
}
