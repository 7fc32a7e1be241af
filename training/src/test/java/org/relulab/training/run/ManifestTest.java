package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.Json;
import org.relulab.training.student.OutputLayer;

/**
 * manifest.json's "options" and "command": JSON types, only the options that apply, the command-line names, read back
 * to the same run; and every manifest committed under results/ (the older form) still read.
 */
class ManifestTest {
    private static final Path OUT = Path.of("runs", "a b");

    /** Runs of every network and optimizer, with values that are not the defaults. */
    private static List<RunConfig> configs() {
        return List.of(RunConfig.defaults().out(OUT).build(),
                RunConfig.defaults().d(8).n(500).optimizer(OptimizerKind.SGD).batch(50).seed(1L << 60).orthogonal(true)
                        .out(OUT).build(),
                RunConfig.defaults().d(8).n(500).optimizer(OptimizerKind.TRUNCATED).lambda0(0.5).stage1Steps(7)
                        .steps(100).out(OUT).build(),
                RunConfig.defaults().teacher(TeacherKind.SIGNED_RELU).d(6).teacherNeurons(3).teacherCosine(0.2)
                        .optimizer(OptimizerKind.AS21).output(OutputLayer.MEAN).regLambda(0.01).out(OUT).build(),
                RunConfig.defaults().teacher(TeacherKind.FIG1).network(NetworkKind.ALL19_3).m(16).m2(8).lr(0.25)
                        .weightDecay(1e-4).out(OUT).build());
    }

    private static Map<?, ?> parsed(Map<String, Object> options) {
        return (Map<?, ?>) Json.parse(JsonText.of(options));
    }

    @Test
    void optionsHaveJsonTypesAndCommandLineNames() {
        RunConfig sgd = configs().get(1);
        Map<?, ?> o = parsed(Manifest.options(sgd, DataSource.GENERATED));
        assertEquals(8.0, o.get("d"));
        assertEquals(500.0, o.get("n"));
        assertEquals(1L << 60, o.get("seed"), "a seed beyond 2^53 is read back exactly");
        assertInstanceOf(Double.class, o.get("lr"));
        assertEquals(true, o.get("orthogonal"));
        assertEquals("sgd", o.get("optimizer"));
        assertEquals("abs", o.get("teacher"));
        assertEquals(50.0, o.get("batch"));
        assertTrue(o.containsKey("test-n") && !o.containsKey("testN"), "command-line names: " + o.keySet());
        for (String absent : List.of("m2", "lambda0", "stage1-steps", "reg-lambda", "teacher-neurons", "trained"))
            assertFalse(o.containsKey(absent), absent + " does not apply to this run: " + o.keySet());
        assertFalse(parsed(Manifest.options(configs().get(0), DataSource.GENERATED)).containsKey("batch"),
                "--batch applies to sgd only");
        Map<?, ?> loaded = parsed(Manifest.options(sgd, new DataSource(Path.of("data"), false)));
        assertFalse(loaded.containsKey("teacher") || loaded.containsKey("kappa"), "a --data run has no teacher");
    }

    @Test
    void optionsReadBackToTheSameRun() {
        for (RunConfig c : configs()) {
            RunConfig back = RunConfig.fromOptions(parsed(Manifest.options(c, DataSource.GENERATED)), c.out());
            assertEquals(Manifest.options(c, DataSource.GENERATED), Manifest.options(back, DataSource.GENERATED));
            for (RunOption o : RunOption.values()) {
                if (o.appliesTo(c, DataSource.GENERATED)) assertEquals(o.text(c), o.text(back), o.cli());
            }
        }
    }

    @Test
    void commandSetsEveryOptionThatApplies() {
        DataSource data = new DataSource(Path.of("my data"), true);
        for (RunConfig c : configs()) {
            String command = Manifest.command(c, data, 100);
            assertTrue(command.startsWith("./relulab train --"), command);
            assertTrue(command.endsWith(" --save-data --checkpoint-every 100"), command);
            assertTrue(command.contains(" --out 'runs/a b'"), "quoted for the shell: " + command);
            List<String> words = shellWords(command.substring("./relulab train ".length()));
            RunConfig.Builder b = c.toBuilder(); // the options that do not apply: any value gives the same run
            for (int i = 0; i < words.size(); i++) {
                String name = words.get(i).substring(2);
                RunOption o = RunOption.byCli(name);
                if (o == null) {
                    assertTrue(List.of("data", "save-data", "checkpoint-every").contains(name), name);
                    if (!name.equals("save-data")) i++;
                } else if (o.flag()) {
                    o.set(b, "true");
                } else {
                    o.set(b, words.get(++i));
                }
            }
            assertEquals(Manifest.options(c, data), Manifest.options(b.build(), data), command);
        }
    }

    @Test
    void sgdIsNamedAsChosen() {
        RunConfig sgd = configs().get(1);
        String rule = Manifest.optimizer(sgd, sgd.optimizer().kind().create(null, sgd));
        assertTrue(rule.startsWith("stochastic gradient descent on mini-batches of 50 of the 500 samples"), rule);
        RunConfig gd = configs().get(0);
        assertTrue(Manifest.optimizer(gd, gd.optimizer().kind().create(null, gd)).startsWith("gradient descent"));
    }

    /** Every manifest committed under results/ (keys like testN, every value as text) is read back to its run. */
    @Test
    void committedManifestsStillRead() throws IOException {
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(Path.of("..", "results"))) {
            manifests = s.filter(p -> p.getFileName().toString().equals(Manifest.FILE)).toList();
        }
        assertTrue(manifests.size() > 50, "committed manifests: " + manifests.size());
        List<String> wrong = new ArrayList<>();
        for (Path file : manifests) {
            Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(file));
            Map<?, ?> options = (Map<?, ?>) m.get("options");
            RunConfig c = RunConfig.fromOptions(options, file.getParent());
            DataSource data = new DataSource(m.get("data_dir") instanceof String s && !s.isEmpty() ? Path.of(s) : null,
                    false);
            for (RunOption o : RunOption.values()) {
                Object recorded = options.containsKey(o.cli()) ? options.get(o.cli()) : options.get(o.key());
                if (o != RunOption.OUT && o.appliesTo(c, data) && recorded != null && !same(o.text(c), recorded)) {
                    wrong.add(file + ": " + o.cli() + " " + recorded + " read as " + o.text(c));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Whether an option read back as {@code text} is the value recorded: a JSON number (typed manifests, parsed as a
     * double) by its value, a string (manifests written before the options were typed) as text.
     */
    private static boolean same(String text, Object recorded) {
        if (recorded instanceof Number n) {
            try {
                return Double.parseDouble(text) == n.doubleValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return text.equals(recorded.toString());
    }

    /** The manifest's command, given to the command line with another --out, makes a run of the same options. */
    @Test
    void theCommandRunsTheSameRunAgain(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("first run"), b = tmp.resolve("second");
        assertEquals(0, org.relulab.training.cli.Main.run(new String[] {"train", "--d", "4", "--n", "100", "--test-n",
                "50", "--m", "6", "--steps", "4", "--optimizer", "sgd", "--batch", "10", "--orthogonal", "--seed", "9",
                "--out", a.toString()}, quiet(), quiet()));
        Map<?, ?> first = (Map<?, ?>) Json.parse(Files.readString(a.resolve(Manifest.FILE)));
        List<String> words = shellWords((String) first.get("command"));
        assertEquals(List.of("./relulab", "train"), words.subList(0, 2));
        int out = words.indexOf("--out");
        assertEquals(a.toString(), words.get(out + 1), "the path with a space comes back whole");
        words.set(out + 1, b.toString());
        assertEquals(0, org.relulab.training.cli.Main.run(words.subList(1, words.size()).toArray(String[]::new),
                quiet(), quiet()));
        Map<?, ?> second = (Map<?, ?>) Json.parse(Files.readString(b.resolve(Manifest.FILE)));
        Map<Object, Object> expected = new java.util.LinkedHashMap<>((Map<?, ?>) first.get("options"));
        expected.put("out", b.toString());
        assertEquals(expected, second.get("options"));
        assertEquals(((Map<?, ?>) first.get("result")).get("test_loss"), ((Map<?, ?>) second.get("result"))
                .get("test_loss"), "the same run: the same final test loss");
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** A finished run says done and a diverged one diverged, with whether its saved weights are finite. */
    @Test
    void statusSaysWhetherTheRunAndItsWeightsAreFinite(@TempDir Path tmp) throws IOException {
        for (double lr : new double[] {1, 1e9}) {
            RunConfig c = RunConfig.defaults().d(4).n(200).testN(50).m(8).lr(lr).steps(40).threads(1)
                    .out(tmp.resolve("lr" + lr)).build();
            Trainer.run(c, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(c.out().resolve(Manifest.FILE)));
            Map<?, ?> result = (Map<?, ?>) m.get("result");
            assertEquals(lr == 1 ? "done" : "diverged", m.get("status"));
            assertEquals(lr == 1, result.get("weights_finite"));
            assertEquals(lr != 1, result.get("diverged"));
        }
    }

    /** The checkpoints committed under results/ still agree with their (older) manifests, as a resume checks. */
    @Test
    void committedCheckpointsStillCheckOut() throws IOException {
        List<Path> checkpoints;
        try (Stream<Path> s = Files.walk(Path.of("..", "results"))) {
            checkpoints = s.filter(p -> p.getFileName().toString().equals("checkpoint.bin")).toList();
        }
        for (Path file : checkpoints) {
            Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(file.resolveSibling(Manifest.FILE)));
            RunConfig c = RunConfig.fromOptions((Map<?, ?>) m.get("options"), file.getParent());
            long every = ((Number) m.get("checkpoint_every")).longValue();
            assertTrue(ResumeCheck.checkpoint(c, DataSource.GENERATED, file, every).step() > 0, file.toString());
        }
    }

    /** The words of a command line as a POSIX shell splits it (single quotes only, as the manifest writes them). */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) words.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(ch);
                any = true;
            }
        }
        if (any) words.add(w.toString());
        return words;
    }
}
