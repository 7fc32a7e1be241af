package org.relulab.training.model;

import org.relulab.core.Matrix;

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
}
