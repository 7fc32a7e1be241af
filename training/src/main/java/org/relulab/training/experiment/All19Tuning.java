package org.relulab.training.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.relulab.training.config.RunConfig;

/**
 * What ALL19's tuning sweep chose, for each learner and training-set size N: its grid points (η, λ) in the sweep's
 * order, each scored by the mean held-out MSE over the tuning seeds (NaN when it failed to train on one of them), and
 * their ranking, best first. A tuning run's own test set is its held-out set: no reported run sees it.
 */
final class All19Tuning {
    /** A learner at one N: what tuning chooses a point for. */
    record Group(All19Learner learner, int n) {
        static Group of(RunConfig c) {
            return new Group(All19Learner.of(c), c.data().n());
        }
    }

    /** A grid point: a learning rate η and a weight decay λ. */
    record Point(double lr, double weightDecay) {
        static Point of(RunConfig c) {
            return new Point(c.optimizer().lr(), c.optimizer().weightDecay());
        }

        @Override
        public String toString() {
            return number(lr) + ", " + number(weightDecay);
        }
    }

    private final Map<Group, List<Point>> points = new LinkedHashMap<>();
    private final Map<Group, double[]> heldOut = new LinkedHashMap<>();
    private final Map<Group, int[]> ranking = new LinkedHashMap<>();
    private final String csv;

    /**
     * Scores and ranks the tuning runs of the report in {@code top}; a run fails to train as
     * {@link All19Experiment#failed} says.
     */
    All19Tuning(Path top, List<PresetRuns.Run> runs, double meanSquare) {
        Map<Group, Map<Point, List<Double>>> scores = new LinkedHashMap<>();
        for (PresetRuns.Run r : runs) {
            scores.computeIfAbsent(Group.of(r.config()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(Point.of(r.config()), p -> new ArrayList<>())
                    .add(All19Experiment.score(r.result(), meanSquare));
        }
        scores.forEach((g, byPoint) -> {
            List<Point> list = List.copyOf(byPoint.keySet());
            double[] mean = list.stream()
                    .mapToDouble(p -> heldOut(byPoint.get(p).stream().mapToDouble(Double::doubleValue).toArray()))
                    .toArray();
            points.put(g, list);
            heldOut.put(g, mean);
            ranking.put(g, ranking(mean));
        });
        StringBuilder s = new StringBuilder(
                "run_id,learner,n,lr,weight_decay,seed,steps,heldout_mse,train_mse,diverged,failed,mean_heldout_mse,"
                        + "chosen\n");
        for (PresetRuns.Run r : runs) {
            Group g = Group.of(r.config());
            Point p = Point.of(r.config());
            int i = points.get(g).indexOf(p);
            s.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%d,%.6g,%.6g,%s,%s,%.6g,%s%n",
                    PresetRuns.runId(top, r), g.learner.key, g.n,
                    number(p.lr), number(p.weightDecay), r.config().seed(), r.config().steps(),
                    r.result().finalTestLoss(), r.result().finalTrainLoss(), r.result().diverged(),
                    All19Experiment.failed(r.result(), meanSquare), heldOut.get(g)[i], i == first(g)));
        }
        this.csv = s.toString();
    }

    /** The grid points of {@code g} with a finite held-out error, best first; empty when none (or none tuned). */
    List<Point> ranked(Group g) {
        int[] r = ranking.getOrDefault(g, new int[0]);
        return IntStream.of(r).mapToObj(i -> points.get(g).get(i)).toList();
    }

    /** The chosen point's index in {@code g}'s points, or -1. */
    private int first(Group g) {
        int[] r = ranking.get(g);
        return r.length == 0 ? -1 : r[0];
    }

    /** tuning.csv: one row per tuning run, in the sweep's order, with its point's mean and whether it was chosen. */
    String csv() {
        return csv;
    }

    /** "η ∈ {0.5, 1, 2} × λ ∈ {0, 1e-5, 1e-4}": the grid of the tuning runs, for the table. */
    static String describeGrid(List<PresetRuns.Run> runs) {
        double[] lrs = runs.stream().mapToDouble(r -> r.config().optimizer().lr()).distinct().toArray(),
                wds = runs.stream().mapToDouble(r -> r.config().optimizer().weightDecay()).distinct().toArray();
        return "η ∈ " + list(lrs) + " × λ ∈ " + list(wds);
    }

    /**
     * The indices of the grid points with a finite held-out error (NaN for a point that diverged on some tuning seed),
     * best first, equals in grid order: the chosen point, then the ones a reported run falls back to when its SGD
     * fails to train. Empty when no point has a finite error.
     */
    static int[] ranking(double[] heldOutError) {
        return IntStream.range(0, heldOutError.length).filter(i -> Double.isFinite(heldOutError[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> heldOutError[i])).mapToInt(Integer::intValue).toArray();
    }

    /** The mean of a grid point's held-out errors over the tuning seeds, NaN when one of them is not finite. */
    static double heldOut(double[] perSeed) {
        double sum = 0;
        for (double e : perSeed) sum += e;
        return Double.isFinite(sum) && perSeed.length > 0 ? sum / perSeed.length : Double.NaN;
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
