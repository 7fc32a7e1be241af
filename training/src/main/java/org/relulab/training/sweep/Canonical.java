package org.relulab.training.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * One text per value, so that equal values name the same folder: numbers in a canonical form (0.50 and 0.5 are "0.5",
 * 1.0 is "1", 1e-4 is "1e-4"), and folder names made of the swept options' labels, filesystem-safe and bounded.
 */
final class Canonical {
    /** The longest folder name; a longer one is cut and ends with a hash of the whole. */
    static final int MAX_NAME = 100;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9.+-]+");
    private static final MathContext TWELVE_DIGITS = new MathContext(12);

    private Canonical() {}

    /**
     * The shortest text that reads back as {@code x}: a whole number without a fraction ("20000", "-3"), else Java's
     * shortest round-trip digits with a lower-case exponent and no ".0" before it ("0.5", "1e-4", "1.5e20").
     */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }

    /**
     * {@code x} to 12 significant digits: what a range computes is what a person would have written (0.1 + 2 × 0.1
     * gives 0.3, not 0.30000000000000004).
     */
    static double round(double x) {
        if (!Double.isFinite(x) || x == 0) return x;
        return new BigDecimal(x).round(TWELVE_DIGITS).doubleValue();
    }

    /**
     * The folder name of a point: "option=label" for each swept option, joined by "_" in the spec's order. A label
     * with characters other than letters, digits, '.', '+' and '-' has them replaced by '-' and a hash of the original
     * appended; a name over {@link #MAX_NAME} characters is cut and ends with a hash of the whole name.
     */
    static String folderName(Map<String, String> swept) {
        StringJoiner j = new StringJoiner("_");
        swept.forEach((option, label) -> j.add(option + "=" + safe(label)));
        String name = j.toString();
        if (name.length() <= MAX_NAME) return name;
        return name.substring(0, MAX_NAME - 17) + "_" + hash(name, 16);
    }

    /** {@code label} if it is filesystem-safe, else a safe form of it with a hash of the original. */
    static String safe(String label) {
        if (SAFE.matcher(label).matches()) return label;
        return label.replaceAll("[^A-Za-z0-9.+-]", "-") + "-" + hash(label, 6);
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of {@code text}. */
    static String hash(String text, int hexDigits) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
