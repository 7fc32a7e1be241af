package org.relulab.training.experiment;

import java.util.Locale;
import org.relulab.training.metrics.PowerLawFit;

/**
 * The CSV of a report's power-law fits (y ~ x^slope), kept out of its data tables so that every table is rectangular
 * and comment-free: one row per fit, {@code quantity} naming y, {@code learner} whose it is, {@code x} the variable,
 * the points, the
 * slope with its 95 % half-width, R² and the slope the paper states ({@code paper_slope}; empty where it states none).
 */
final class FitCsv {
    static final String HEADER = "quantity,learner,x,points,slope,slope_ci95,intercept,r2,paper_slope";

    private final StringBuilder csv = new StringBuilder(HEADER).append('\n');

    /**
     * Adds fit {@code f} of {@code quantity} of {@code learner} against {@code x}; {@code paperSlope} NaN when the
     * paper gives none.
     */
    FitCsv add(String quantity, String learner, String x, PowerLawFit f, double paperSlope) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%s%n", quantity, learner, x, f.points(),
                f.slope(),
                f.slopeCi95(), f.intercept(), f.r2(), Double.isNaN(paperSlope) ? "" : Double.toString(paperSlope)));
        return this;
    }

    /** The CSV text. */
    String csv() {
        return csv.toString();
    }
}
