package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.io.StrictCsv;

/**
 * {@code sweep collect} over committed sweeps whose runs predate today's files (manifests keyed {@code testN} with
 * every value a string, weights named student_w.npy and teacher_a.npy, vectors as 1 × K arrays): every row of a run
 * kept in the folder comes out as committed, in every committed column (the escape step read from the older
 * teacher_a.npy among them; collect has since added columns, which may stay empty).
 */
class CommittedSweepCollectTest {
    @TempDir
    Path tmp;

    /** Collects a copy of the committed sweep {@code name}; returns how many of its runs.csv rows it compared. */
    private int collectAsCommitted(String name) throws IOException {
        Path committed = Path.of("..", "results", "sweeps", name), copy = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(committed)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(committed.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else if (!p.getFileName().toString().matches("runs\\.csv|summary\\.csv")) Files.copy(p, to);
            }
        }
        CollectTest.collect(copy);
        List<Map<String, String>> was = CollectTest.read(committed.resolve("runs.csv")),
                now = CollectTest.read(copy.resolve("runs.csv"));
        assertEquals(was.size(), now.size(), name);
        int compared = 0;
        for (int i = 0; i < was.size(); i++) {
            if (!Files.isDirectory(copy.resolve("runs").resolve(was.get(i).get("run_id")))) continue; // pruned
            for (Map.Entry<String, String> e : was.get(i).entrySet())
                assertEquals(e.getValue(), now.get(i).get(e.getKey()), name + " " + was.get(i).get("run_id"));
            compared++;
        }
        StrictCsv.checkAll(copy);
        return compared;
    }

    @Test
    void collectReadsOlderRunsAsTheyWereCollected() throws IOException {
        assertEquals(9, collectAsCommitted("lmz20-width-d8-xeon-2c"), "every run of a complete sweep");
        assertEquals(1, collectAsCommitted("lmz20-fig2-d12-xeon-2c"), "the one run kept, with its escape step");
    }
}
