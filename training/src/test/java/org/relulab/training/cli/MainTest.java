package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.relulab.training.machine.MachineInfo;

/** The command line: help works, and every user mistake is one line on stderr with exit code 2. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void helpListsEveryCommandWithExamples() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String s : new String[] {"demo", "train", "check", "info", "help", "version", "Examples:", "--size",
                "--threads", "--teacher", "--lr", "--out"}) {
            assertTrue(help.contains(s), "help mentions " + s);
        }
        assertEquals("", err());
    }

    @Test
    void unknownCommandIsOneLineWithExitCode2() {
        assertEquals(2, run("trian"));
        assertEquals(
                "relulab: unknown command 'trian' (expected one of: demo, train, sweep, reproduce, check, info, bench, "
                        + "help, version; see relulab --help)"
                        + System.lineSeparator(),
                err());
    }

    @Test
    void badOptionsNameTheValueAndTheExpectation() {
        assertBad("--size 'big' is not an integer (expected 16 to 8192)", "check", "--size", "big");
        assertBad("--size 8 is out of range (expected 16 to 8192)", "check", "--size=8");
        assertBad("unknown option '--sise' (expected one of: --size, --threads)", "check", "--sise", "64");
        assertBad("option --threads needs a value", "check", "--threads");
        assertBad("option --size given twice", "check", "--size", "64", "--size", "32");
        assertBad("unexpected argument '64' (expected --option value)", "check", "64");
        assertBad("unknown option '--all' (expected no options)", "info", "--all");
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
