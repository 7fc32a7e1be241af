package org.relulab.training.teacher;

import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/** The labels of the one-hidden-layer teachers: y = σ(X·Wᵀ)·a + β·y. */
final class TeacherLabels {
    private TeacherLabels() {}

    /**
     * y = σ(x·wᵀ)·a + β·y for x (n × d), w (K × d), a (K × 1 or 1 × K). Runs once per data set, so the n × K hidden
     * layer lives in a workspace of its own for this call only.
     */
    static void oneHiddenLayer(Kernels k, Matrix x, Matrix w, Activation activation, Matrix a, float beta, Matrix y) {
        try (Workspace tmp = Workspace.shared()) {
            Matrix h = tmp.matrix(x.rows(), w.rows());
            k.gemm(false, true, 1f, x, w, 0f, h, activation, h);
            k.gemv(false, 1f, h, a, beta, y);
        }
    }
}
