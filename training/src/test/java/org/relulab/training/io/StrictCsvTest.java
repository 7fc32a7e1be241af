package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StrictCsv} refuses each kind of file pandas would misread, and passes a table that keeps the rules. */
class StrictCsvTest {
    @TempDir
    Path tmp;

    private List<String> problems(String text) throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, text);
        return StrictCsv.problems(f);
    }

    @Test
    void passesATidyTable() throws IOException {
        assertEquals(List.of(), problems("run_id,seed,loss,status,note\n"
                + "a/runs/s=1,1,1e-4,done,\"x, \"\"quoted\"\"\"\n"
                + "a/runs/s=2,2,NaN,diverged,\n"
                + "a/runs/s=3,3,,done,-inf\n".replace(",-inf", ",text")));
        assertEquals(List.of(), problems("x,y\n1,inf\n2,-Infinity\n3,nan\n"));
    }

    @Test
    void refusesWhatPandasMisreads() throws IOException {
        assertTrue(problems("n,slope\n1,2\n# fit: slope 0.5\n").get(0).contains("line 3 is a comment"));
        assertTrue(problems("step,first_below\n1,20\n2,never\n").get(0)
                .contains("column first_below mixes numbers (20) and words (never)"));
        assertTrue(problems("a,b\n1,2,3\n").get(0).contains("line 2 has 3 cells (header: 2)"));
        assertTrue(problems("a,a\n1,2\n").get(0).contains("header name 'a' empty or repeated"));
        assertTrue(problems("a,\n1,2\n").get(0).contains("header name '' empty or repeated"));
        assertTrue(problems("a\n\"open\n").get(0).contains("a quote is left open"));
        assertTrue(problems("a\n1").get(0).contains("no line break after the last line"));
    }
}
