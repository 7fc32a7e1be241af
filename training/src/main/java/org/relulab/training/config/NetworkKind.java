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
import org.relulab.training.student.TrainedLayers;
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

    /**
     * Whether the network is linear in the parameters {@code trained} trains, so that {@code --optimizer exact} can
     * solve it: the linearized networks (ntk-2, ntk-3), and ALL19's networks with only the output layer trained.
     */
    public boolean linearIn(TrainedLayers trained) {
        return this == NTK_2 || this == NTK_3 || (this == ALL19_2 || this == ALL19_3) && trained == TrainedLayers.LAST;
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
