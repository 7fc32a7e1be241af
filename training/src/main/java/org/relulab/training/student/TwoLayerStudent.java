package org.relulab.training.student;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.relulab.core.Activation;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.io.WeightFile;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.teacher.Teacher;

/**
 * A two-layer network f(x) = Σ_{i≤m} c_i σ(w_iᵀx), c as its {@link OutputLayer} says. Parameters: W (m × d,
 * neurons as rows) and, when trainable, a (1 × m). Memory belongs to the workspace given at construction.
 */
public final class TwoLayerStudent implements Learner {
    public final int m, d;
    public final Activation activation;
    public final OutputLayer output;
    /** Hidden weights, m × d. */
    public final Matrix w;
    /** Output weights a, 1 × m (ones for {@link OutputLayer#ONES}; unused for {@link OutputLayer#TIED}). */
    public final Matrix a;

    public TwoLayerStudent(Workspace ws, int m, int d, Activation activation, OutputLayer output) {
        if (m < 1) throw new IllegalArgumentException("m = " + m + ": expected at least 1 hidden unit");
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1 input");
        if (activation != Activation.RELU && activation != Activation.ABS) {
            throw new IllegalArgumentException("student activation " + activation + ": expected RELU or ABS");
        }
        this.m = m;
        this.d = d;
        this.activation = activation;
        this.output = output;
        w = ws.matrix(m, d);
        a = ws.matrix(1, m).fill(1f);
    }

    /**
     * The effective output weights c (1 × m) into {@code c}; {@code norms2} (m × 1) must hold the squared
     * neuron norms when the output is {@link OutputLayer#TIED}. O(m), allocation-free.
     */
    public void outputWeights(Matrix norms2, Matrix c) {
        float scale = (float) output.scale(m);
        for (int i = 0; i < m; i++) {
            float v = switch (output) {
                case TIED -> (float) Math.sqrt(norms2.get(i, 0)) * scale;
                case ONES -> 1f;
                case MEAN, SQRT -> a.get(0, i) * scale;
            };
            c.set(0, i, v);
        }
    }

    @Override
    public int inputDim() { return d; }

    /** W, then a when the output layer is trainable. */
    @Override
    public int blocks() { return output.trainable() ? 2 : 1; }

    @Override
    public Matrix block(int i) { return i == 0 ? w : checkedA(i); }

    @Override
    public String blockName(int i) {
        return i == 0 ? "w" : i == 1 && output.trainable() ? "a" : checkedA(i).toString();
    }

    private Matrix checkedA(int i) {
        if (i != 1 || !output.trainable())
            throw new IndexOutOfBoundsException("block " + i + ": expected 0 to " + (blocks() - 1));
        return a;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "two-layer %s student, m = %d, output %s",
                activation.name().toLowerCase(java.util.Locale.ROOT), m, output.key());
    }

    @Override
    public List<LoggedMetric> metrics(Teacher teacher) {
        return teacher.metricsFor(this);
    }

    /** student_layer1_weight (m × d) and, when trained, student_output_weight (m). */
    @Override
    public void saveWeights(Path dir) throws IOException {
        WeightFile.STUDENT_LAYER1_WEIGHT.write(dir, w);
        if (output.trainable()) WeightFile.STUDENT_OUTPUT_WEIGHT.write(dir, a);
    }
}
