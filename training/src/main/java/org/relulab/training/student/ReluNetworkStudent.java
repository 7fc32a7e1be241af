package org.relulab.training.student;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.io.WeightFile;

/**
 * ALL19's learner networks: ReLU networks with biases, one or two hidden layers and 1/√width scaling.
 * Three layers, hidden widths m1 and m2, input x ∈ ℝ^d ({@link #threeLayer}):
 * <pre>
 *   h1   = ReLU(W·x + b1)               W: m1 × d,   b1: m1
 *   h2   = ReLU(V·h1/√m1 + b2)          V: m2 × m1,  b2: m2
 *   F(x) = aᵀ·h2/√m2                    a: m2
 * </pre>
 * Two layers, width m ({@link #twoLayer}): F(x) = aᵀ·ReLU(W·x + b1)/√m, ALL19's F(x) = Σ_i a_i ReLU(⟨w_i, x⟩ + b_i).
 * {@link #initialize}: every entry of W, b1, V, b2 ~ N(0, 1) and a_i ~ N(0, ε_a²). The first layer has no
 * 1/√d because ALL19's inputs lie on the unit sphere, so ⟨w_j, x⟩ ~ N(0, 1) already.
 *
 * <p>This is ALL19's network with the width factors written out. Their w_j ~ N(0, I/m1), b1 ~ N(0, 1/m1),
 * v_i ~ N(0, I/m2), b2 ~ N(0, 1/m2), a ~ N(0, ε_a²) give, ReLU being positively homogeneous, exactly F above with
 * W = √m1·W', b1 = √m1·b1', V = √m2·V', b2 = √m2·b2' (primes: theirs); so the functions and the initial
 * distribution are the same, while a gradient step η here is a step η/m1 on their W, b1 and η/m2 on their V, b2.
 *
 * <p>{@link TrainedLayers} says which blocks are trained; {@link #block} lists those, in the order W, b1, V,
 * b2, a. Memory belongs to the workspace given at construction.
 */
public final class ReluNetworkStudent implements Learner {
    public final int d;
    public final TrainedLayers trained;
    /** Output weights a, 1 × (width of the last hidden layer). */
    public final Matrix a;
    private final int[] widths;
    private final Matrix[] weights, biases;
    private final List<Matrix> blocks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private ReluNetworkStudent(Workspace ws, int d, int[] widths, TrainedLayers trained) {
        if (d < 1) throw new IllegalArgumentException("d = " + d + ": expected at least 1 input");
        for (int l = 0; l < widths.length; l++) {
            if (widths[l] < 1)
                throw new IllegalArgumentException(
                        "m" + (l + 1) + " = " + widths[l] + ": expected at least 1 hidden unit");
        }
        this.d = d;
        this.widths = widths;
        this.trained = trained;
        weights = new Matrix[widths.length];
        biases = new Matrix[widths.length];
        for (int l = 0; l < widths.length; l++) {
            weights[l] = ws.matrix(widths[l], l == 0 ? d : widths[l - 1]);
            biases[l] = ws.matrix(1, widths[l]);
            if (trained.hidden()) {
                add(l == 0 ? "W" : "V", weights[l]);
                add("b" + (l + 1), biases[l]);
            }
        }
        a = ws.matrix(1, widths[widths.length - 1]);
        if (trained.output()) add("a", a);
    }

    /** F(x) = aᵀ·ReLU(V·ReLU(W·x + b1)/√m1 + b2)/√m2 on x ∈ ℝ^d, with the given layers trained. */
    public static ReluNetworkStudent threeLayer(Workspace ws, int d, int m1, int m2, TrainedLayers trained) {
        return new ReluNetworkStudent(ws, d, new int[] {m1, m2}, trained);
    }

    /** F(x) = aᵀ·ReLU(W·x + b1)/√m on x ∈ ℝ^d, with the given layers trained. */
    public static ReluNetworkStudent twoLayer(Workspace ws, int d, int m, TrainedLayers trained) {
        return new ReluNetworkStudent(ws, d, new int[] {m}, trained);
    }

    private void add(String name, Matrix block) {
        names.add(name);
        blocks.add(block);
    }

    /** Hidden layers: 1 (a two-layer network) or 2 (three layers). */
    public int hiddenLayers() {
        return widths.length;
    }

    /** The width m_l of hidden layer l = 1, 2. */
    public int width(int layer) { return widths[layer - 1]; }

    /** The weights of hidden layer l: W (l = 1, m1 × d) or V (l = 2, m2 × m1). */
    public Matrix weights(int layer) {
        return weights[layer - 1];
    }

    /** The bias of hidden layer l, 1 × m_l: b1 or b2. */
    public Matrix bias(int layer) { return biases[layer - 1]; }

    /** The factor of layer l's weights: 1 for the first layer (‖x‖ = 1), 1/√m_{l−1} after. */
    public float inputScale(int layer) {
        return layer == 1 ? 1f : (float) (1 / Math.sqrt(widths[layer - 2]));
    }

    /** The factor of the output weights, 1/√(width of the last hidden layer). */
    public float outputScale() {
        return (float) (1 / Math.sqrt(widths[widths.length - 1]));
    }

    /** How many parameter blocks are trained. */
    @Override
    public int inputDim() { return d; }

    @Override
    public int blocks() { return blocks.size(); }

    /** Trained block i, in the order W, b1, V, b2, a (untrained ones left out). */
    @Override
    public Matrix block(int i) { return blocks.get(i); }

    /** The name of trained block i: "W", "b1", "V", "b2" or "a". */
    @Override
    public String blockName(int i) { return names.get(i); }

    /**
     * Draws every parameter from {@code seed}: W, b1, V, b2 entries ~ N(0, 1) (block k of W, b1, V, b2, a from
     * seed + k) and a_i ~ N(0, ε_a²), ε_a = {@code outputStd} (ALL19's a is small and, unless trained, fixed).
     */
    public void initialize(Kernels k, long seed, double outputStd) {
        if (!(outputStd > 0) || Double.isInfinite(outputStd)) {
            throw new IllegalArgumentException("output init std = " + outputStd + ": expected a positive number");
        }
        for (int l = 0; l < widths.length; l++) {
            k.gaussianFill(weights[l], seed + 2L * l, 0f, 1f);
            k.gaussianFill(biases[l], seed + 2L * l + 1, 0f, 1f);
        }
        k.gaussianFill(a, seed + 2L * widths.length, 0f, (float) outputStd);
    }

    /** One line: depth, widths, scaling and which layers are trained. */
    @Override
    public String describe() {
        String shape = widths.length == 1
                ? String.format(Locale.ROOT, "two-layer ReLU network a·ReLU(Wx+b1)/sqrt(m), d=%d, m=%d", d, widths[0])
                : String.format(Locale.ROOT,
                        "three-layer ReLU network a·ReLU(V·ReLU(Wx+b1)/sqrt(m1)+b2)/sqrt(m2), d=%d, m1=%d, m2=%d",
                        d, widths[0], widths[1]);
        return shape + ", trained: " + trained.key() + " " + names;
    }

    /**
     * student_layer1_weight, student_layer1_bias, (student_layer2_weight, student_layer2_bias,)
     * student_output_weight, trained or not.
     */
    @Override
    public void saveWeights(Path dir) throws IOException {
        WeightFile.STUDENT_LAYER1_WEIGHT.write(dir, weights(1));
        WeightFile.STUDENT_LAYER1_BIAS.write(dir, bias(1));
        if (hiddenLayers() == 2) {
            WeightFile.STUDENT_LAYER2_WEIGHT.write(dir, weights(2));
            WeightFile.STUDENT_LAYER2_BIAS.write(dir, bias(2));
        }
        WeightFile.STUDENT_OUTPUT_WEIGHT.write(dir, a);
    }
}
