package org.relulab.training.run;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.step.LearnerStep;

/**
 * The mean squared error of the student on a data set, in chunks of {@link #CHUNK} rows so that a large
 * test set needs no n × m buffer. Chunk views are made once; {@link #mse} allocates nothing.
 */
public final class Evaluation {
    public static final int CHUNK = 4096;

    private final Matrix[] xs, ys, preds;

    Evaluation(Workspace ws, Dataset data) {
        int chunks = (data.size() + CHUNK - 1) / CHUNK;
        xs = new Matrix[chunks];
        ys = new Matrix[chunks];
        preds = new Matrix[chunks];
        Matrix pred = ws.column(Math.min(CHUNK, data.size()));
        for (int c = 0; c < chunks; c++) {
            int from = c * CHUNK, to = Math.min(data.size(), from + CHUNK);
            xs[c] = data.x().rows(from, to);
            ys[c] = data.y().rows(from, to);
            preds[c] = pred.rows(0, to - from);
        }
    }

    /** (1/n) Σ (f(x_j) − y_j)², computed with the buffers of {@code step} (sized for {@link #CHUNK} rows). */
    double mse(Kernels k, LearnerStep step) {
        double sum = 0;
        long n = 0;
        for (int c = 0; c < xs.length; c++) {
            step.predict(k, xs[c], preds[c]);
            k.axpy(-1f, ys[c], preds[c]);
            sum += k.sumOfSquares(preds[c]);
            n += xs[c].rows();
        }
        return sum / n;
    }

    /** Rows of the step an evaluation needs: one chunk of the larger data set. */
    public static int rowsFor(int largestSet) {
        return Math.min(CHUNK, largestSet);
    }
}
