package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.training.io.Npy;

/**
 * A corpus of {@code train} command lines with an option that has no effect on the run they describe: a second
 * width for a two-layer network, truncated GD's stages with plain GD, a teacher's option with another teacher or
 * with {@code --data}, a checkpoint interval as long as the run. Each is refused (exit code 2, one line naming the
 * option and what it applies to, no output folder) instead of being silently ignored; the same options where they
 * apply still run.
 */
class InapplicableOptionsCorpusTest {
    @TempDir
    Path tmp;

    /** A tiny run, so that an option wrongly accepted costs a second. */
    private static final List<String> TINY = List.of("--n", "64", "--test-n", "64", "--m", "8", "--steps", "4");

    /** A command line (added to a tiny run) and what its one line must say. */
    private record Bad(String says, String... args) {}

    @Test
    void optionsThatDoNotApplyAreRefused() throws IOException {
        Path data = dataFolder();
        String notHere = "does not apply with --data";
        List<Bad> corpus = List.of(
                new Bad("train: --m2 applies only to --network all19-3 or ntk-3 (got two-layer)", "--m2", "8"),
                new Bad("--m2 applies only to --network all19-3 or ntk-3 (got all19-2)", "--network", "all19-2",
                        "--m2", "8"),
                new Bad("--lambda0 applies only to --optimizer truncated (got gd)", "--lambda0", "0.5"),
                new Bad("--lambda1 applies only to --optimizer truncated (got sgd)", "--optimizer", "sgd", "--lambda1",
                        "0.5"),
                new Bad("--stage1-steps applies only to --optimizer truncated (got gd)", "--stage1-steps", "2"),
                new Bad("--batch applies only to --optimizer sgd (got gd)", "--batch", "64"),
                new Bad("--reg-lambda applies only to --optimizer as21 (got gd)", "--reg-lambda", "0"),
                new Bad("--weight-decay applies only to --optimizer gd or sgd (got truncated)", "--optimizer",
                        "truncated", "--weight-decay", "0"),
                new Bad("--lr-schedule applies only to --optimizer gd or sgd (got as21)", "--optimizer", "as21",
                        "--lr-schedule", "constant"),
                new Bad("--noise applies only to --teacher relu or signed-relu (got abs)", "--noise", "0"),
                new Bad("--teacher-cosine applies only to --teacher signed-relu (got relu)", "--teacher", "relu",
                        "--teacher-cosine", "0"),
                new Bad("--kappa applies only to --teacher abs, relu or signed-relu (got fig1)", "--teacher", "fig1",
                        "--kappa", "2"),
                new Bad("--teacher-neurons applies only to --teacher relu or signed-relu (got abs)",
                        "--teacher-neurons", "2"),
                new Bad("--orthogonal applies only to --teacher abs (got relu)", "--teacher", "relu", "--orthogonal"),
                new Bad("--terms applies only to --teacher concept2 or concept3 (got abs)", "--terms", "3"),
                new Bad("--trained applies only to --network all19-2, all19-3, ntk-2 or ntk-3 (got two-layer)",
                        "--trained", "last"),
                new Bad("--output-std applies only to --network all19-2, all19-3, ntk-2 or ntk-3 (got two-layer)",
                        "--output-std", "2"),
                new Bad("--activation applies only to --network two-layer (got all19-2)", "--network", "all19-2",
                        "--activation", "relu"),
                new Bad("--output applies only to --network two-layer (got ntk-2)", "--network", "ntk-2",
                        "--output", "mean"),
                new Bad("--init applies only to --network two-layer (got all19-3)", "--network", "all19-3", "--init",
                        "gaussian"),
                new Bad("--init-scale applies only to --network two-layer (got ntk-3)", "--network", "ntk-3",
                        "--init-scale", "2"),
                new Bad("--checkpoint-every 4 does not apply to a run of --steps 4", "--checkpoint-every", "4"),
                new Bad("--checkpoint-every 100 does not apply to a run of --steps 4", "--checkpoint-every", "100"),
                new Bad("--teacher " + notHere, "--data", data.toString(), "--teacher", "relu"),
                new Bad("--kappa " + notHere, "--data", data.toString(), "--kappa", "2"),
                new Bad("--noise " + notHere, "--data", data.toString(), "--noise", "0"),
                new Bad("--teacher-neurons " + notHere, "--data", data.toString(), "--teacher-neurons", "2"),
                new Bad("--orthogonal " + notHere, "--data", data.toString(), "--orthogonal"),
                new Bad("--terms " + notHere, "--data", data.toString(), "--terms", "2"),
                new Bad("--inputs " + notHere, "--data", data.toString(), "--inputs", "sphere"),
                // not "expected --d 4"
                new Bad("--teacher " + notHere, "--data", data.toString(), "--teacher", "fig1"));
        int i = 0;
        for (Bad bad : corpus) {
            Path out = tmp.resolve("out" + i++);
            Run r = train(out, bad.args());
            String what = String.join(" ", bad.args());
            assertEquals(2, r.code(), what + ": " + r.err());
            assertEquals(1, r.err().lines().count(), what + ": one line, got: " + r.err());
            assertTrue(r.err().contains(bad.says()), what + ": says '" + bad.says() + "': " + r.err());
            assertFalse(Files.exists(out), what + ": left an output folder behind");
        }
    }

    @Test
    void theSameOptionsRunWhereTheyApply() throws IOException {
        Path data = dataFolder();
        List<String[]> good = List.of(new String[] {"--network", "all19-3", "--m2", "4", "--trained", "hidden",
                "--output-std", "2", "--d", "5"},
                new String[] {"--optimizer", "truncated", "--lambda0", "0.5", "--lambda1", "0.2", "--stage1-steps",
                        "2", "--d", "5"},
                new String[] {"--teacher", "relu", "--noise", "0", "--kappa", "2", "--teacher-neurons", "2", "--d",
                        "5", "--checkpoint-every", "3"},
                new String[] {"--data", data.toString(), "--d", "5", "--n", "40", "--test-n", "40", "--seed", "3"});
        int i = 0;
        for (String[] args : good) {
            Run r = train(tmp.resolve("good" + i++), args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        }
    }

    private record Run(int code, String err) {}

    private static Run train(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        for (int i = 0; i < TINY.size(); i += 2) {
            if (!List.of(args).contains(TINY.get(i))) all.addAll(TINY.subList(i, i + 2));
        }
        all.addAll(List.of(args));
        all.addAll(List.of("--threads", "1", "--out", out.toString()));
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("step "))
                .reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
        return new Run(code, err);
    }

    /** A --data folder: 40 samples of d = 5. */
    private Path dataFolder() throws IOException {
        Path dir = tmp.resolve("data");
        if (Files.exists(dir)) return dir;
        Files.createDirectories(dir);
        float[] x = new float[40 * 5], y = new float[40];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.cos(i);
        for (String set : List.of("train", "test")) {
            Npy.write(dir.resolve("x_" + set + ".npy"), Matrix.wrap(x.clone(), 40, 5));
            Npy.write(dir.resolve("y_" + set + ".npy"), y.clone());
        }
        return dir;
    }
}
