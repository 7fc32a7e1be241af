package org.relulab.training.student;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.relulab.core.Matrix;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.teacher.Teacher;

/**
 * A learner's trained parameters as blocks an optimizer moves (W, b, a …), in a fixed order that its
 * {@link LearnerStep#gradient} follows. Memory belongs to the workspace the learner was built in.
 */
public interface Learner {
    /** Input dimension d. */
    int inputDim();

    /** Number of trained blocks. */
    int blocks();

    /** Trained block i. */
    Matrix block(int i);

    /** Block i's name in the papers' words ("W", "b1", "a" …), for messages and saved files. */
    String blockName(int i);

    /** One line saying what the learner is. */
    String describe();

    /** The metrics {@code teacher} judges this learner by, logged as extra columns; none by default. */
    default List<LoggedMetric> metrics(Teacher teacher) {
        return List.of();
    }

    /**
     * Writes the final weights as .npy files named for their part, the same for every network
     * ({@link org.relulab.training.io.WeightFile}: student_layer1_weight, student_output_weight …).
     */
    void saveWeights(Path dir) throws IOException;
}
