package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad command lines for {@code train}: every value-taking option with a value of the wrong type
 * and one out of range, every option without its value, unknown options and contradictory combinations.
 * Each must give exit code 2, one line on stderr naming the option, no stack trace, and no output folder.
 */
class BadInputCorpusTest {
    @TempDir
    Path tmp;

    /** Options that take a number, and a value out of their range. */
    private static final String[][] NUMBERS = {
            {"d", "0"}, {"teacher-neurons", "0"}, {"kappa", "0.5"}, {"noise", "-1"}, {"n", "0"}, {"test-n", "0"},
            {"m", "0"},
            {"init-scale", "0"}, {"lr", "0"}, {"batch", "0"}, {"lambda0", "0"}, {"lambda1", "-1"},
            {"stage1-steps", "-1"},
            {"steps", "0"}, {"log-every", "0"}, {"threads", "0"}, {"m2", "0"}, {"output-std", "0"},
            {"weight-decay", "-1"},
            {"terms", "0"}, {"checkpoint-every", "-1"}, {"reg-lambda", "-1"},
    };
    private static final String[][] CHOICES = {
            {"teacher", "cat"}, {"activation", "tanh"}, {"output", "all"}, {"init", "zeros"}, {"optimizer", "adam"},
            {"network", "cnn"}, {"trained", "some"}, {"inputs", "cube"}, {"lr-schedule", "exponential"},
    };

    /**
     * Values a lenient parser takes for a number (spaces, Unicode digits, hex floats, d and f suffixes, a fraction
     * for an integer, NaN) or a choice (spaces), each to be refused by the one grammar of {@code NumberGrammar}.
     */
    private static final String[][] LENIENT = {
            {"d", " 5"}, {"d", "5 "}, {"d", "\u0665"}, {"m", "\uff18"}, {"m", "0x8"}, {"steps", "2.5e1"},
            {"steps", "0x1p4"}, {"steps", "1e1d"}, {"seed", "\uff18"}, {"seed", "7L"}, {"lr", "0x1p-3"},
            {"lr", "1d"}, {"lr", "0.1f"}, {"lr", " 0.1"}, {"lr", "NaN"}, {"lr", "+0.1"}, {"kappa", "2\t"},
            {"init-scale", "1,5"}, {"n", "6\u0664"}, {"teacher", " abs"}, {"network", "two-layer "},
    };

    /** A tiny run, so that a value wrongly accepted costs a second, not a default run. */
    private static final String[][] TINY = {{"d", "5"}, {"n", "64"}, {"test-n", "64"}, {"m", "8"}, {"steps", "2"}};

    @Test
    void lenientValuesAreOneLineWithExitCode2AndWriteNothing() {
        int i = 0;
        for (String[] bad : LENIENT) {
            List<String> args = new ArrayList<>(List.of("--" + bad[0], bad[1]));
            for (String[] t : TINY) if (!t[0].equals(bad[0])) args.addAll(List.of("--" + t[0], t[1]));
            assertRefused(args.toArray(String[]::new), tmp.resolve("lenient" + i++));
        }
    }

    @Test
    void everyBadCommandLineIsOneLineWithExitCode2AndWritesNothing() {
        List<String[]> corpus = new ArrayList<>();
        for (String[] o : NUMBERS) {
            corpus.add(new String[] {"--" + o[0], "lots"});   // wrong type
            corpus.add(new String[] {"--" + o[0], o[1]});     // out of range
            corpus.add(new String[] {"--" + o[0]});           // missing value
        }
        for (String[] o : CHOICES) corpus.add(new String[] {"--" + o[0], o[1]});
        corpus.add(new String[] {"--lerning-rate", "0.1"});
        corpus.add(new String[] {"--steps", "10", "--steps", "20"});
        corpus.add(new String[] {"--teacher", "abs", "--noise", "0.1"});
        corpus.add(new String[] {"--init", "symmetric", "--output", "tied"});
        corpus.add(new String[] {"--init", "tensor"});
        corpus.add(new String[] {"--teacher", "fig1", "--d", "5"});
        corpus.add(new String[] {"--network", "all19-3", "--optimizer", "truncated"});
        corpus.add(new String[] {"--optimizer", "gd", "--batch", "10"});
        corpus.add(new String[] {"--optimizer", "truncated", "--lr-schedule", "cosine"});
        corpus.add(new String[] {"--steps", "10", "--log-every", "20"});
        corpus.add(new String[] {"--data", tmp.resolve("no-such-folder").toString()});
        // far beyond this machine's memory
        corpus.add(new String[] {"--n", "100000000", "--m", "1000000", "--d", "100000"});
        int i = 0;
        for (String[] bad : corpus) assertRefused(bad, tmp.resolve("out" + i++));
    }

    private static void assertRefused(String[] bad, Path out) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(bad));
        if (!List.of(bad).contains("--out")) args.addAll(List.of("--out", out.toString()));
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8), what = String.join(" ", bad);
        assertEquals(2, code, what + ": " + err);
        assertEquals(1, err.lines().count(), what + ": one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": no stack trace: " + err);
        boolean namesIt = java.util.Arrays.stream(bad).filter(a -> a.startsWith("--")).anyMatch(err::contains)
                || bad.length == 6 && err.contains("GB of memory"); // the memory case names the sizes instead
        assertTrue(namesIt, what + ": names the option: " + err);
        assertFalse(Files.exists(out), what + ": left an output folder behind");
    }
}
