package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.relulab.training.config.RunOption;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.machine.MachineInfo;

/**
 * The command line: help on every command, the version, and every user mistake one line on stderr with exit code 2.
 */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    @Test
    void helpListsEveryCommandWithExamples() {
        assertEquals(0, run("--help"));
        String help = out();
        for (String s : new String[] {"demo", "train", "sweep", "reproduce", "check", "info", "bench", "help",
                "version", "Examples:", "--from", "Exit codes:"}) {
            assertTrue(help.contains(s), "help mentions " + s);
        }
        assertEquals("", err());
    }

    /** Every command, and every sweep subcommand, answers --help (and -h) on stdout with exit code 0. */
    @Test
    void everyCommandHasHelpWithTheExitCodes() {
        String[][] commands = {{}, {"demo"}, {"train"}, {"sweep"}, {"sweep", "status"}, {"reproduce"}, {"check"},
                {"info"}, {"version"}, {"bench"}};
        for (String[] command : commands) {
            for (String flag : new String[] {"--help", "-h"}) {
                out.reset();
                err.reset();
                String[] args = java.util.Arrays.copyOf(command, command.length + 1);
                args[command.length] = flag;
                assertEquals(0, run(args), String.join(" ", args) + ": " + err());
                String help = out();
                assertTrue(help.startsWith("Usage: relulab" + (command.length == 0 ? "" : " ")
                        + String.join(" ", command)), String.join(" ", args) + ": " + help);
                for (ExitCode c : ExitCode.values()) {
                    assertTrue(
                            help.contains(
                                    c.code() + "   " + c.meaning().substring(0, Math.min(20, c.meaning().length()))),
                            String.join(" ", args) + " lists exit code " + c.code() + ": " + help);
                }
                assertEquals("", err(), String.join(" ", args));
            }
        }
    }

    /** --help after other options still helps (the issue: it worked only as the first argument). */
    @Test
    void helpAfterOptionsAndHelpCommandAgree() {
        assertEquals(0, run("train", "--m", "5", "--help"));
        String afterOptions = out();
        out.reset();
        assertEquals(0, run("help", "train"));
        assertEquals(afterOptions, out());
        for (RunOption r : RunOption.values()) {
            assertTrue(afterOptions.contains("--" + r.cli() + (r.flag() ? " " : "=")), "train --help lists --"
                    + r.cli());
        }
        for (String source : new String[] {"--data=DIR", "--save-data", "--checkpoint-every=N", "--resume=DIR",
                "--from=MANIFEST"}) {
            assertTrue(afterOptions.contains(source), "train --help lists " + source);
        }
        assertTrue(afterOptions.indexOf("teacher:") < afterOptions.indexOf("--kappa=K")
                && afterOptions.indexOf("student:") < afterOptions.indexOf("--m2=M"), afterOptions);
        sweepCollectKeepsItsOwnHelp();
    }

    private void sweepCollectKeepsItsOwnHelp() {
        out.reset();
        assertEquals(0, run("sweep", "collect", "runs/x", "--help"));
        assertTrue(out().startsWith("Usage: relulab sweep collect DIR"), out());
    }

    /** picocli's bash completion script knows the commands, train's options and their choices. */
    @Test
    void completionScriptKnowsCommandsOptionsAndChoices() {
        assertEquals(0, run("generate-completion"));
        String script = out();
        for (String s : new String[] {"reproduce", "--teacher", "--from", "\"signed-relu\"", "\"two-layer\""}) {
            assertTrue(script.contains(s), "the completion script knows " + s);
        }
        assertEquals("", err());
    }

    @Test
    void versionEverywhere() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"version"}, {"train", "--version"},
                {"sweep", "status", "--version"}}) {
            out.reset();
            assertEquals(0, run(args), String.join(" ", args));
            assertEquals("relulab " + Main.VERSION + System.lineSeparator(), out(), String.join(" ", args));
        }
    }

    @Test
    void unknownCommandIsOneLineWithExitCode2() {
        assertEquals(2, run("trian"));
        assertEquals("relulab: unknown command 'trian' (did you mean train?)" + System.lineSeparator(), err());
        err.reset();
        assertEquals(2, run("frobnicate"));
        assertEquals("relulab: unknown command 'frobnicate' (see relulab --help)" + System.lineSeparator(), err());
        err.reset();
        assertEquals(2, run("help", "nope"), "picocli's help command with an unknown command: a usage error");
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("relulab: ") && err().contains("nope") && !err().contains("internal error"),
                err());
    }

    @Test
    void unknownOptionsGetOneLineWithASuggestion() {
        assertBad("train: unknown option '--sed' (did you mean --seed?)", "train", "--sed", "3", "--out", "unused");
        assertBad("train: unknown option '--lerning-rate' (see relulab train --help)", "train", "--lerning-rate",
                "0.1");
        assertBad("train: unknown option '--sed' (did you mean --seed?)", "train", "--sed=3");
        assertBad("sweep: unknown option '--job' (did you mean --jobs?)", "sweep", "spec.toml", "--job", "2");
        assertBad("train: unknown option '--lr-shcedule' (did you mean --lr-schedule?)", "train",
                "--lr-shcedule", "cosine");
        assertBad("train: unknown option '--tseps' (did you mean --steps?)", "train", "--tseps", "10");
        assertBad("train: option --orthogonal takes no value (got true)", "train", "--orthogonal=true");
        assertBad("train: option --steps given twice", "train", "--steps", "10", "--steps", "20");
        assertBad("train: option --seed needs a value", "train", "--seed");
    }

    @Test
    void badOptionsNameTheValueAndTheExpectation() {
        assertBad("--size 'big' is not an integer (expected 16 to 8192)", "check", "--size", "big");
        assertBad("--size 8 is out of range (expected 16 to 8192)", "check", "--size=8");
        assertBad("check: unknown option '--sise' (did you mean --size?)", "check", "--sise", "64");
        assertBad("option --threads needs a value", "check", "--threads");
        assertBad("option --size given twice", "check", "--size", "64", "--size", "32");
        assertBad("check: unexpected argument '64' (see relulab check --help)", "check", "64");
        assertBad("info: unknown option '--all' (see relulab info --help)", "info", "--all");
        assertBad("reproduce: unknown experiment 'lmz21' (expected: lmz20, zywg19, as21, beyond-ntk or all19)",
                "reproduce", "lmz21");
        assertBad("reproduce: which experiment? (expected: reproduce lmz20|zywg19|as21|beyond-ntk|all19 [--quick])",
                "reproduce", "--quick");
        assertBad(
                "--init tensor (ZYWG19) needs --activation relu, --output ones, --m at most --d and --n at least 3 "
                        + "(got abs, tied, --m 100, --d 30, --n 10000)",
                "train", "--init", "tensor", "--out", "unused-output-dir");
        assertBad("--teacher fig1 is ALL19's target on x in R^4: expected --d 4, got 5", "train", "--teacher", "fig1",
                "--d", "5",
                "--out", "unused-output-dir");
        assertBad(
                "--network all19-3 trains with --optimizer gd or sgd from its own Gaussian init (got --optimizer "
                        + "truncated, --init gaussian)",
                "train", "--network", "all19-3", "--optimizer", "truncated", "--out", "unused-output-dir");
        assertBad("--noise 0.5: the fig1 teacher is noiseless (expected --noise 0, or --teacher relu or signed-relu)",
                "train", "--teacher", "fig1", "--noise", "0.5", "--out", "unused-output-dir");
        assertBad("--teacher-cosine -0.3: expected -1/(m° - 1) = -0.25 < ρ < 1 (m° = 5 unit directions with one "
                + "pairwise cosine ρ)", "train", "--teacher", "signed-relu", "--teacher-cosine", "-0.3", "--out",
                "unused-output-dir");
        assertBad("--reg-lambda 0.1 is AS21's path-norm weight, for --optimizer as21 (got gd)",
                "train", "--reg-lambda", "0.1", "--out", "unused-output-dir");
        assertBad("--optimizer as21 trains both layers: expected --output mean or sqrt (got ones)",
                "train", "--optimizer", "as21", "--output", "ones", "--out", "unused-output-dir");
        assertBad("--reg-lambda 5.0 is out of range (expected at least 0 with --lr x --reg-lambda below 1)",
                "train", "--optimizer", "as21", "--reg-lambda", "5", "--out", "unused-output-dir");
    }

    @Test
    void reproduceAll19RefusesBadOptionsAndUsedFolders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        assertBad("unknown option '--seeds'", "reproduce", "all19", "--seeds", "3");
        assertBad("--threads 0 is out of range (expected 1 to 1024)", "reproduce", "all19", "--threads", "0");
        java.nio.file.Files.writeString(tmp.resolve("fig1.csv"), "old\n");
        assertBad("reproduce all19: --out " + tmp + " holds files but no sweep of reproduce all19 (expected a new or "
                + "empty folder, or an earlier reproduce all19's folder to resume)", "reproduce", "all19", "--quick",
                "--out", tmp.toString());
        java.nio.file.Files.delete(tmp.resolve("fig1.csv"));
        java.nio.file.Files.createDirectories(tmp.resolve("runs/3layer-n500-s1"));
        java.nio.file.Files.writeString(tmp.resolve("runs/3layer-n500-s1/metrics.csv"), "old\n");
        assertBad("holds files but no sweep of reproduce all19", "reproduce", "all19", "--quick", "--out",
                tmp.toString());
        java.nio.file.Files.createDirectories(tmp.resolve("tuning"));
        java.nio.file.Files.writeString(tmp.resolve("tuning/sweep.toml"), "[axes]\nseed = [1]\n");
        assertBad("sweep: --out " + tmp.resolve("runs") + " holds files but no sweep.toml", "reproduce", "all19",
                "--quick", "--out", tmp.toString());
    }

    private void assertBad(String expected, String... args) {
        err.reset();
        assertEquals(2, run(args), String.join(" ", args));
        String e = err();
        assertTrue(e.contains(expected), e);
        assertEquals(1, e.lines().count(), "one line: " + e);
    }

    @Test
    void machineInfoNamesTheCpu() {
        String cpu = MachineInfo.cpuModel();
        assertTrue(!cpu.isBlank() && !cpu.contains("null"), cpu);
    }
}
