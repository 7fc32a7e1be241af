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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.config.RunOption;
import org.relulab.training.io.Json;

/**
 * {@code train --from MANIFEST}: an earlier run's options, then the command line's. Tiny runs (d = 5, n = 64, 2
 * steps); the second run's manifest is read back and its options compared.
 */
class FromManifestTest {
    private static final String[] TINY = {"--d", "5", "--n", "64", "--test-n", "64", "--m", "4", "--steps", "2"};

    @TempDir
    Path tmp;

    private String err;

    private int train(String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path tinyRun(String name, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        for (int i = 0; i < TINY.length; i += 2) { // TINY's options but those given in more
            if (!args.contains(TINY[i])) args.addAll(List.of(TINY[i], TINY[i + 1]));
        }
        args.addAll(List.of("--out", tmp.resolve(name).toString()));
        assertEquals(0, train(args.toArray(String[]::new)), err);
        return tmp.resolve(name);
    }

    @Test
    void theManifestsOptionsThenTheOverrides() throws IOException {
        Path a = tinyRun("a", "--teacher", "relu", "--noise", "0.01", "--kappa", "2", "--seed", "7");
        Path b = tmp.resolve("b");
        assertEquals(0, train("--from", a.resolve("manifest.json").toString(), "--seed", "2", "--m", "5", "--out",
                b.toString()), err);
        Map<?, ?> options = options(b);
        assertEquals(2, number(options, RunOption.SEED), "the override");
        assertEquals(5, number(options, RunOption.M), "the override");
        assertEquals(5, number(options, RunOption.D), "from the manifest");
        assertEquals(64, number(options, RunOption.N), "from the manifest");
        assertEquals(2, number(options, RunOption.STEPS), "from the manifest");
        assertEquals(0.01, number(options, RunOption.NOISE), "from the manifest");
        assertEquals(2, number(options, RunOption.KAPPA), "from the manifest");
        assertEquals("relu", text(options, RunOption.TEACHER), "from the manifest");
        assertEquals(b.toString(), text(options, RunOption.OUT), "never the manifest's --out");
    }

    /** A recorded option that has no effect on the new run is dropped; one the user gives is refused, as always. */
    @Test
    void recordedOptionsThatNoLongerApplyAreDropped() throws IOException {
        Path a = tinyRun("a", "--teacher", "relu", "--noise", "0.01", "--teacher-neurons", "3");
        Path b = tmp.resolve("b");
        assertEquals(0, train("--from", a.toString(), "--teacher", "abs", "--out", b.toString()), err);
        Map<?, ?> options = options(b);
        assertEquals("abs", text(options, RunOption.TEACHER));
        Object noise = value(options, RunOption.NOISE); // the abs teacher is noiseless: absent, or 0
        assertTrue(noise == null || Double.parseDouble(String.valueOf(noise)) == 0, "noise " + noise);

        assertEquals(2, train("--from", a.toString(), "--m2", "5", "--out", tmp.resolve("c").toString()));
        assertTrue(err.contains("--m2 applies only to --network all19-3 or ntk-3"), err);
        assertFalse(Files.exists(tmp.resolve("c")));
    }

    /** A recorded option the overrides make wrong is refused, saying where it came from. */
    @Test
    void aRecordedOptionTheOverridesMakeWrongSaysWhereItCameFrom() {
        Path a = tinyRun("a", "--steps", "20", "--log-every", "10");
        assertEquals(2, train("--from", a.toString(), "--steps", "5", "--out", tmp.resolve("b").toString()));
        assertTrue(
                err.contains("--log-every 10 is out of range (expected 1 to --steps (5)); --log-every is recorded in "
                        + a.resolve("manifest.json") + ": give --log-every to change it"),
                err);
        assertEquals(1, err.lines().count(), err);
        assertEquals(0, train("--from", a.toString(), "--steps", "5", "--log-every", "5", "--out",
                tmp.resolve("c").toString()), err);
    }

    /** The manifest format with the command line's names and JSON types, and what --from leaves out of it. */
    @Test
    void readsCommandLineNamesAndJsonTypes() throws IOException {
        Path manifest = tmp.resolve("new-format.json");
        Files.writeString(manifest, """
                {"relulab": "0.1.0", "command": "relulab train --d 5 ...",
                 "options": {"d": 5, "n": 64, "test-n": "64", "m": 4, "steps": 2, "kappa": 2.5,
                             "orthogonal": true, "lr": 1e-2, "out": "somewhere-else", "threads": 64}}
                """);
        Path c = tmp.resolve("c");
        assertEquals(0, train("--from", manifest.toString(), "--out", c.toString()), err);
        Map<?, ?> options = options(c);
        assertEquals(5, number(options, RunOption.D));
        assertEquals(64, number(options, RunOption.TEST_N));
        assertEquals(2.5, number(options, RunOption.KAPPA));
        assertEquals(0.01, number(options, RunOption.LR));
        assertEquals("true", text(options, RunOption.ORTHOGONAL));
        assertEquals(c.toString(), text(options, RunOption.OUT));
        assertFalse(Files.exists(tmp.resolve("somewhere-else")));
    }

    @Test
    void aManifestThatCannotBeReadIsOneLineWithExitCode2() throws IOException {
        Path garbled = Files.writeString(tmp.resolve("garbled.json"), "{\"options\": ");
        Path noOptions = Files.writeString(tmp.resolve("no-options.json"), "{\"relulab\": \"0.1.0\"}");
        Path unknown = Files.writeString(tmp.resolve("unknown.json"), "{\"options\": {\"d\": 5, \"dropout\": 0.5}}");
        Path outOfRange = Files.writeString(tmp.resolve("range.json"), "{\"options\": {\"m\": 0}}");
        Path fraction = Files.writeString(tmp.resolve("fraction.json"), "{\"options\": {\"steps\": 2.5}}");
        Path list = Files.writeString(tmp.resolve("list.json"), "{\"options\": {\"seed\": [1, 2]}}");
        Path huge = Files.writeString(tmp.resolve("huge.json"), "{\"options\": {\"seed\": 12345678901234567890}}");
        String[][] corpus = {
                {"no such file", "--from", tmp.resolve("missing.json").toString()},
                {"is not JSON", "--from", garbled.toString()},
                {"holds no \"options\" object", "--from", noOptions.toString()},
                {"option 'dropout' is not one of train's", "--from", unknown.toString()},
                {"--m 0 is out of range (expected 1 to 1000000)", "--from", outOfRange.toString()},
                {"--steps '2.5' is not an integer", "--from", fraction.toString()},
                {"option 'seed' is [1.0, 2.0]", "--from", list.toString()},
                {"beyond the integers a JSON number holds exactly", "--from", huge.toString()},
                {"--resume DIR takes no other options", "--resume", tmp.toString(), "--from", huge.toString()},
        };
        for (String[] bad : corpus) {
            String[] args = java.util.Arrays.copyOfRange(bad, 1, bad.length);
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--out", tmp.resolve("never").toString()));
            assertEquals(2, train(all.toArray(String[]::new)), String.join(" ", args) + ": " + err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(bad[0]), bad[0] + ": " + err);
            assertFalse(Files.exists(tmp.resolve("never")));
        }
        // a value the manifest cannot hold exactly is fine when the command line replaces it
        assertEquals(0, train("--from", huge.toString(), "--seed", "3", "--out", tmp.resolve("d").toString(),
                "--d", "5", "--n", "64", "--test-n", "64", "--m", "4", "--steps", "2"), err);
        assertEquals(3, number(options(tmp.resolve("d")), RunOption.SEED));
    }

    private static Map<?, ?> options(Path run) throws IOException {
        Map<?, ?> manifest = (Map<?, ?>) Json.parse(Files.readString(run.resolve("manifest.json")));
        return (Map<?, ?>) manifest.get("options");
    }

    /** The recorded value of {@code r}, keyed by its command-line name or by the older manifest key. */
    private static Object value(Map<?, ?> options, RunOption r) {
        return options.containsKey(r.cli()) ? options.get(r.cli()) : options.get(r.key());
    }

    private static double number(Map<?, ?> options, RunOption r) {
        Object v = value(options, r);
        return v instanceof Double d ? d : Double.parseDouble(String.valueOf(v));
    }

    private static String text(Map<?, ?> options, RunOption r) {
        return String.valueOf(value(options, r));
    }
}
