package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.relulab.training.failure.ExitCode;

/** The README's command-line section shows what the command line prints: the exit codes, and train's help. */
class CommandLineDocsTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeShowsTheExitCodesAsTheEnumHasThem() throws IOException {
        assertTrue(Files.readString(README).contains(ExitCode.markdownTable()),
                "README.md must hold the exit-code table as ExitCode.markdownTable() writes it:\n"
                        + ExitCode.markdownTable());
    }

    /** Every line of the README's abbreviated {@code train --help} but the "..." is a line of the real one. */
    @Test
    void theReadmesTrainHelpIsTheRealOne() throws IOException {
        String readme = Files.readString(README);
        String start = "$ ./relulab train --help\n";
        int from = readme.indexOf(start);
        assertTrue(from >= 0, "README.md shows ./relulab train --help");
        String shown = readme.substring(from + start.length(), readme.indexOf("```", from));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"train", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        java.util.Set<String> real = new java.util.HashSet<>(out.toString(StandardCharsets.UTF_8).lines().toList());
        int checked = 0;
        for (String line : shown.lines().toList()) {
            if (line.isBlank() || line.strip().equals("...")) continue;
            assertTrue(real.contains(line), "README.md's train --help line is not in the real help: '" + line + "'");
            checked++;
        }
        assertTrue(checked >= 20, "lines checked: " + checked);
    }
}
