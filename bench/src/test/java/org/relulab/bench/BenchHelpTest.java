package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code relulab bench} answers --help (or -h) after any of its commands: on stdout, exit code 0, nothing run. */
class BenchHelpTest {
    @Test
    void everyBenchCommandHasHelp() {
        String[][] cases = {{"--help"}, {"-h"}, {"help"}, {"run", "--help"}, {"--out", "x", "-h"},
                {"scaling", "--help"}, {"scaling", "--quick", "-h"}, {"compare", "--help"}};
        String[] expected = {"relulab bench [run]", "relulab bench [run]", "relulab bench [run]",
                "relulab bench [run]", "relulab bench [run]", "relulab bench scaling", "relulab bench scaling",
                "JmhCompare"};
        for (int i = 0; i < cases.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int code = BenchCommand.run(cases[i], new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String what = String.join(" ", cases[i]), help = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, what);
            assertTrue(help.contains(expected[i]), what + ": " + help);
            assertEquals("", err.toString(StandardCharsets.UTF_8), what);
        }
    }

    @Test
    void anUnexpectedArgumentIsOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchCommand.run(new String[] {"run", "--bogus"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("'--bogus'"), e);
        assertEquals(0, out.size(), "nothing ran");
    }
}
