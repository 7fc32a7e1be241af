package org.relulab.training.model;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;

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
}
