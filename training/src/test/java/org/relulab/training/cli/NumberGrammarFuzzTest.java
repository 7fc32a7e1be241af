package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.relulab.training.config.RunConfig;

/**
 * Random option values (a fixed seed, a fixed count) from pieces that lenient parsers take: ASCII and Unicode digits,
 * spaces, tabs and a newline, signs, points, exponents, hex prefixes, d and f suffixes, NaN and Infinity. Every
 * number option of every kind, parsed by {@link Options} (check, reproduce, --checkpoint-every) or by the run
 * options of {@code train}, either returns exactly what a reference reading of the grammar says (a regular
 * expression, then exact arithmetic) or refuses with a {@link UsageException} naming the option and the value: "not
 * an integer" or "not a number" for text outside the grammar, "out of range" for a number outside the option's range.
 */
class NumberGrammarFuzzTest {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+([eE][0-9]+)?");
    private static final Pattern REAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final String[] PIECES = {"0", "1", "2", "5", "9", "00", "16", "64", "8192", "99999999999", "-",
            "+", ".", "e", "E", "e-", "e+", "x", "0x", "p", "d", "f", "L", "_", ",", " ", "\t", "\n", "\u00a0",
            "\u0663", "\uff11", "\u0967", "\u00b2", "NaN", "Infinity", "1e4", "0x1p3"};
    private static final int STRINGS = 10_000;

    /** What a value must give: a number, or a refusal of its syntax or its range. */
    private record Expected(BigDecimal value, String refusal) {}

    /** A number option, the range it takes, and how the command line parses it. */
    private record Target(String option, boolean integer, BigDecimal min, BigDecimal max,
            Function<String, BigDecimal> parse) {}

    private static List<Target> targets() {
        BigDecimal maxLong = BigDecimal.valueOf(Long.MAX_VALUE);
        List<Target> t = new ArrayList<>();
        t.add(new Target("--size", true, BigDecimal.valueOf(16), BigDecimal.valueOf(8192),
                v -> BigDecimal.valueOf(Options.integer("check", "--size", v, 1024, 16, 8192))));
        t.add(new Target("--checkpoint-every", true, BigDecimal.ZERO, maxLong, v -> BigDecimal
                .valueOf(options("train", "checkpoint-every", v).longInteger("checkpoint-every", 0, 0,
                        Long.MAX_VALUE))));
        t.add(new Target("--seed", true, BigDecimal.valueOf(Long.MIN_VALUE), maxLong,
                v -> BigDecimal.valueOf(train("seed", v).seed())));
        t.add(new Target("--steps", true, BigDecimal.ONE, BigDecimal.valueOf(1_000_000_000L),
                v -> BigDecimal.valueOf(train("steps", v).steps())));
        t.add(new Target("--d", true, BigDecimal.ONE, BigDecimal.valueOf(100_000),
                v -> BigDecimal.valueOf(train("d", v).data().d())));
        t.add(new Target("--lr", false, BigDecimal.ZERO, BigDecimal.valueOf(1e9),
                v -> new BigDecimal(train("lr", v).optimizer().lr())));
        return t;
    }

    private static Options options(String command, String name, String value) {
        return new Options(command, java.util.Map.of(name, value));
    }

    private static RunConfig train(String name, String value) {
        return TrainCommand.config(new Options("train", java.util.Map.of(name, value, "out", "no-such-output-folder")));
    }

    @Test
    void everyNumberOptionParsesExactlyTheGrammarOrRefusesNamingOptionAndValue() {
        Random random = new Random(20240514);
        List<Target> targets = targets();
        java.util.Map<String, java.util.Set<String>> outcomes = new java.util.HashMap<>();
        for (int i = 0; i < STRINGS; i++) {
            String text = randomText(random);
            for (Target t : targets)
                outcomes.computeIfAbsent(t.option(), k -> new java.util.HashSet<>()).add(check(t, text));
        }
        for (Target t : targets) {
            for (String text : new String[] {"", "1", "16", "8192", "1e4", "0.5", "-0", "5.", ".5", "1e999"})
                check(t, text);
            assertEquals(3, outcomes.get(t.option()).size(),
                    t.option() + ": the random values were parsed, refused for their syntax and for their range: "
                            + outcomes.get(t.option()));
        }
    }

    /** Checks one value; returns what happened: "parsed", or the refusal. */
    private static String check(Target t, String text) {
        Expected want = reference(t, text);
        BigDecimal got;
        try {
            got = t.parse().apply(text);
        } catch (UsageException e) {
            String m = e.getMessage();
            assertTrue(want.refusal() != null,
                    t.option() + " '" + text + "': refused, expected " + want.value() + ": " + m);
            assertTrue(m.contains(t.option()) && m.contains(oneLine(text)) && m.contains(want.refusal()),
                    t.option() + " '" + text + "': " + m + " (expected it to name option, value and '" + want.refusal()
                            + "')");
            assertEquals(1, m.lines().count(), m);
            return want.refusal();
        } catch (RuntimeException e) {
            return fail(t.option() + " '" + text + "' threw " + e);
        }
        if (want.refusal() != null) fail(t.option() + " '" + text + "' gave " + got + ", expected: " + want.refusal());
        assertEquals(0, want.value().compareTo(got), t.option() + " '" + text + "'");
        return "parsed";
    }

    /** What the grammar says of {@code text} for option {@code t}, worked out independently of the parser. */
    private static Expected reference(Target t, String text) {
        if (!(t.integer() ? INTEGER : REAL).matcher(text).matches())
            return new Expected(null, t.integer() ? "is not an integer" : "is not a number");
        BigDecimal exact;
        try {
            exact = new BigDecimal(text);
        } catch (NumberFormatException hugeExponent) { // beyond BigDecimal's int scale: 0, or out of any range
            boolean zero = new BigDecimal(text.split("[eE]")[0]).signum() == 0;
            return zero ? within(t, BigDecimal.ZERO) : new Expected(null, "is out of range");
        }
        if (t.integer()) return within(t, exact);
        double x = exact.doubleValue(); // the double nearest the decimal, as the grammar promises
        return Double.isInfinite(x) ? new Expected(null, "is out of range") : within(t, new BigDecimal(x));
    }

    private static Expected within(Target t, BigDecimal v) {
        boolean above = t.integer() ? v.compareTo(t.min()) >= 0 : v.compareTo(t.min()) > 0; // --lr: above 0
        if (above && v.compareTo(t.max()) <= 0)
            return new Expected(t.integer() ? new BigDecimal(v.toBigIntegerExact()) : v, null);
        return new Expected(null, "is out of range");
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int p = 0; p < pieces; p++) sb.append(PIECES[random.nextInt(PIECES.length)]);
        return sb.toString();
    }

    /** The value as a one-line message shows it: control characters as \\uXXXX. */
    private static String oneLine(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
