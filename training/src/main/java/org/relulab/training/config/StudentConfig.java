package org.relulab.training.config;

import org.relulab.core.Activation;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TrainedLayers;

/**
 * The learner of a run.
 *
 * @param network    which learner: the two-layer student, ALL19's networks or their linearizations
 * @param m          hidden units (all19-3: of the first hidden layer)
 * @param m2         all19-3 and ntk-3: units of the second hidden layer
 * @param activation two-layer student: σ, RELU or ABS
 * @param output     two-layer student: the output layer
 * @param init       two-layer student: the initialization
 * @param initScale  s in w_i ~ N(0, s²I/d)
 * @param trained    ALL19's networks: which layers train (all, hidden, last = random features)
 * @param outputStd  ALL19's networks: a_i ~ N(0, outputStd²) at the start
 */
public record StudentConfig(NetworkKind network, int m, int m2, Activation activation, OutputLayer output,
        Initialization init, double initScale, TrainedLayers trained, double outputStd) {
    public StudentConfig {
        RunOption.NETWORK.require(network);
        RunOption.M.check(m);
        RunOption.M2.check(m2);
        RunOption.ACTIVATION.require(activation);
        if (activation != Activation.RELU && activation != Activation.ABS) {
            throw Range.outOfRange("--activation", activation, "relu or abs");
        }
        RunOption.OUTPUT.require(output);
        RunOption.INIT.require(init);
        RunOption.INIT_SCALE.check(initScale);
        RunOption.TRAINED.require(trained);
        RunOption.OUTPUT_STD.check(outputStd);
    }
}
