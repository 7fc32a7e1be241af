package org.relulab.training.metrics;

/**
 * When a run of LMZ20's setting left the plateau: the first logged step at which the exact population loss is at or
 * below the target's degree-{@value #DEGREE} floor ({@link TargetFloor}).
 *
 * <p>Why that level. The plateau of LMZ20's Fig. 1 is the degree-2 floor (loss × d = 1 − 3/π ≈ 0.0451 for W* = I,
 * a_j = 1/d): the student has fit the orders 0 and 2 of f* and nothing above. No predictor of degree ≤ 4 gets below
 * the degree-4 floor (0.0185 × 1/d there), so a student below it has fit part of f* that no low-degree function has:
 * it has found the teacher's directions, whatever its activation (the ReLU student's own plateau lies higher, since
 * it also carries an odd part, but the level is the target's and the same for every student). The population loss is
 * exact, with no sampling noise, and the level is 0.41 of the plateau's, so a run on the plateau does not reach it by
 * chance.
 */
public final class PlateauEscape {
    /** The degree of the floor a run must get below: 4. */
    public static final int DEGREE = 4;

    private PlateauEscape() {}

    /**
     * The first of {@code steps} whose {@code populationLoss} is at or below {@code floor}, or -1 when none is; rows
     * whose loss is not finite (a run that diverged) never count.
     */
    public static long step(double[] steps, double[] populationLoss, double floor) {
        if (steps.length != populationLoss.length) {
            throw new IllegalArgumentException(
                    steps.length + " steps but " + populationLoss.length + " population losses (expected as many)");
        }
        for (int i = 0; i < steps.length; i++) {
            if (Double.isFinite(populationLoss[i]) && populationLoss[i] <= floor) return (long) steps[i];
        }
        return -1;
    }
}
