package org.relulab.training.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.relulab.core.Matrix;

/**
 * The .npy files a run saves its final weights in: one name per part of a network, the same for every network
 * (a part the network lacks has no file), a layer's weights as a 2-D array (out × in), biases and output weights as
 * 1-D arrays. Runs written before this scheme used other names ({@link #olderNames}: {@code student_w.npy},
 * {@code teacher_a.npy} ...), with vectors as 1 × n arrays; {@link #find} and the readers accept those too.
 */
public enum WeightFile {
    /** The student's first layer, m × d (m1 × d for three layers). */
    STUDENT_LAYER1_WEIGHT("student_layer1_weight.npy", false, "student_w.npy", "student_W.npy"),
    /** The student's first-layer biases, m. */
    STUDENT_LAYER1_BIAS("student_layer1_bias.npy", true, "student_b1.npy"),
    /** The second layer of a three-layer student, m2 × m1. */
    STUDENT_LAYER2_WEIGHT("student_layer2_weight.npy", false, "student_V.npy"),
    /** The second-layer biases of a three-layer student, m2. */
    STUDENT_LAYER2_BIAS("student_layer2_bias.npy", true, "student_b2.npy"),
    /** The student's output weights, one per unit of its last hidden layer (where they are its own parameters). */
    STUDENT_OUTPUT_WEIGHT("student_output_weight.npy", true, "student_a.npy"),
    /** The teacher's neurons, K × d (teachers that have neurons). */
    TEACHER_LAYER1_WEIGHT("teacher_layer1_weight.npy", false, "teacher_w.npy"),
    /** The teacher's output weights, K (teachers whose output weights are parameters, not all ones). */
    TEACHER_OUTPUT_WEIGHT("teacher_output_weight.npy", true, "teacher_a.npy");

    private final String file;
    private final boolean vector;
    private final List<String> olderNames;

    WeightFile(String file, boolean vector, String... olderNames) {
        this.file = file;
        this.vector = vector;
        this.olderNames = List.of(olderNames);
    }

    /** The file name: {@code student_layer1_weight.npy}. */
    public String file() {
        return file;
    }

    /** Whether the part is a vector, saved as a 1-D array. */
    public boolean vector() {
        return vector;
    }

    /** The names runs written before this scheme gave the part. */
    public List<String> olderNames() {
        return olderNames;
    }

    /** Writes {@code m} into {@code dir} under {@link #file()}: 1-D for a vector part (1 × n or n × 1), else 2-D. */
    public void write(Path dir, Matrix m) throws IOException {
        if (vector) Npy.writeVector(dir.resolve(file), m);
        else Npy.write(dir.resolve(file), m);
    }

    /** The part's file in {@code dir}: {@link #file()}, else the first older name present; null when neither is. */
    public Path find(Path dir) {
        if (Files.isRegularFile(dir.resolve(file))) return dir.resolve(file);
        for (String older : olderNames) if (Files.isRegularFile(dir.resolve(older))) return dir.resolve(older);
        return null;
    }

    /** The part saved in {@code dir} as rows (a vector, 1-D or 1 × n, as one row); a missing file names both names. */
    public double[][] readRows(Path dir) throws IOException {
        Path f = find(dir);
        if (f == null) {
            throw new NpyException(dir.resolve(file) + ": no such file (nor " + String.join(", ", olderNames)
                    + " of an older run)");
        }
        return Npy.read(f).toRows();
    }

    /** The vector part saved in {@code dir} ({@link #readRows}, whose one row it is). */
    public double[] readVector(Path dir) throws IOException {
        double[][] rows = readRows(dir);
        if (rows.length != 1) {
            throw new NpyException(find(dir) + ": " + rows.length + " rows (expected a vector: one row or 1-D)");
        }
        return rows[0];
    }
}
