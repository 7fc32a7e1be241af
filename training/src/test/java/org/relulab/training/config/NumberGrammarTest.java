package org.relulab.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The one grammar of numbers, case by case: what each kind of number accepts, and the two ways it refuses (not in
 * the grammar; in it but outside the option's range). {@code NumberGrammarFuzzTest} checks random text against a
 * reference of the grammar.
 */
class NumberGrammarTest {
    private static final Range ANY_LONG = Range.of(Long.MIN_VALUE, Long.MAX_VALUE);

    private static void notAnInteger(String text) {
        assertEquals("--n '" + text + "' is not an integer (expected 1 to 100)",
                assertThrows(IllegalArgumentException.class, () -> NumberGrammar.integer("--n", text, Range.of(1, 100)))
                        .getMessage(),
                text);
    }

    private static void notANumber(String text) {
        assertEquals("--lr '" + text + "' is not a number (expected a number above 0, at most 10)",
                assertThrows(IllegalArgumentException.class,
                        () -> NumberGrammar.real("--lr", text, Range.positive(10))).getMessage(),
                text);
    }

    @Test
    void integersAreDigitsWithAnOptionalMinusAndPowerOfTen() {
        assertEquals(20000, NumberGrammar.integer("--n", "20000", ANY_LONG));
        assertEquals(-3, NumberGrammar.integer("--n", "-3", ANY_LONG));
        assertEquals(7, NumberGrammar.integer("--n", "007", ANY_LONG));
        assertEquals(0, NumberGrammar.integer("--n", "-0", ANY_LONG));
        assertEquals(20000, NumberGrammar.integer("--n", "2e4", ANY_LONG));
        assertEquals(1_000_000, NumberGrammar.integer("--n", "1E6", ANY_LONG));
        assertEquals(0, NumberGrammar.integer("--n", "0e99999999999999999999", ANY_LONG));
        assertEquals(Long.MAX_VALUE, NumberGrammar.integer("--n", "9223372036854775807", ANY_LONG));
        assertEquals(Long.MIN_VALUE, NumberGrammar.integer("--n", "-9223372036854775808", ANY_LONG));
        for (String bad : new String[] {"", " 5", "5 ", "+5", "5.", "5.0", "2.5e4", "1e-2", "1e+2", "0x10", "1_000",
                "1,000", "5d", "5L", "\u0663", "\uff15", "5\u00a0", "e4", "-", "--5", "NaN", "Infinity", "1e",
                "1e4e2"}) {
            notAnInteger(bad);
        }
    }

    @Test
    void integersOutsideTheRangeOrALongAreOutOfRange() {
        assertEquals("--n 101 is out of range (expected 1 to 100)", assertThrows(IllegalArgumentException.class,
                () -> NumberGrammar.integer("--n", "101", Range.of(1, 100))).getMessage());
        assertEquals("--n 2e2 is out of range (expected 1 to 100)", assertThrows(IllegalArgumentException.class,
                () -> NumberGrammar.integer("--n", "2e2", Range.of(1, 100))).getMessage());
        for (String huge : new String[] {"9223372036854775808", "-9223372036854775809", "1e19", "1e99999999999"}) {
            assertEquals("--seed " + huge + " is out of range (expected -2^63 to 2^63-1)",
                    assertThrows(IllegalArgumentException.class, () -> NumberGrammar.integer("--seed", huge, ANY_LONG))
                            .getMessage());
        }
    }

    @Test
    void realsAreDecimalsWithAnOptionalExponent() {
        Range any = Range.of(-1e300, 1e300);
        assertEquals(0.1, NumberGrammar.real("--lr", "0.1", any));
        assertEquals(5, NumberGrammar.real("--lr", "5", any));
        assertEquals(5, NumberGrammar.real("--lr", "5.", any));
        assertEquals(0.5, NumberGrammar.real("--lr", ".5", any));
        assertEquals(-2.5e-3, NumberGrammar.real("--lr", "-2.5e-3", any));
        assertEquals(2500, NumberGrammar.real("--lr", "2.5E+3", any));
        assertEquals(1.0E-4, NumberGrammar.real("--lr", String.valueOf(1.0E-4), any), "as a manifest writes it");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(NumberGrammar.real("--lr", "-0", any)),
                "-0 is 0");
        for (String bad : new String[] {"", " 0.1", "0.1 ", "+0.1", ".", "-.", "e5", "1e", "1e+", "0x1p-3", "0x10",
                "1d", "1f", "1D", "NaN", "-Infinity", "Infinity", "1,5", "1_0", "\u0661.5", "\uff11", "1..2",
                "1.2.3", "1e2.5", "\t1"}) {
            notANumber(bad);
        }
    }

    @Test
    void realsOutsideTheRangeOrADoubleAreOutOfRange() {
        for (String out : new String[] {"0", "-1", "10.5", "1e999", "1e-999"}) {
            assertEquals("--lr " + out + " is out of range (expected a number above 0, at most 10)",
                    assertThrows(IllegalArgumentException.class,
                            () -> NumberGrammar.real("--lr", out, Range.positive(10))).getMessage());
        }
    }
}
