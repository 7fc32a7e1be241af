package org.relulab.training.metrics;

import java.util.ArrayList;
import java.util.List;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.SignedReluTeacher;

/**
 * How well a two-layer ReLU student identifies a teacher with few neurons, in AS21's measure view: the student
 * f(x) = Σ_i c_i ReLU(w_iᵀx) is the signed measure μ = Σ_i c_i‖w_i‖ δ_{w_i/‖w_i‖} on the sphere, the teacher
 * μ° = Σ_j M_j δ_{θ°_j} with masses M_j = a°_j‖w°_j‖. Both are invariant under the rescaling (c, w) → (c/t, t·w),
 * and a teacher neuron split over several student neurons of one direction is the same measure.
 *
 * <p>Cones: C_j holds the student neurons within {@link #CONE_DEGREES} of θ°_j (nearest teacher direction first
 * when cones overlap). μ⁺(C_j), μ⁻(C_j) are the positive and negative student mass in C_j, |μ|(out) the student
 * mass outside every cone, M⁺_j = max(M_j, 0), M⁻_j = max(−M_j, 0). The identification error is
 * <pre>
 *   E = [ Σ_j (|μ⁺(C_j) − M⁺_j| + |μ⁻(C_j) − M⁻_j|) + |μ|(out) ] / Σ_j |M_j|
 * </pre>
 * the total-variation distance between μ and μ° at the angular resolution of the cones, relative to |μ°|: 0 when
 * the student carries exactly the teacher's masses (split or not) within the cones and nothing elsewhere; 2 when
 * its whole mass sits away from the teacher's directions; positive and negative mass cancelling inside a cone
 * counts as error. Per teacher neuron: the mass ratio μ(C_j)/M_j (1 is exact) and the angle between θ°_j and the
 * nearest heavy student neuron of the same sign (heavy: mass at least {@link #HEAVY_FRACTION} of the largest
 * student |mass|; 180° when there is none).
 *
 * @param error        E above
 * @param massOutside  |μ|(out) / Σ_j |M_j|
 * @param massRatio    μ(C_j) / M_j for each teacher neuron j
 * @param angleDegrees angle from θ°_j to the nearest heavy same-sign student neuron, degrees
 */
public record TeacherIdentification(double error, double massOutside, double[] massRatio, double[] angleDegrees) {
    /** Half-angle of the cone around each teacher direction in which student mass counts as that neuron's. */
    public static final double CONE_DEGREES = 10;
    /** A student neuron is heavy when its |mass| is at least this fraction of the largest one. */
    public static final double HEAVY_FRACTION = 0.1;

    /** The largest of the per-neuron angles, degrees. */
    public double maxAngleDegrees() {
        double max = 0;
        for (double a : angleDegrees) max = Math.max(max, a);
        return max;
    }

    /** The metrics.csv columns of a teacher with k neurons, in the order of {@link #values()}. */
    public static List<String> columns(int k) {
        List<String> names = new ArrayList<>(List.of("identification_error", "mass_outside", "max_angle_deg"));
        for (int j = 0; j < k; j++) names.add("mass_ratio_" + j);
        for (int j = 0; j < k; j++) names.add("angle_deg_" + j);
        return names;
    }

    /** E, |μ|(out)/|μ°|, the largest angle, then μ(C_j)/M_j and the angles for each teacher neuron j. */
    public double[] values() {
        int k = massRatio.length;
        double[] v = new double[3 + 2 * k];
        v[0] = error;
        v[1] = massOutside;
        v[2] = maxAngleDegrees();
        System.arraycopy(massRatio, 0, v, 3, k);
        System.arraycopy(angleDegrees, 0, v, 3 + k, k);
        return v;
    }

    /** The identification of AS21's teacher by a two-layer student, from their current weights (copied to double). */
    public static TeacherIdentification of(TwoLayerStudent student, SignedReluTeacher teacher) {
        double[][] w = DoubleRows.of(student.w);
        double scale = student.output.scale(student.m);
        double[] c = new double[student.m];
        for (int i = 0; i < student.m; i++) {
            c[i] = switch (student.output) {
                case TIED -> norm(w[i], student.d) * scale;
                case ONES -> 1;
                case MEAN, SQRT -> student.a.get(0, i) * scale;
            };
        }
        return of(w, c, DoubleRows.of(teacher.weights()), DoubleRows.of(teacher.outputWeights())[0]);
    }

    /**
     * @param studentW rows w_i (m × d)
     * @param studentC effective output weights c_i (m): f = Σ c_i ReLU(w_iᵀx)
     * @param teacherW rows w°_j (K × d), none zero
     * @param teacherA output weights a°_j (K), none zero
     */
    public static TeacherIdentification of(double[][] studentW, double[] studentC, double[][] teacherW,
            double[] teacherA) {
        int d = check(studentW, studentC, teacherW, teacherA);
        int m = studentW.length, k = teacherW.length;
        double[][] teacherDir = new double[k][];
        double[] mass0 = new double[k];
        double total0 = 0;
        for (int j = 0; j < k; j++) {
            double norm = norm(teacherW[j], d);
            teacherDir[j] = scaled(teacherW[j], 1 / norm);
            mass0[j] = teacherA[j] * norm;
            total0 += Math.abs(mass0[j]);
        }
        double[] mass = new double[m];
        double[][] cosToTeacher = new double[m][k];
        double heaviest = 0;
        for (int i = 0; i < m; i++) {
            double norm = norm(studentW[i], d);
            mass[i] = studentC[i] * norm;
            heaviest = Math.max(heaviest, Math.abs(mass[i]));
            for (int j = 0; j < k; j++) cosToTeacher[i][j] = norm > 0 ? dot(studentW[i], teacherDir[j], d) / norm : -1;
        }
        double cosCone = Math.cos(Math.toRadians(CONE_DEGREES)), outside = 0;
        double[] positive = new double[k], negative = new double[k];
        for (int i = 0; i < m; i++) {
            int best = -1;
            for (int j = 0; j < k; j++) {
                if (cosToTeacher[i][j] >= cosCone && (best < 0 || cosToTeacher[i][j] > cosToTeacher[i][best])) best = j;
            }
            if (best < 0) outside += Math.abs(mass[i]);
            else if (mass[i] > 0) positive[best] += mass[i];
            else negative[best] -= mass[i];
        }
        double sum = outside;
        double[] ratio = new double[k], angle = new double[k];
        for (int j = 0; j < k; j++) {
            sum += Math.abs(positive[j] - Math.max(mass0[j], 0)) + Math.abs(negative[j] - Math.max(-mass0[j], 0));
            ratio[j] = (positive[j] - negative[j]) / mass0[j];
            double bestCos = -2;
            for (int i = 0; i < m; i++) {
                boolean heavy = mass[i] != 0 && Math.abs(mass[i]) >= HEAVY_FRACTION * heaviest;
                if (heavy && Math.signum(mass[i]) == Math.signum(mass0[j]))
                    bestCos = Math.max(bestCos, cosToTeacher[i][j]);
            }
            angle[j] = bestCos < -1.5 ? 180 : Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, bestCos))));
        }
        return new TeacherIdentification(sum / total0, outside / total0, ratio, angle);
    }

    private static int check(double[][] studentW, double[] studentC, double[][] teacherW, double[] teacherA) {
        if (teacherW == null || teacherW.length == 0)
            throw new IllegalArgumentException("teacher has no neurons: expected at least 1");
        if (studentW == null || studentW.length == 0)
            throw new IllegalArgumentException("student has no neurons: expected at least 1");
        if (studentC == null || studentC.length != studentW.length) {
            throw new IllegalArgumentException("student has " + studentW.length + " neurons but "
                    + (studentC == null ? 0 : studentC.length) + " output weights: expected one per neuron");
        }
        if (teacherA == null || teacherA.length != teacherW.length) {
            throw new IllegalArgumentException("teacher has " + teacherW.length + " neurons but "
                    + (teacherA == null ? 0 : teacherA.length) + " output weights: expected one per neuron");
        }
        int d = teacherW[0] == null ? 0 : teacherW[0].length;
        DoubleRows.checkRectangular("teacher", teacherW, d);
        DoubleRows.checkRectangular("student", studentW, d);
        DoubleRows.checkRectangular("student output weights", new double[][] {studentC}, studentC.length);
        for (int j = 0; j < teacherW.length; j++) {
            if (teacherA[j] == 0 || !Double.isFinite(teacherA[j]) || norm(teacherW[j], d) == 0) {
                throw new IllegalArgumentException(
                        "teacher neuron " + j + " has output weight " + teacherA[j] + " and norm "
                                + norm(teacherW[j], d) + ": expected both finite and nonzero (a neuron with mass)");
            }
        }
        return d;
    }

    private static double dot(double[] x, double[] y, int d) {
        double s = 0;
        for (int p = 0; p < d; p++) s += x[p] * y[p];
        return s;
    }

    private static double norm(double[] x, int d) { return Math.sqrt(dot(x, x, d)); }

    private static double[] scaled(double[] x, double t) {
        double[] y = new double[x.length];
        for (int p = 0; p < x.length; p++) y[p] = x[p] * t;
        return y;
    }
}
