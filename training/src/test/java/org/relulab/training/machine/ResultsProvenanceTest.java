package org.relulab.training.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/check-results.sh: every committed result's manifest names a clean commit of this repository's history, and
 * the script refuses the manifests that do not (a dirty tree, an unknown commit, one outside the history).
 */
class ResultsProvenanceTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "check-results.sh");

    private record Outcome(int code, String out) {}

    private static Outcome check(String... folder) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<>(java.util.List.of("bash", SCRIPT.toString()));
        cmd.addAll(java.util.List.of(folder));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    @Test
    void everyCommittedResultNamesACleanCommitOfThisHistory() throws Exception {
        Outcome o = check();
        // a shallow clone cannot say which commits are in the history: the script exits 4 and says so
        Assumptions.assumeFalse(o.code() == 4 && o.out().contains("shallow clone"), o.out());
        assertEquals(0, o.code(), o.out());
        assertTrue(o.out().contains("each a clean commit of this history"), o.out());
    }

    @Test
    void refusesDirtyUnknownAndForeignCommits(@TempDir Path tmp) throws Exception {
        manifest(tmp.resolve("a"), "0123456789ab-dirty");
        manifest(tmp.resolve("b"), "unknown");
        manifest(tmp.resolve("c"), "fedcba987654");
        manifest(tmp.resolve("d"), "fedcba987654");
        Outcome o = check(tmp.toString());
        Assumptions.assumeFalse(o.code() == 4 && o.out().contains("shallow clone"), o.out());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().contains("1 manifest(s) name 0123456789ab-dirty, a tree with uncommitted changes"), o.out());
        assertTrue(o.out().contains("1 manifest(s) name unknown, an unknown commit"), o.out());
        assertTrue(o.out().contains("2 manifest(s) name fedcba987654, a commit that is not in this repository's "
                + "history"), o.out());
        assertEquals(3, o.out().lines().count(), o.out());
        assertEquals(2, check(tmp.resolve("missing").toString()).code());
    }

    private static void manifest(Path dir, String commit) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\n  \"git_commit\": \"" + commit + "\"\n}\n");
    }
}
