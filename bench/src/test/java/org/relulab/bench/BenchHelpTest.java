package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/**
 * {@code relulab bench}'s command line: --help (or -h, or help COMMAND) after any of its commands prints that command's
 * usage and the exit codes on stdout with exit code 0 and runs nothing; a mistake is one line on stderr, with a
 * suggestion for a mistyped option or command, and exit code 2.
 */
class BenchHelpTest {
    @TempDir
    Path tmp;

    /** The exit code, stdout and stderr of {@code relulab bench ARGS}. */
    record Result(int code, String out, String err) {}

    static Result bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyBenchCommandHasHelpWithTheExitCodes() {
        String[][] cases = {{"--help"}, {"-h"}, {"help"}, {"--out", "x", "-h"}, {"run", "--help"},
                {"run", "--threads", "1", "-h"}, {"help", "run"}, {"compare", "--help"}, {"compare", "a", "-h"},
                {"help", "compare"}, {"scaling", "--help"}, {"scaling", "--quick", "-h"}, {"help", "scaling"}};
        String[] usage = {"relulab bench [", "relulab bench [", "relulab bench [", "relulab bench [",
                "relulab bench run [", "relulab bench run [", "relulab bench run [",
                "relulab bench compare [-hV] [--threshold=F] [--profile=BASE.jar NEW.jar] BASE.json NEW.json",
                "relulab bench compare [", "relulab bench compare [", "relulab bench scaling [",
                "relulab bench scaling [", "relulab bench scaling ["};
        for (int i = 0; i < cases.length; i++) {
            String what = String.join(" ", cases[i]);
            Result r = bench(cases[i]);
            assertEquals(0, r.code, what + ": " + r.err);
            assertTrue(r.out.startsWith("Usage: " + usage[i]), what + ": " + r.out);
            assertTrue(r.out.contains("\nExit codes:\n"), what + ": " + r.out);
            for (ExitCode c : ExitCode.values()) {
                assertTrue(
                        r.out.contains(c.code() + "   " + c.meaning().substring(0, Math.min(20, c.meaning().length()))),
                        what + " lists exit code " + c.code() + ": " + r.out);
            }
            assertEquals("", r.err, what);
        }
        String top = bench("--help").out;
        for (String s : new String[] {"--out=DIR", "--threads=LIST", "run ", "compare ", "scaling ", "Examples:"}) {
            assertTrue(top.contains(s), "relulab bench --help mentions " + s + ": " + top);
        }
        assertTrue(bench("compare", "--help").out.contains("org.relulab.bench.JmhCompare"),
                "compare's help shows the plain java command");
        assertEquals(bench("compare", "--help").out, bench("help", "compare").out);
    }

    @Test
    void jmhCompareByItsClassNameHasTheSameHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, JmhCompare.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        assertEquals(bench("compare", "--help").out, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionEverywhere() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"compare", "--version"}, {"scaling", "-V"}}) {
            Result r = bench(args);
            assertEquals(0, r.code, String.join(" ", args));
            assertTrue(r.out.startsWith("relulab "), r.out);
        }
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestionAndExitCode2() {
        assertMistake("relulab bench: unknown command 'runn' (did you mean run?)", "runn");
        assertMistake("relulab bench: unknown command 'comapre' (did you mean compare?)", "comapre");
        assertMistake("relulab bench: unknown option '--outt' (did you mean --out?)", "--outt", "x");
        assertMistake("relulab bench run: unknown option '--thread' (did you mean --threads?)", "run", "--thread",
                "1");
        assertMistake("relulab bench compare: unknown option '--threshhold' (did you mean --threshold?)", "compare",
                "--threshhold", "0.1", "a.json", "b.json");
        assertMistake("relulab bench scaling: unknown option '--quik' (did you mean --quick?)", "scaling", "--quik");
        assertMistake("relulab bench scaling: unknown option '--qick' (did you mean --quick?)", "scaling", "--qick");
        assertMistake("relulab bench compare: unknown option '--treshold' (did you mean --threshold?)", "compare",
                "--treshold", "0.1", "a.json", "b.json");
        assertMistake("relulab bench run: unknown option '--bogus' (see relulab bench run --help)", "run", "--bogus");
        assertMistake("relulab bench: unknown command 'frobnicate' (see relulab bench --help)", "frobnicate");
    }

    @Test
    void badValuesAreOneLineNamingTheValueAndExitCode2() throws Exception {
        assertMistake("relulab bench run: --threads 1,x: 'x' is not a thread count (expected a comma-separated list "
                + "of whole numbers 1 to 4096)", "run", "--threads", "1,x");
        assertMistake("relulab bench: --threads 2,2: 2 is listed twice", "--threads", "2,2");
        assertMistake("relulab bench run: option --out needs a value", "run", "--out");
        assertMistake("relulab bench scaling: option --quick takes no value (got yes)", "scaling", "--quick=yes");
        assertMistake("relulab bench: --out before compare (expected the options after the command: relulab bench "
                + "compare [OPTIONS])", "--out", "x", "compare", "a.json", "b.json");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertMistake("relulab bench run: --out " + file + " is a file (expected a new or empty folder)", "run",
                "--out", file.toString());
        // compare: the threshold, the jars, the number of files, the files themselves
        Path a = Files.writeString(tmp.resolve("a.json"), "[]"), b = Files.writeString(tmp.resolve("b.json"), "[]");
        for (String t : new String[] {"lots", "10", "-0.1", "NaN"}) {
            assertMistake(
                    "relulab bench compare: --threshold " + t + ": expected a fraction from 0 to 10 (0.10 = 10 %)",
                    "compare", "--threshold", t, a.toString(), b.toString());
        }
        assertMistake("relulab bench compare: --profile: " + tmp.resolve("nope.jar") + " is not a file (expected a "
                + "build's benchmarks.jar)", "compare", "--profile", tmp.resolve("nope.jar").toString(), a.toString(),
                a.toString(), b.toString());
        assertMistake("relulab bench compare: option --profile needs 2 values", "compare", a.toString(),
                b.toString(), "--profile", a.toString());
        assertMistake("relulab bench compare: expected two result files, BASE.json NEW.json; got 0", "compare");
        assertMistake("relulab bench compare: expected two result files, BASE.json NEW.json; got 1: " + a, "compare",
                a.toString());
        assertMistake("relulab bench compare: expected two result files, BASE.json NEW.json; got 3: " + a + " " + b
                + " " + a, "compare", a.toString(), b.toString(), a.toString());
        Path missing = tmp.resolve("missing.json");
        assertMistake("relulab bench compare: " + missing + ": no such file (expected a JMH result file, -rf json)",
                "compare", a.toString(), missing.toString());
    }

    @Test
    void argumentsMayComeFromAFile() throws Exception {
        Path args = Files.writeString(tmp.resolve("args.txt"), "scaling\n--help\n");
        Result r = bench("@" + args);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("Usage: relulab bench scaling"), r.out);
    }

    /** {@code relulab bench ARGS} fails with exit code 2 and exactly {@code line} on stderr, nothing on stdout. */
    private static void assertMistake(String line, String... args) {
        Result r = bench(args);
        String what = String.join(" ", args);
        assertEquals(ExitCode.USAGE.code(), r.code, what + ": " + r.err);
        assertEquals(line + System.lineSeparator(), r.err, what);
        assertEquals("", r.out, what + ": nothing ran");
    }
}
