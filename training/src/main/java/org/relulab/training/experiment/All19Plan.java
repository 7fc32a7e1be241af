package org.relulab.training.experiment;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.relulab.training.optim.LearningRateSchedule;

/**
 * What {@code reproduce all19} runs: the sample sizes N, the seeds, the grid of learning rates and weight decays
 * searched for each learner and N, the length of a run and the widths. Pure data; {@link #full()} and
 * {@link #quick()} are the two presets, and the compact constructor refuses a plan that could not run.
 *
 * @param ns           training-set sizes N, increasing
 * @param seeds        seeds of the reported runs (training set, test set and initialization all derive from one)
 * @param tuningSeeds  seeds of the tuning runs, whose own test sets are the held-out sets that pick (η, λ): the least
 *                     mean held-out MSE over these seeds, among the grid points that trained on every one of them;
 *                     they share no data with the reported runs
 * @param lrs          learning rates η searched
 * @param weightDecays weight decays λ searched (SGD on J + (λ/2)‖θ‖²)
 * @param minSteps     SGD steps of a run, at least
 * @param epochs       epochs of a run, at least (a run takes max(minSteps, epochs·N/batch) steps)
 * @param testN        test samples (the held-out set of a tuning run)
 * @param width3       hidden widths m1 = m2 of the three-layer learners
 * @param width2       hidden width m of the two-layer learners
 * @param schedule     the learning rate over a run: η constant, or decaying from η to 0 at the last step
 */
record All19Plan(int[] ns, int[] seeds, int[] tuningSeeds, double[] lrs, double[] weightDecays, long minSteps,
        int epochs,
        int testN, int width3, int width2, LearningRateSchedule schedule) {
    /** ALL19's mini-batch. */
    static final int BATCH = 50;

    All19Plan {
        if (ns.length == 0 || seeds.length == 0 || tuningSeeds.length == 0 || lrs.length == 0
                || weightDecays.length == 0) {
            throw new IllegalArgumentException(
                    "all19 plan: expected at least one N, seed, tuning seed, learning rate and weight decay (got "
                            + ns.length + ", " + seeds.length + ", " + tuningSeeds.length + ", " + lrs.length + ", "
                            + weightDecays.length + ")");
        }
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] < BATCH || (i > 0 && ns[i] <= ns[i - 1])) {
                throw new IllegalArgumentException(
                        "all19 plan: N = " + Arrays.toString(ns) + ": expected increasing sizes of at least " + BATCH);
            }
        }
        int[] all = IntStream.concat(Arrays.stream(seeds), Arrays.stream(tuningSeeds)).toArray();
        if (Arrays.stream(all).distinct().count() != all.length) {
            throw new IllegalArgumentException(
                    "all19 plan: seeds " + Arrays.toString(seeds) + " and tuning seeds " + Arrays.toString(tuningSeeds)
                            + ": expected all distinct");
        }
        for (double lr : lrs) {
            for (double wd : weightDecays) {
                if (!(lr > 0) || !(wd >= 0) || !(lr * wd < 1)) {
                    throw new IllegalArgumentException(
                            "all19 plan: lr " + lr + ", weight decay " + wd + ": expected lr > 0, λ ≥ 0, lr·λ < 1");
                }
            }
        }
        if (schedule == null) throw new IllegalArgumentException("all19 plan: expected a learning-rate schedule");
        if (minSteps < 4 || epochs < 0 || testN < 1 || width3 < 1 || width2 < 1) {
            throw new IllegalArgumentException(
                    "all19 plan: steps " + minSteps + ", epochs " + epochs + ", test n " + testN
                            + ", widths " + width3 + ", " + width2
                            + ": expected at least 4 steps, 0 epochs, 1 test sample, 1 unit");
        }
    }

    /** About 8 to 11 minutes on 2 cores (measured: 7.6 with the cosine decay, 11.1 with a constant η). */
    static All19Plan full() {
        return new All19Plan(new int[] {500, 1_000, 2_000, 5_000, 10_000, 20_000}, new int[] {1, 2, 3, 4, 5},
                new int[] {100, 200},
                new double[] {0.5, 1, 2}, new double[] {0, 1e-5, 1e-4}, 8_000, 20, 10_000, 128, 1_024,
                LearningRateSchedule.COSINE);
    }

    /** About 30 s on 2 cores (measured: 28 s): three sizes, one seed, one tuning seed, a 2 × 2 grid, short runs. */
    static All19Plan quick() {
        return new All19Plan(new int[] {500, 2_000, 10_000}, new int[] {1}, new int[] {100}, new double[] {0.5, 1},
                new double[] {0, 1e-4},
                3_000, 2, 5_000, 128, 1_024, LearningRateSchedule.COSINE);
    }

    /** SGD steps of a run on N samples: max(minSteps, epochs·N/batch). */
    long steps(int n) {
        return Math.max(minSteps, ((long) epochs * n + BATCH - 1) / BATCH);
    }

    /** Hidden width of the learner's layers (both hidden layers of a three-layer learner). */
    int width(All19Learner learner) {
        return learner.threeLayers() ? width3 : width2;
    }

    /** Points of the (η, λ) grid: η major, λ minor. */
    int gridPoints() { return lrs.length * weightDecays.length; }

    double lr(int point) { return lrs[point / weightDecays.length]; }

    double weightDecay(int point) { return weightDecays[point % weightDecays.length]; }

    /**
     * The grid points with a finite held-out error (NaN for a point that diverged on some tuning seed), best first,
     * equals in grid order (smaller η, then smaller λ): the chosen point, then the ones a reported run falls back to
     * when its SGD diverges on its training set. Empty when no point has a finite error.
     */
    static int[] ranking(double[] heldOutError) {
        return IntStream.range(0, heldOutError.length).filter(i -> Double.isFinite(heldOutError[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> heldOutError[i])).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The mean of a grid point's held-out errors over the tuning seeds, NaN when one of them is not finite (diverged).
     */
    static double heldOut(double[] perSeed) {
        double sum = 0;
        for (double e : perSeed) sum += e;
        return Double.isFinite(sum) && perSeed.length > 0 ? sum / perSeed.length : Double.NaN;
    }

    /** The grid in words, for the table and the console. */
    String describeGrid() {
        return String.format(Locale.ROOT, "η ∈ %s × λ ∈ %s", list(lrs), list(weightDecays));
    }

    static String list(double[] values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ", ").append(number(values[i]));
        return sb.append('}').toString();
    }

    /** A learning rate or weight decay as a short text: 0, 0.3, 1, 1e-4. */
    static String number(double v) {
        if (v == 0) return "0";
        if (v >= 0.01 && v < 1e4)
            return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e");
    }
}
