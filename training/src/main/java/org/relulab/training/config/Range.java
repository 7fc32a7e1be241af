package org.relulab.training.config;

import java.util.Locale;

/**
 * The values a numeric option accepts: from {@code min} (or above it, when {@code aboveMin}) to {@code max}. One
 * range per option, held by {@link RunOption}; {@link #check} is the only place a value is held against it.
 */
public record Range(double min, boolean aboveMin, double max) {
    /** min ≤ v ≤ max. */
    public static Range of(double min, double max) {
        return new Range(min, false, max);
    }

    /** 0 < v ≤ max. */
    public static Range positive(double max) {
        return new Range(0, true, max);
    }

    public boolean contains(double v) {
        return (aboveMin ? v > min : v >= min) && v <= max;
    }

    /** Throws {@link IllegalArgumentException} "--OPTION VALUE is out of range (expected ...)" unless v is inside. */
    public void check(String option, double v, Object shown) {
        if (!contains(v)) throw outOfRange(option, shown, describe());
    }

    /** "1 to 100000", "a number above 0, at most 1e+09". */
    public String describe() {
        return aboveMin ? "a number above " + text(min) + ", at most " + text(max) : text(min) + " to " + text(max);
    }

    /** The error for an option's value outside what {@code expected} says. */
    public static IllegalArgumentException outOfRange(String option, Object value, String expected) {
        return new IllegalArgumentException(option + " " + value + " is out of range (expected " + expected + ")");
    }

    private static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        if (v == Long.MAX_VALUE || v == Long.MIN_VALUE) return v > 0 ? "2^63-1" : "-2^63";
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+e", "e");
    }
}
