package org.relulab.training.metrics;

/**
 * ZYWG19's parameter recovery measure ‖W − W*‖_F / ‖W*‖_F, after the best matching of student neurons to
 * teacher neurons (the network is invariant under permuting its hidden units, so the raw row order means
 * nothing).
 *
 * <p>Matching: each teacher neuron w*_j (K rows) gets a distinct student neuron w_{π(j)} (m ≥ K rows) so
 * that Σ_j ‖w_{π(j)} − w*_j‖² is minimal ({@link HungarianAssignment} on the K × m squared distances). The
 * error is sqrt(Σ_j ‖w_{π(j)} − w*_j‖²) / ‖W*‖_F over the matched student neurons only: with m = K, as in
 * ZYWG19, that is exactly ‖W_π − W*‖_F / ‖W*‖_F; with m > K the unmatched student neurons are ignored (they
 * may still carry output mass, so a small error then means "the teacher's neurons are present", not "the
 * networks are equal"). No sign folding: a ReLU neuron and its negation are different functions.
 */
public final class ParameterRecovery {
    private ParameterRecovery() {}

    /** For each teacher neuron j, the distinct student neuron matched to it by minimum total squared distance. */
    public static int[] matching(double[][] student, double[][] teacher) {
        int d = check(student, teacher);
        double[][] cost = new double[teacher.length][student.length];
        for (int j = 0; j < teacher.length; j++) {
            for (int i = 0; i < student.length; i++) cost[j][i] = squaredDistance(student[i], teacher[j], d);
        }
        return HungarianAssignment.solve(cost);
    }

    /** ‖W_π − W*‖_F / ‖W*‖_F over the best-matched student neurons (student m × d, teacher K × d, m ≥ K). */
    public static double relativeError(double[][] student, double[][] teacher) {
        int d = check(student, teacher);
        int[] match = matching(student, teacher);
        double err2 = 0, norm2 = 0;
        for (int j = 0; j < teacher.length; j++) {
            err2 += squaredDistance(student[match[j]], teacher[j], d);
            for (int p = 0; p < d; p++) norm2 += teacher[j][p] * teacher[j][p];
        }
        if (norm2 == 0)
            throw new IllegalArgumentException("teacher weights are all zero: the relative error is undefined");
        return Math.sqrt(err2 / norm2);
    }

    private static double squaredDistance(double[] a, double[] b, int d) {
        double sum = 0;
        for (int p = 0; p < d; p++) {
            double diff = a[p] - b[p];
            sum += diff * diff;
        }
        return sum;
    }

    /** Validates the shapes and returns d. */
    private static int check(double[][] student, double[][] teacher) {
        if (teacher == null || teacher.length == 0)
            throw new IllegalArgumentException("teacher has no neurons: expected K >= 1");
        if (student == null || student.length < teacher.length) {
            throw new IllegalArgumentException("student has " + (student == null ? 0 : student.length)
                    + " neurons: expected at least the teacher's K = " + teacher.length);
        }
        int d = teacher[0] == null ? 0 : teacher[0].length;
        DoubleRows.checkRectangular("teacher", teacher, d);
        DoubleRows.checkRectangular("student", student, d);
        return d;
    }
}
