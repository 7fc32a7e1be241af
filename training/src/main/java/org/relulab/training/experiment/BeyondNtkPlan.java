package org.relulab.training.experiment;

import java.util.Arrays;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.NumberGrammar;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.Range;
import org.relulab.training.config.RunConfig;
import org.relulab.training.student.OutputLayer;

/**
 * The grid of {@code reproduce beyond-ntk} and the sizes at each input dimension d, every one a stated polynomial
 * of d: n = 10d² training samples (the LMZ20 Fig. 1 ratio: 10⁴ samples at d = 30), student width m = 4d (LMZ20
 * needs m ≥ 2d; their Fig. 1 has m ≈ 3.3d), T = K·d² full-batch GD steps at η = m/2 (K = 16 by default: 1.4 to 2
 * times the steps the student needs to leave its plateau on this grid; η = m stalls at d = 16), M = m·d = 4d² random
 * features (as
 * many trained parameters as the network), and {@code testN} fresh test samples for every d.
 *
 * @param dims   the input dimensions, strictly increasing, each from {@link #MIN_D} to {@link #MAX_D}
 * @param seeds  seeds 1 … seeds at each d (teacher data, initialization and random features)
 * @param testN  test samples
 * @param stepsPerD2 K of the network's step budget T = K·d²
 */
record BeyondNtkPlan(int[] dims, int seeds, int testN, int stepsPerD2) {
    static final int MIN_D = 4, MAX_D = 48, MAX_SEEDS = 20, DEFAULT_STEPS_PER_D2 = 16, MAX_STEPS_PER_D2 = 1024;

    /** The default step budget, T = 16d². */
    BeyondNtkPlan(int[] dims, int seeds, int testN) {
        this(dims, seeds, testN, DEFAULT_STEPS_PER_D2);
    }

    BeyondNtkPlan {
        if (dims == null || dims.length == 0)
            throw new IllegalArgumentException("--d is empty (expected dimensions like 8,16,32)");
        dims = dims.clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < MIN_D || dims[i] > MAX_D) {
                throw new IllegalArgumentException(
                        "--d " + dims[i] + " is out of range (expected " + MIN_D + " to " + MAX_D
                                + "; at d = " + MAX_D + " the kernel matrix is " + n(MAX_D) + " x " + n(MAX_D) + ")");
            }
            if (i > 0 && dims[i] <= dims[i - 1]) {
                throw new IllegalArgumentException(
                        "--d " + dims[i] + " after " + dims[i - 1] + " (expected strictly increasing dimensions)");
            }
        }
        if (seeds < 1 || seeds > MAX_SEEDS)
            throw new IllegalArgumentException(
                    "--seeds " + seeds + " is out of range (expected 1 to " + MAX_SEEDS + ")");
        if (testN < 1) throw new IllegalArgumentException("" + testN + " test samples (expected at least 1)");
        if (stepsPerD2 < 1 || stepsPerD2 > MAX_STEPS_PER_D2) {
            throw new IllegalArgumentException(
                    "--steps-per-d2 " + stepsPerD2 + " is out of range (expected 1 to " + MAX_STEPS_PER_D2 + ")");
        }
    }

    /** The full run: d = 8 … 32 with three seeds (about 30 minutes on 2 cores). */
    static BeyondNtkPlan full() {
        return new BeyondNtkPlan(new int[] {8, 12, 16, 20, 24, 28, 32}, 3, 5_000);
    }

    /** {@code --quick}: d = 8 … 20 with two seeds (about 2 minutes). */
    static BeyondNtkPlan quick() {
        return new BeyondNtkPlan(new int[] {8, 12, 16, 20}, 2, 5_000);
    }

    /** The dimensions of {@code --d}: comma-separated integers ({@link NumberGrammar}), e.g. "8,16,32". */
    static int[] parseDims(String text) {
        String[] parts = text.split(",", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = (int) NumberGrammar.integer("--d", parts[i], Range.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--d '" + text + "' has '" + parts[i]
                        + "', not an integer (expected comma-separated dimensions like 8,16,32, no spaces)");
            }
        }
        return dims;
    }

    @Override
    public int[] dims() { return dims.clone(); }

    /** Training samples n = 10d². */
    static int n(int d) { return 10 * d * d; }

    /** Student width m = 4d. */
    static int m(int d) { return 4 * d; }

    /** GD steps T = K·d². */
    long steps(int d) { return (long) stepsPerD2 * d * d; }

    /** Learning rate η = m/2 on relulab's objective (1/2n)Σ(f − y)², as in reproduce lmz20. */
    static double lr(int d) {
        return RunConfig.defaultLr(NetworkKind.TWO_LAYER, OptimizerKind.GD, OutputLayer.TIED, m(d));
    }

    /** Random features M = m·d = 4d². */
    static int features(int d) { return m(d) * d; }

    /** Steps between two metric rows: 64 rows a run. */
    long logEvery(int d) { return Math.max(1, steps(d) / 64); }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeyondNtkPlan p && Arrays.equals(dims, p.dims) && seeds == p.seeds && testN == p.testN
                && stepsPerD2 == p.stepsPerD2;
    }

    @Override
    public int hashCode() { return 31 * (31 * (31 * Arrays.hashCode(dims) + seeds) + testN) + stepsPerD2; }

    @Override
    public String toString() {
        return "BeyondNtkPlan[dims=" + Arrays.toString(dims) + ", seeds=" + seeds + ", testN=" + testN + "]";
    }
}
