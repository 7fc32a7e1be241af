package org.relulab.training.experiment;

import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.student.TrainedLayers;

/**
 * The learners of ALL19's Fig. 1 (six), and two more, as relulab networks: the three- and two-layer ReLU networks with
 * every layer trained, the same networks with only the output layer trained on their fixed random features ("last",
 * the conjugate kernel), and the same networks linearized at their initialization with every layer trained ("NTK",
 * the finite-width neural tangent kernel); and the two networks with the hidden layers trained and the output layer
 * held at its random start, the setting of ALL19's theorems ("hidden"). The last-layer and NTK learners are convex
 * problems: besides trained by SGD, each is solved exactly ("exact": ridge regression on its tangent features at the
 * same initialization and data, {@code --optimizer exact}).
 */
enum All19Learner {
    THREE_LAYER("3-layer", "3layer", NetworkKind.ALL19_3, TrainedLayers.ALL, false),
    TWO_LAYER("2-layer", "2layer", NetworkKind.ALL19_2, TrainedLayers.ALL, false),
    THREE_LAYER_LAST("3-layer (last)", "3layer-last", NetworkKind.ALL19_3, TrainedLayers.LAST, false),
    TWO_LAYER_LAST("2-layer (last)", "2layer-last", NetworkKind.ALL19_2, TrainedLayers.LAST, false),
    THREE_LAYER_LAST_EXACT("3-layer (last, exact)", "3layer-last-exact", NetworkKind.ALL19_3, TrainedLayers.LAST, true),
    TWO_LAYER_LAST_EXACT("2-layer (last, exact)", "2layer-last-exact", NetworkKind.ALL19_2, TrainedLayers.LAST, true),
    THREE_LAYER_NTK("3-layer (NTK)", "3layer-ntk", NetworkKind.NTK_3, TrainedLayers.ALL, false),
    TWO_LAYER_NTK("2-layer (NTK)", "2layer-ntk", NetworkKind.NTK_2, TrainedLayers.ALL, false),
    THREE_LAYER_NTK_EXACT("3-layer (NTK, exact)", "3layer-ntk-exact", NetworkKind.NTK_3, TrainedLayers.ALL, true),
    TWO_LAYER_NTK_EXACT("2-layer (NTK, exact)", "2layer-ntk-exact", NetworkKind.NTK_2, TrainedLayers.ALL, true),
    THREE_LAYER_HIDDEN("3-layer (hidden)", "3layer-hidden", NetworkKind.ALL19_3, TrainedLayers.HIDDEN, false),
    TWO_LAYER_HIDDEN("2-layer (hidden)", "2layer-hidden", NetworkKind.ALL19_2, TrainedLayers.HIDDEN, false);

    /** The name in the paper's legend. */
    final String label;
    /** The name in folder names and CSV files. */
    final String key;
    /** relulab's {@code --network}. */
    final NetworkKind network;
    /** relulab's {@code --trained}. */
    final TrainedLayers trained;
    /** Solved exactly ({@code --optimizer exact}) rather than trained by SGD. */
    final boolean exact;

    All19Learner(String label, String key, NetworkKind network, TrainedLayers trained, boolean exact) {
        this.label = label;
        this.key = key;
        this.network = network;
        this.trained = trained;
        this.exact = exact;
    }

    /** The learner a run of {@code c} is: its network, trained layers and optimizer; refuses any other run. */
    static All19Learner of(org.relulab.training.config.RunConfig c) {
        boolean exact = c.optimizer().kind() == OptimizerKind.EXACT;
        for (All19Learner l : values()) {
            if (l.network == c.student().network() && l.trained == c.student().trained() && l.exact == exact) return l;
        }
        throw new IllegalArgumentException("--network " + c.student().network().key() + " --trained "
                + c.student().trained().key() + (exact ? " --optimizer exact" : "") + " is none of ALL19's learners "
                + "(expected all19-3 or all19-2 with --trained all, last or hidden, or ntk-3 or ntk-2 with --trained "
                + "all; --optimizer exact for the last-layer and NTK ones only)");
    }

    /** Whether the network has two hidden layers (three layers of weights). */
    boolean threeLayers() {
        return network == NetworkKind.ALL19_3 || network == NetworkKind.NTK_3;
    }
}
