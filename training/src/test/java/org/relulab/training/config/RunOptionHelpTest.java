package org.relulab.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** train --help's defaults are the builder's: a default the help shows as a plain value is the one a run gets. */
class RunOptionHelpTest {
    private static final Path OUT = Path.of("unused");

    @Test
    void everyPlainDefaultInTheHelpIsTheBuildersDefault() {
        RunConfig defaults = RunConfig.defaults().out(OUT).build();
        int plain = 0;
        for (RunOption r : RunOption.values()) {
            RunOptionHelp h = RunOptionHelp.of(r);
            assertFalse(h.description().isBlank(), r + " has a description");
            // --out's default is the command line's (a dated folder): the builder has none
            if (h.defaultText() == null || r == RunOption.OUT) continue;
            RunConfig.Builder b = RunConfig.defaults();
            try {
                r.set(b, h.defaultText());
            } catch (IllegalArgumentException notAValue) { // "4 for fig1, else 30": it says how, not what
                assertTrue(h.defaultText().matches(".*[a-z].*"), r + ": " + h.defaultText());
                continue;
            }
            assertEquals(r.text(defaults), r.text(b.out(OUT).build()), "--" + r.cli() + "'s help default");
            plain++;
        }
        assertTrue(plain >= 15, "plain defaults checked: " + plain);
    }

    @Test
    void choicesAreLabelledWithTheirValues() {
        assertEquals("abs|relu|signed-relu|fig1|concept2|concept3",
                RunOptionHelp.of(RunOption.TEACHER).label(RunOption.TEACHER));
        assertEquals("N", RunOptionHelp.of(RunOption.D).label(RunOption.D));
    }
}
