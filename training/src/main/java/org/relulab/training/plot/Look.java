package org.relulab.training.plot;

import java.util.Locale;

/**
 * How a series looks: a colour, a dash pattern and a marker shape. The k-th colour group gets the k-th of
 * {@link #COLORS} (a colour-blind-safe set: Okabe–Ito's, then Tableau's); past them the colours come round again with
 * the next dash pattern, so that {@code COLORS.length × DASHES.length} groups look different before any two share a
 * look, and marker shapes cycle on their own count so that even then their points differ. Reference lines are grey,
 * each with its own dash pattern.
 */
record Look(String color, String dash, int marker) {
    static final String[] COLORS = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
            "#8c564b", "#9467bd", "#bcbd22"};
    /** Solid, then dash patterns that stay distinct at 1.5 px. */
    static final String[] DASHES = {"", "7 3", "2 2", "8 3 2 3"};
    private static final String[] REFERENCE_DASHES = {"6 4", "2 3", "10 3 2 3", "1 2", "12 4"};
    static final String REFERENCE_COLOR = "#555555";
    private static final int MARKERS = 5;

    /** The look of the k-th colour group. */
    static Look of(int k) {
        return new Look(COLORS[k % COLORS.length], DASHES[k / COLORS.length % DASHES.length], k % MARKERS);
    }

    /** The look of the k-th reference line. */
    static Look reference(int k) {
        return new Look(REFERENCE_COLOR, REFERENCE_DASHES[k % REFERENCE_DASHES.length], -1);
    }

    /** This look dashed, if it is solid: an estimate beside the measurement whose colour it takes. */
    Look dashed() {
        return dash.isEmpty() ? new Look(color, "7 3", marker) : this;
    }

    /** The stroke-dasharray attribute, empty for a solid line. */
    String dashAttribute() {
        return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
    }

    /** This look's marker at (x, y): a circle, square, triangle, diamond or inverted triangle, white-edged. */
    String marker(double x, double y) {
        double r = 3.2;
        String shape = switch (marker) {
            case 1 -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x - r,
                    y - r, 2 * r, 2 * r);
            case 2 -> polygon(x, y - 1.2 * r, x + 1.1 * r, y + 0.8 * r, x - 1.1 * r, y + 0.8 * r);
            case 3 -> polygon(x, y - 1.3 * r, x + 1.3 * r, y, x, y + 1.3 * r, x - 1.3 * r, y);
            case 4 -> polygon(x, y + 1.2 * r, x + 1.1 * r, y - 0.8 * r, x - 1.1 * r, y - 0.8 * r);
            default -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r);
        };
        return shape + " fill=\"" + color + "\" stroke=\"white\" stroke-width=\"0.8\"/>\n";
    }

    private static String polygon(double... xy) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xy[i], xy[i + 1]));
        }
        return "<polygon points=\"" + points + "\"";
    }
}
