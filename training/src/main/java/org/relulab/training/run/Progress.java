package org.relulab.training.run;

import java.io.PrintStream;
import java.util.Locale;

/** One progress line per log interval: step, losses, speed and time left. */
final class Progress {
    private final PrintStream out;
    private final long steps;

    Progress(PrintStream out, long steps) {
        this.out = out;
        this.steps = steps;
    }

    void line(long t, double train, double test, int d, double seconds) {
        double rate = t / Math.max(seconds, 1e-9);
        String eta = t == 0 ? "?" : clock((steps - t) / rate);
        out.printf(Locale.ROOT, "step %" + Long.toString(steps).length() + "d/%d  train %.3e  test %.3e  test*d %.3e"
                + "  %7.0f steps/s  ETA %s%n", t, steps, train, test, test * d, t == 0 ? 0.0 : rate, eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
