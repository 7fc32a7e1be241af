package org.relulab.training.data;

import java.io.IOException;
import java.nio.file.Path;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.io.Npy;
import org.relulab.training.teacher.Teacher;

/**
 * Where a run's data sets come from: drawn from the teacher ({@code dir} null), or loaded from a folder
 * of NumPy files {@code x_train.npy} (n × d), {@code y_train.npy} (n), {@code x_test.npy}, {@code y_test.npy};
 * and whether the run saves its data sets in that form ({@code save}).
 */
public record DataSource(Path dir, boolean save) {
    public static final DataSource GENERATED = new DataSource(null, false);

    /** The training set (test: false) or the test set, generated from {@code seed} and {@code inputs}, or loaded. */
    public Dataset load(Workspace ws, Kernels k, Teacher teacher, int n, boolean test, long seed,
            InputDistribution inputs)
            throws IOException {
        if (dir == null) return Dataset.generate(ws, k, teacher, n, seed, inputs);
        String part = test ? "test" : "train";
        Matrix x = Npy.readMatrix(ws, dir.resolve("x_" + part + ".npy"), n, teacher.inputDim());
        Matrix y = Npy.readMatrix(ws, dir.resolve("y_" + part + ".npy"), n, 1);
        return new Dataset(x, y);
    }

    /** Writes both data sets into {@code out} as x_train.npy, y_train.npy, x_test.npy, y_test.npy. */
    public static void saveAll(Path out, Dataset train, Dataset test) throws IOException {
        Npy.write(out.resolve("x_train.npy"), train.x());
        Npy.write(out.resolve("y_train.npy"), train.y());
        Npy.write(out.resolve("x_test.npy"), test.x());
        Npy.write(out.resolve("y_test.npy"), test.y());
    }
}
