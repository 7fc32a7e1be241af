package org.relulab.training.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exit codes: distinct, stable, and documented as the enum says (the docs' table is the enum's). */
class ExitCodeTest {
    @Test
    void codesAreDistinctAndStable() {
        Set<Integer> seen = new HashSet<>();
        for (ExitCode c : ExitCode.values()) assertTrue(seen.add(c.code()), "code " + c.code() + " twice");
        assertEquals(0, ExitCode.OK.code());
        assertEquals(2, ExitCode.USAGE.code());
        assertEquals(3, ExitCode.DIVERGED.code());
        assertEquals(4, ExitCode.ENVIRONMENT.code());
        assertEquals(5, ExitCode.BUSY.code());
        assertEquals(6, ExitCode.SWEEP_INCOMPLETE.code());
        assertEquals(7, ExitCode.REGRESSION.code());
        assertThrows(IllegalArgumentException.class, () -> new Failure(ExitCode.OK, "fine"));
    }

    @Test
    void theDocsShowTheEnumsTable() throws IOException {
        Path docs = Path.of("..", "docs", "limits-and-security.md");
        String text = Files.readString(docs);
        assertTrue(text.contains(ExitCode.markdownTable()),
                docs + " must hold the exit-code table as ExitCode.markdownTable() writes it:\n"
                        + ExitCode.markdownTable());
    }
}
