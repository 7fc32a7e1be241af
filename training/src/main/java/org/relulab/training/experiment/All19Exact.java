package org.relulab.training.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.Json;

/**
 * One exact run of {@code reproduce all19} ({@code --optimizer exact}), as its manifest's "exact" entry records it:
 * the λ its held-out 20 % chose and the held-out MSE there, the ridgeless limit (the smallest λ solved) and its
 * held-out MSE, the training and test MSE of the solution as the run evaluated it, and the test MSE of the ridge
 * predictions computed in double (the two agree to float rounding: a check of the solve).
 */
record All19Exact(String runId, All19Learner learner, int n, long seed, String solvedIn, int parameters, double lambda,
        double validationMse, double ridgelessLambda, double ridgelessValidationMse, double trainMse, double testMse,
        double ridgeTestMse, double seconds) {

    /** The exact run {@code r}, read from its manifest. */
    static All19Exact of(Path top, PresetRuns.Run r) {
        RunConfig c = r.config();
        Map<?, ?> exact;
        try {
            Map<?, ?> manifest = (Map<?, ?>) Json.parse(Files.readString(r.dir().resolve("manifest.json")));
            exact = (Map<?, ?>) manifest.get("exact");
        } catch (IOException e) {
            throw FileProblem.of("reading", r.dir().resolve("manifest.json"), e);
        }
        if (exact == null) {
            throw new IllegalArgumentException(r.dir().resolve("manifest.json") + " has no \"exact\" entry (expected "
                    + "the manifest of a run of --optimizer exact that finished)");
        }
        return new All19Exact(PresetRuns.runId(top, r), All19Learner.of(c), c.data().n(), c.seed(),
                String.valueOf(exact.get("solved_in")),
                (int) number(exact, "parameters"), number(exact, "lambda"), number(exact, "validation_mse"),
                number(exact, "ridgeless_lambda"), number(exact, "ridgeless_validation_mse"),
                r.result().finalTrainLoss(), r.result().finalTestLoss(), number(exact, "ridge_test_mse"),
                r.result().seconds());
    }

    private static double number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    /** exact.csv: one row per exact run, in exact.toml's order. */
    static String csv(List<All19Exact> runs) {
        StringBuilder csv = new StringBuilder("run_id,learner,n,seed,solved_in,parameters,lambda,validation_mse,"
                + "ridgeless_lambda,ridgeless_validation_mse,train_mse,test_mse,ridge_test_mse,seconds\n");
        for (All19Exact e : runs) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%d,%s,%.6g,%s,%.6g,%.6g,%.6g,%.6g,%.2f%n",
                    e.runId, e.learner.key, e.n, e.seed, e.solvedIn, e.parameters, All19Tuning.number(e.lambda),
                    e.validationMse, All19Tuning.number(e.ridgelessLambda), e.ridgelessValidationMse, e.trainMse,
                    e.testMse, e.ridgeTestMse, e.seconds));
        }
        return csv.toString();
    }

    /** The λ chosen (median over seeds) and the held-out MSE there (median), per exact learner and N. */
    static String table(List<All19Learner> learners, int[] ns, List<All19Exact> runs) {
        StringBuilder sb = new StringBuilder("| learner: λ (held-out MSE)");
        for (int n : ns) sb.append(" | N = ").append(String.format(Locale.ROOT, "%,d", n).replace(',', ' '));
        sb.append(" |\n|---");
        for (int i = 0; i < ns.length; i++) sb.append("|---:");
        sb.append("|\n");
        for (All19Learner l : learners) {
            sb.append("| ").append(l.label);
            for (int n : ns) {
                List<All19Exact> cell = runs.stream().filter(e -> e.learner == l && e.n == n).toList();
                sb.append(" | ").append(cell.isEmpty()
                        ? "—"
                        : All19Tuning.number(median(cell.stream().mapToDouble(All19Exact::lambda).toArray())) + " ("
                                + All19Table.value(median(cell.stream().mapToDouble(All19Exact::validationMse)
                                        .toArray()))
                                + ")");
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** The median (the lower middle value for an even count, so a λ of the grid). */
    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(v.length - 1) / 2];
    }
}
