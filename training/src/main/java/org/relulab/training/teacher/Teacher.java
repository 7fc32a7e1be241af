package org.relulab.training.teacher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.student.TwoLayerStudent;

/** A target function of the teacher–student setting, evaluated on the kernels. */
public interface Teacher {
    /** The input dimension d. */
    int inputDim();

    /** Teacher neurons as rows (K × d): what a student should recover. */
    Matrix weights();

    /** y = f*(x) for each row of x (n × d), plus the label noise drawn from {@code noiseSeed}; y is n × 1. */
    void label(Kernels k, Matrix x, Matrix y, long noiseSeed);

    /** One line naming the teacher and its parameters. */
    String describe();

    /** The metrics this teacher judges a two-layer student by, logged as extra columns; none by default. */
    default List<LoggedMetric> metricsFor(TwoLayerStudent student) {
        return List.of();
    }

    /** The teacher's output weights (1 × K) where they are part of it, or null. */
    default Matrix outputWeights() {
        return null;
    }

    /**
     * Writes the teacher's neurons as teacher_layer1_weight.npy (K × d) and its output weights as
     * teacher_output_weight.npy (K), where it has them ({@link WeightFile}).
     */
    default void saveWeights(Path dir) throws IOException {
        if (weights().rows() > 0) WeightFile.TEACHER_LAYER1_WEIGHT.write(dir, weights());
        if (outputWeights() != null) WeightFile.TEACHER_OUTPUT_WEIGHT.write(dir, outputWeights());
    }
}
