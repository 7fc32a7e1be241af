package org.relulab.training.config;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The one grammar of numbers, for every number option of every command ({@link RunOption}'s, and those of
 * {@code check}, {@code reproduce} and {@code --checkpoint-every} through the command line's options) and for the
 * options a manifest records. ASCII only, nothing around the number (no spaces), no '+' in front:
 * <ul>
 * <li>an integer is an optional '-', digits, and optionally 'e' or 'E' and a power of ten in digits: {@code 20000},
 * {@code -3}, {@code 2e4} (= 20000). No point, no fraction, no negative exponent: {@code 2.5e4} is refused;</li>
 * <li>a real is an optional '-', digits with an optional point and fraction (or a point and a fraction), and
 * optionally 'e' or 'E', an optional sign and digits: {@code 0.1}, {@code 5}, {@code .5}, {@code 1e-4},
 * {@code 2.5E+3}; read as the nearest double. No hexadecimal, no 'd' or 'f' suffix, no NaN or Infinity.</li>
 * </ul>
 * Text outside the grammar throws {@link IllegalArgumentException} "--OPTION 'TEXT' is not an integer (expected
 * RANGE)" (or "is not a number"); a number outside the option's range, or beyond a long or a double, "--OPTION TEXT
 * is out of range (expected RANGE)".
 */
public final class NumberGrammar {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+(?:[eE][0-9]+)?");
    private static final Pattern REAL = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    /** A nonzero integer times 10 to a power above this is beyond a long. */
    private static final BigInteger MAX_POWER = BigInteger.valueOf(19);

    private NumberGrammar() {}

    /** The integer {@code text} says, which must lie in {@code range}; {@code option} names it in an error. */
    public static long integer(String option, String text, Range range) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    option + " '" + text + "' is not an integer (expected " + range.describe() + ")");
        }
        BigInteger v = exact(text);
        if (v.bitLength() >= Long.SIZE || !range.contains(v.longValue())) {
            throw Range.outOfRange(option, text, range.describe());
        }
        return v.longValue();
    }

    /** The double nearest the real {@code text} says, which must lie in {@code range}; -0 is read as 0. */
    public static double real(String option, String text, Range range) {
        if (!REAL.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    option + " '" + text + "' is not a number (expected " + range.describe() + ")");
        }
        double x = Double.parseDouble(text); // the grammar is a subset of Java's decimal literals, correctly rounded
        if (x == 0) x = 0; // no -0.0 in a configuration or a manifest
        if (!range.contains(x)) throw Range.outOfRange(option, text, range.describe());
        return x;
    }

    /** The value of an integer in the grammar; one beyond a long (a large power of ten) as 2^64. */
    private static BigInteger exact(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        BigInteger mantissa = new BigInteger(e < 0 ? text : text.substring(0, e));
        if (e < 0 || mantissa.signum() == 0) return mantissa;
        BigInteger power = new BigInteger(text.substring(e + 1));
        if (power.compareTo(MAX_POWER) > 0) return BigInteger.ONE.shiftLeft(Long.SIZE);
        return mantissa.multiply(BigInteger.TEN.pow(power.intValueExact()));
    }
}
