package org.relulab.training.experiment;

import org.relulab.training.config.NetworkKind;
import org.relulab.training.student.TrainedLayers;

/**
 * The learners of ALL19's Fig. 1 (six), and two more, as relulab networks: the three- and two-layer ReLU networks with
 * every layer trained, the same networks with only the output layer trained on their fixed random features ("last",
 * the conjugate kernel), and the same networks linearized at their initialization with every layer trained ("NTK",
 * the finite-width neural tangent kernel); and the two networks with the hidden layers trained and the output layer
 * held at its random start, the setting of ALL19's theorems ("hidden").
 */
enum All19Learner {
    THREE_LAYER("3-layer", "3layer", NetworkKind.ALL19_3, TrainedLayers.ALL),
    TWO_LAYER("2-layer", "2layer", NetworkKind.ALL19_2, TrainedLayers.ALL),
    THREE_LAYER_LAST("3-layer (last)", "3layer-last", NetworkKind.ALL19_3, TrainedLayers.LAST),
    TWO_LAYER_LAST("2-layer (last)", "2layer-last", NetworkKind.ALL19_2, TrainedLayers.LAST),
    THREE_LAYER_NTK("3-layer (NTK)", "3layer-ntk", NetworkKind.NTK_3, TrainedLayers.ALL),
    TWO_LAYER_NTK("2-layer (NTK)", "2layer-ntk", NetworkKind.NTK_2, TrainedLayers.ALL),
    THREE_LAYER_HIDDEN("3-layer (hidden)", "3layer-hidden", NetworkKind.ALL19_3, TrainedLayers.HIDDEN),
    TWO_LAYER_HIDDEN("2-layer (hidden)", "2layer-hidden", NetworkKind.ALL19_2, TrainedLayers.HIDDEN);

    /** The name in the paper's legend. */
    final String label;
    /** The name in folder names and CSV files. */
    final String key;
    /** relulab's {@code --network}. */
    final NetworkKind network;
    /** relulab's {@code --trained}. */
    final TrainedLayers trained;

    All19Learner(String label, String key, NetworkKind network, TrainedLayers trained) {
        this.label = label;
        this.key = key;
        this.network = network;
        this.trained = trained;
    }

    /** The learner a run of {@code c} is: its network and trained layers; refuses any other run. */
    static All19Learner of(org.relulab.training.config.RunConfig c) {
        for (All19Learner l : values()) {
            if (l.network == c.student().network() && l.trained == c.student().trained()) return l;
        }
        throw new IllegalArgumentException("--network " + c.student().network().key() + " --trained "
                + c.student().trained().key() + " is none of ALL19's learners (expected all19-3 or all19-2 with "
                + "--trained all, last or hidden, or ntk-3 or ntk-2 with --trained all)");
    }

    /** Whether the network has two hidden layers (three layers of weights). */
    boolean threeLayers() {
        return network == NetworkKind.ALL19_3 || network == NetworkKind.NTK_3;
    }
}
