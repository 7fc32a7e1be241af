package org.relulab.training.config;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.LinearizedStep;
import org.relulab.training.step.ReluNetworkStep;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.LinearizedNetwork;
import org.relulab.training.student.ReluNetworkStudent;
import org.relulab.training.student.TwoLayerStudent;

/** The learners a run can train ({@code --network}), each building itself and its steps from a run's configuration. */
public enum NetworkKind implements Keyed {
    /** The LMZ20/ZYWG19 student f = Σ_i c_i σ(w_iᵀx), shaped by activation, output layer and initialization. */
    TWO_LAYER("two-layer") {
        @Override
        public Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows) {
            StudentConfig s = c.student();
            TwoLayerStudent student = new TwoLayerStudent(ws, s.m(), c.data().d(), s.activation(), s.output());
            s.init().apply(k, student, s.initScale(), c.seed() + 5, x, y);
            return new Network(student, new TwoLayerStep(ws, student, rows), new TwoLayerStep(ws, student, evalRows));
        }
    },
    /** ALL19's two-layer ReLU network with biases and 1/√m scaling. */
    ALL19_2("all19-2") {
        @Override
        public Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows) {
            StudentConfig s = c.student();
            return relu(ws, k, c, ReluNetworkStudent.twoLayer(ws, c.data().d(), s.m(), s.trained()), rows, evalRows);
        }
    },
    /** ALL19's three-layer ReLU network (widths m, m2). */
    ALL19_3("all19-3") {
        @Override
        public Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows) {
            StudentConfig s = c.student();
            return relu(ws, k, c, ReluNetworkStudent.threeLayer(ws, c.data().d(), s.m(), s.m2(), s.trained()), rows,
                    evalRows);
        }
    },
    /** ALL19's two-layer network linearized at its initialization (the NTK learner). */
    NTK_2("ntk-2") {
        @Override
        public Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows) {
            StudentConfig s = c.student();
            return linearized(ws, k, c, LinearizedNetwork.twoLayer(ws, c.data().d(), s.m(), s.trained()), rows,
                    evalRows);
        }
    },
    /** ALL19's three-layer network linearized at its initialization. */
    NTK_3("ntk-3") {
        @Override
        public Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows) {
            StudentConfig s = c.student();
            return linearized(ws, k, c, LinearizedNetwork.threeLayer(ws, c.data().d(), s.m(), s.m2(), s.trained()),
                    rows,
                    evalRows);
        }
    };

    /** A learner with its training step (batches of {@code rows}) and its evaluation step ({@code evalRows}). */
    public record Network(Learner learner, LearnerStep step, LearnerStep evalStep) {}

    private final String key;

    NetworkKind(String key) {
        this.key = key;
    }

    /**
     * The learner {@code c} describes, initialized from the run's seed (seed + 5) or, for ZYWG19's tensor
     * initialization, from the training set (x, y); every buffer in {@code ws}.
     */
    public abstract Network create(Workspace ws, Kernels k, RunConfig c, Matrix x, Matrix y, int rows, int evalRows);

    @Override
    public String key() {
        return key;
    }

    /** Floats a step keeps per batch row: Z and H (two-layer), H₁, H₂ and G₁ (all19-3), with tangents (ntk). */
    public long activationsPerRow(int m, int m2) {
        return switch (this) {
            case ALL19_2 -> m;
            case ALL19_3 -> 2L * m + m2;
            case NTK_2 -> 2L * m;
            case NTK_3 -> 4L * m + 2L * m2;
            case TWO_LAYER -> 2L * m;
        };
    }

    /** Floats of the learner's parameters (θ₀, θ and Δθ for the linearized ones). */
    public long parameters(int d, int m, int m2) {
        return switch (this) {
            case ALL19_3 -> (long) m * (d + 1) + (long) m2 * (m + 2);
            case NTK_2 -> 3L * m * (d + 2);
            case NTK_3 -> 3L * ((long) m * (d + 1) + (long) m2 * (m + 2));
            case TWO_LAYER, ALL19_2 -> (long) m * (d + 2) + 8;
        };
    }

    private static Network relu(Workspace ws, Kernels k, RunConfig c, ReluNetworkStudent net, int rows, int evalRows) {
        net.initialize(k, c.seed() + 5, c.student().outputStd());
        return new Network(net, new ReluNetworkStep(ws, net, rows), new ReluNetworkStep(ws, net, evalRows));
    }

    private static Network linearized(Workspace ws, Kernels k, RunConfig c, LinearizedNetwork lin, int rows,
            int evalRows) {
        lin.initialize(k, c.seed() + 5, c.student().outputStd());
        return new Network(lin, new LinearizedStep(ws, lin, rows), new LinearizedStep(ws, lin, evalRows));
    }
}
