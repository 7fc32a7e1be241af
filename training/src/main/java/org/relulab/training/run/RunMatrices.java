package org.relulab.training.run;

import static org.relulab.training.run.MemoryEstimate.plus;
import static org.relulab.training.run.MemoryEstimate.times;

import java.util.List;
import org.relulab.core.Activation;
import org.relulab.core.Workspace;
import org.relulab.training.baseline.TangentRidge;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.StudentConfig;
import org.relulab.training.config.TeacherConfig;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.run.MemoryEstimate.Part;
import org.relulab.training.student.TrainedLayers;

/**
 * The off-heap memory of a run: every matrix its workspaces allocate, shape by shape as the constructors that
 * allocate them do (in {@link RunFactory#assemble}'s order), each padded as {@link Workspace#matrix} pads it. The
 * peak is once the last buffers are allocated, or earlier, while a data set is labelled (the teachers' hidden layer
 * lives in a workspace of its own for that call, freed before the student is built). MemoryEstimateMeasuredTest
 * compares these sums with the native memory the JVM counts for real runs; a constructor that allocates a new
 * matrix needs its line here.
 */
final class RunMatrices {
    /**
     * Bytes the JDK adds to an allocation aligned to 64 bytes: malloc aligns to 16, so an {@code Arena} asks for 64 −
     * 16 = 48 more (jdk.internal.foreign.SegmentFactories, JDK 25), counted as a whole cache line.
     */
    static final long ALIGNMENT_SLACK = Workspace.ROW_ALIGN_BYTES;

    private RunMatrices() {}

    /**
     * Native bytes of {@code ws.matrix(rows, cols)}: rows × {@link Workspace#paddedStride}(cols) floats, at least one
     * 64-byte line (vector-core's Workspace.matrix), plus the {@link #ALIGNMENT_SLACK}.
     */
    static long matrix(long rows, int cols) {
        long bytes = times(times(rows, Workspace.paddedStride(cols)), Float.BYTES);
        return plus(Math.max(bytes, Workspace.ROW_ALIGN_BYTES), ALIGNMENT_SLACK);
    }

    /** Native bytes of {@code ws.column(n)} (one contiguous 1 × n row, transposed). */
    static long column(int n) {
        return matrix(1, n);
    }

    /** The run's off-heap memory at its peak, in parts named for what they hold and the options that size them. */
    static List<Part> parts(RunConfig cfg) {
        int d = cfg.data().d(), n = cfg.data().n(), testN = cfg.data().testN(), batch = cfg.optimizer().batch();
        int rows = Math.min(batch, n), evalRows = Evaluation.rowsFor(Math.max(n, testN));
        StudentConfig s = cfg.student();
        long testData = plus(matrix(testN, d), column(testN)), data = plus(plus(matrix(n, d), column(n)), testData);
        long learner = learner(s, d);
        long steps = plus(step(s, d, rows), step(s, d, evalRows));
        long batchCopy = batch < n ? plus(matrix(batch, d), column(batch)) : 0; // Batches' gathered mini-batch
        long predictions = plus(column(Math.min(Evaluation.CHUNK, n)), column(Math.min(Evaluation.CHUNK, testN)));
        long factors = cfg.optimizer().kind().plainDescent() ? 0 : column(s.m()); // truncated, as21: per neuron
        long rest = plus(plus(batchCopy, predictions), factors);
        long after = plus(plus(learner, steps), rest);
        // Freed before the learner is built, so it counts only where it is larger than all that comes after it; the
        // training set's is allocated before the test set.
        long labelling = Math.max(0, Math.max(labelling(cfg, n) - testData, labelling(cfg, testN)) - after);
        String teacherSize = switch (cfg.teacher().kind()) {
            case ABS -> "--d";
            case RELU, SIGNED_RELU -> "--teacher-neurons";
            case CONCEPT2, CONCEPT3 -> "--terms";
            case FIG1 -> "";
        };
        return List.of(new Part("data sets", "--n, --test-n, --d", data),
                new Part("teacher", teacherSize.isEmpty() ? "" : "--d, " + teacherSize, teacher(cfg.teacher(), d)),
                new Part("learner", "--m, --m2, --d", learner),
                new Part("step buffers (a batch and an evaluation chunk)", "--batch, --m, --m2", steps),
                new Part("batch, prediction and optimizer buffers", "--batch, --m", rest),
                new Part("labelling buffer", "--n, --test-n, " + (teacherSize.isEmpty() ? "--d" : teacherSize),
                        labelling),
                new Part("exact solve (kernel or feature matrices)", "--n, --test-n, --m, --m2", exact(cfg)));
    }

    /** --optimizer exact: the matrices of its ridge fit at their peak ({@link TangentRidge#peakBytes}); else 0. */
    static long exact(RunConfig cfg) {
        if (cfg.optimizer().kind() != OptimizerKind.EXACT) return 0;
        StudentConfig s = cfg.student();
        int d = cfg.data().d();
        int[] widths = s.network() == NetworkKind.ALL19_3 || s.network() == NetworkKind.NTK_3
                ? new int[] {s.m(), s.m2()}
                : new int[] {s.m()};
        return TangentRidge.peakBytes(cfg.data().n(), cfg.data().testN(), d, widths,
                TangentRidge.parameters(d, widths, s.trained()), TangentRidge.options());
    }

    /** The teacher's matrices (each TeacherKind's constructor). */
    static long teacher(TeacherConfig t, int d) {
        return switch (t.kind()) {
            case ABS -> plus(matrix(d, d), matrix(1, d));
            case RELU, SIGNED_RELU -> plus(matrix(t.neurons(), d), matrix(1, t.neurons()));
            case FIG1 -> matrix(4, 4);
            case CONCEPT2, CONCEPT3 -> matrix(t.terms(), d);
        };
    }

    /**
     * The temporary buffer of labelling {@code rows} samples: the hidden layer of a one-hidden-layer teacher
     * (TeacherLabels), or before it the row norms of sphere inputs (InputDistribution); the others label row by
     * row on the heap.
     */
    static long labelling(RunConfig cfg, int rows) {
        TeacherConfig t = cfg.teacher();
        int d = cfg.data().d();
        long hidden = switch (t.kind()) {
            case ABS -> matrix(rows, d);
            case RELU, SIGNED_RELU -> matrix(rows, t.neurons());
            case FIG1, CONCEPT2, CONCEPT3 -> 0;
        };
        return Math.max(hidden, cfg.data().inputs() == InputDistribution.SPHERE ? column(rows) : 0);
    }

    /** The learner's parameters (TwoLayerStudent, ReluNetworkStudent; LinearizedNetwork holds θ₀ and θ). */
    static long learner(StudentConfig s, int d) {
        int m = s.m();
        return switch (s.network()) {
            case TWO_LAYER -> plus(matrix(m, d), matrix(1, m));
            case ALL19_2 -> reluNetwork(d, new int[] {m});
            case ALL19_3 -> reluNetwork(d, new int[] {m, s.m2()});
            case NTK_2 -> times(2, reluNetwork(d, new int[] {m}));
            case NTK_3 -> times(2, reluNetwork(d, new int[] {m, s.m2()}));
        };
    }

    /** One step's buffers for batches of {@code rows} (TwoLayerStep, ReluNetworkStep, LinearizedStep). */
    static long step(StudentConfig s, int d, int rows) {
        int m = s.m();
        return switch (s.network()) {
            case TWO_LAYER -> twoLayerStep(d, m, s.activation(), rows);
            case ALL19_2 -> reluStep(d, new int[] {m}, s.trained(), rows);
            case ALL19_3 -> reluStep(d, new int[] {m, s.m2()}, s.trained(), rows);
            case NTK_2 -> linearizedStep(d, new int[] {m}, s.trained(), rows);
            case NTK_3 -> linearizedStep(d, new int[] {m, s.m2()}, s.trained(), rows);
        };
    }

    /** TwoLayerStep: Z (not for ReLU, applied in place) and H; f; c, dc, gradA; norms², e; gradW. */
    private static long twoLayerStep(int d, int m, Activation activation, int rows) {
        long activations = times(activation == Activation.RELU ? 1 : 2, matrix(rows, m));
        long perNeuron = plus(times(3, matrix(1, m)), times(2, column(m)));
        return plus(plus(activations, column(rows)), plus(perNeuron, matrix(m, d)));
    }

    /** A ReLU network of hidden widths {@code widths}: W_l, b_l per layer, then a. */
    private static long reluNetwork(int d, int[] widths) {
        long bytes = matrix(1, widths[widths.length - 1]);
        for (int l = 0; l < widths.length; l++)
            bytes = plus(bytes, plus(matrix(widths[l], l == 0 ? d : widths[l - 1]), matrix(1, widths[l])));
        return bytes;
    }

    /** ReluNetworkStep: H_l per layer, G_l below the top one, gradients of the trained blocks, the output f. */
    private static long reluStep(int d, int[] widths, TrainedLayers trained, int rows) {
        int layers = widths.length;
        long bytes = plus(column(rows), trained.output() ? matrix(1, widths[layers - 1]) : 0);
        for (int l = 0; l < layers; l++) {
            bytes = plus(bytes, matrix(rows, widths[l]));
            if (trained.hidden() && l < layers - 1) bytes = plus(bytes, matrix(rows, widths[l]));
            if (trained.hidden())
                bytes = plus(bytes, plus(matrix(widths[l], l == 0 ? d : widths[l - 1]), matrix(1, widths[l])));
        }
        return bytes;
    }

    /** LinearizedStep: the network's step at θ₀, and ΔW_l, Δb_l and the tangent per trained hidden layer. */
    private static long linearizedStep(int d, int[] widths, TrainedLayers trained, int rows) {
        long bytes = reluStep(d, widths, trained, rows);
        for (int l = 0; l < widths.length && trained.hidden(); l++) {
            bytes = plus(bytes, plus(matrix(widths[l], l == 0 ? d : widths[l - 1]),
                    plus(matrix(1, widths[l]), matrix(rows, widths[l]))));
        }
        return bytes;
    }
}
