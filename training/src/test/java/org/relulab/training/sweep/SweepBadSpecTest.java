package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;

/**
 * A corpus of bad specs: each is refused before anything runs with exit code 2 and one line naming the file, the line
 * and column, and the key, with the message asserted in full. Where the message's end is RunOption's or RunConfig's
 * own wording (another change may refine it), the test pins the spec's part (file, line, column, key and value) and
 * the option and value that wording names.
 */
class SweepBadSpecTest {
    /** A valid tail: the axis every spec below needs unless it is the one under test. */
    private static final String AXES = "\n[axes]\nseed = [1, 2]\n";

    static Stream<Arguments> corpus() {
        return Stream.of(
                // unknown keys and options, with a suggestion
                bad("unknown base option", "[base]\nlrr = 1\n" + AXES,
                        "sweep: bad.toml:2:1: [base]: unknown option 'lrr' (did you mean 'lr'?)"),
                bad("unknown axis option", "[axes]\nseeed = [1, 2]\n",
                        "sweep: bad.toml:2:1: [axes]: unknown option 'seeed' (did you mean 'seed'?)"),
                bad("unknown top key", "metric = [\"steps\"]\n" + AXES,
                        "sweep: bad.toml:1:1: unknown key 'metric' (expected description, metrics, zip, [base] or"
                                + " [axes]) (did you mean 'metrics'?)"),
                bad("option outside a table", "lr = 0.5\n" + AXES,
                        "sweep: bad.toml:1:1: lr: a train option goes in a table: under [base] (one value for every"
                                + " run) or [axes] (swept)"),
                bad("top key below a table", "[axes]\nseed = [1, 2]\nmetrics = [\"steps\"]\n",
                        "sweep: bad.toml:3:1: [axes] metrics: metrics goes at the top of the spec, above the first"
                                + " [table] (TOML puts every key below [axes] in that table)"),
                bad("unknown range key", "[axes]\nlr = { from = 0.5, to = 1, stpe = 0.25 }\n",
                        "sweep: bad.toml:2:28: [axes] lr: unknown key 'stpe' in a range (expected from, to, step,"
                                + " count, log) (did you mean 'step'?)"),
                // wrong types
                bad("float for an integer", "[base]\nm = 1.5\n" + AXES,
                        "sweep: bad.toml:2:1: [base] m: expected an integer, got the number 1.5"),
                bad("string for an integer", "[base]\nm = \"32\"\n" + AXES,
                        "sweep: bad.toml:2:1: [base] m: expected an integer, got the string \"32\""),
                bad("string for a flag", "[base]\northogonal = \"yes\"\n" + AXES,
                        "sweep: bad.toml:2:1: [base] orthogonal: expected true or false, got the string \"yes\""),
                bad("number for a choice", "[base]\nteacher = 1\n" + AXES,
                        "sweep: bad.toml:2:1: [base] teacher: expected a quoted name such as \"abs\", got the"
                                + " integer 1"),
                bad("boolean for a real", "[axes]\nlr = [0.5, true]\n",
                        "sweep: bad.toml:2:12: [axes] lr: expected a number, got true"),
                bad("list in base", "[base]\nlr = [1, 2]\n" + AXES,
                        "sweep: bad.toml:2:1: [base] lr: one value for every run goes in [base]; a list or a range of"
                                + " values is an axis (move it under [axes])"),
                bad("one value as an axis", "[axes]\nlr = 0.5\n",
                        "sweep: bad.toml:2:1: [axes] lr: an axis is a list [a, b, ...], a range { from, to, step or"
                                + " count }, \"A..B\" (integers) or { times = \"option\", values = [...] }; got the"
                                + " number 0.5 (a single value goes under [base])"),
                bad("integer range of a real", "[axes]\nlr = \"1..3\"\n",
                        "sweep: bad.toml:2:1: [axes] lr: \"1..3\" is a range of integers, and lr takes real numbers"
                                + " (use { from, to, step or count })"),
                // values out of range: the option's own parser speaks after the spec's part. RunOption.set parses
                // a value and RunConfig's records check its range, so ranges are met where a point is built (the
                // message then names the point: ", point 2 of 2 (lr=0)"); the start pinned here holds either way.
                partly("out of range in base", "[base]\nm = 0\n" + AXES, "sweep: bad.toml:2:1: [base] m = 0",
                        "--m 0 is out of range"),
                partly("out of range in a list", "[axes]\nlr = [1, 0]\n", "sweep: bad.toml:2:10: [axes] lr = 0",
                        "--lr 0 is out of range"),
                partly("out of range in a range", "[axes]\nlr = { from = 0, to = 1, count = 3 }\n",
                        "sweep: bad.toml:2:1: [axes] lr = 0", "--lr 0 is out of range"),
                partly("unknown choice", "[base]\nteacher = \"cat\"\n" + AXES,
                        "sweep: bad.toml:2:1: [base] teacher = cat: ", "--teacher 'cat'"),
                // empty and duplicate axes and values
                bad("empty list axis", "[axes]\nlr = []\n", "sweep: bad.toml:2:1: [axes] lr: empty axis (list at"
                        + " least one value)"),
                bad("empty derived axis", "[base]\nd = 16\n[axes]\nm = { times = \"d\", values = [] }\n",
                        "sweep: bad.toml:4:1: [axes] m: empty axis (list at least one factor)"),
                bad("empty integer range", "[axes]\nseed = \"5..1\"\n",
                        "sweep: bad.toml:2:1: [axes] seed: \"5..1\" is empty (expected A..B with A at most B)"),
                bad("same axis twice", "[axes]\nseed = [1, 2]\nseeds = \"1..3\"\n",
                        "sweep: bad.toml:3:1: [axes] seeds: seed is already an axis (line 2)"),
                bad("option in base and axes", "[base]\nlr = 1\n[axes]\nlr = [1, 2]\n",
                        "sweep: bad.toml:4:1: [axes] lr: lr is also set in [base] (line 2): set it in one place"),
                bad("value twice", "[axes]\nlr = [0.5, 1, 0.50]\n",
                        "sweep: bad.toml:2:15: [axes] lr: 0.5 is listed twice (first at line 2)"),
                bad("rounded range gives a value twice", "[axes]\nm = { from = 1, to = 2, count = 5 }\n",
                        "sweep: bad.toml:2:1: [axes] m: the range gives 1 twice (an integer option's values are"
                                + " rounded; use fewer values)"),
                // ranges
                bad("step and count", "[axes]\nlr = { from = 1, to = 2, step = 0.5, count = 3 }\n",
                        "sweep: bad.toml:2:38: [axes] lr: give step or count, not both"),
                bad("log range with a step", "[axes]\nlr = { from = 1, to = 2, step = 0.5, log = true }\n",
                        "sweep: bad.toml:2:26: [axes] lr: a log range takes count, not step"),
                bad("log range from 0", "[axes]\nnoise = { from = 0, to = 1, count = 3, log = true }\n",
                        "sweep: bad.toml:2:1: [axes] noise: a log range needs from and to above 0"),
                bad("real range without step or count", "[axes]\nlr = { from = 1, to = 2 }\n",
                        "sweep: bad.toml:2:1: [axes] lr: a range of real numbers needs step or count"),
                bad("range counting down", "[axes]\nlr = { from = 2, to = 1, step = 0.5 }\n",
                        "sweep: bad.toml:2:18: [axes] lr: from must be at most to (a range with step counts up)"),
                bad("range without to", "[axes]\nlr = { from = 2, count = 3 }\n",
                        "sweep: bad.toml:2:1: [axes] lr: a range needs to"),
                // derived axes
                bad("derived from an unset option", "[axes]\nm = { times = \"d\", values = [1, 2] }\n",
                        "sweep: bad.toml:2:7: [axes] m: times = \"d\": expected a numeric option set in [base] or by"
                                + " an axis above m"),
                bad("derived from an unknown option", "[axes]\nm = { times = \"dd\", values = [1, 2] }\n",
                        "sweep: bad.toml:2:7: [axes] m: times: unknown option 'dd' (did you mean 'd'?)"),
                bad("derived values collide", "[base]\nd = 16\n[axes]\nm = { times = \"d\", values = [1, 1.01] }\n",
                        "sweep: bad.toml:4:1: [axes] m: factors 1 and 1.01 both give m = 16 at d = 16 (point 1 of 2"
                                + " (m=1d))"),
                partly("derived value out of range", "[base]\nd = 16\n[axes]\nm = { times = \"d\", values = [0.01] }\n",
                        "sweep: bad.toml:4:1: [axes] m = 0.01d = 0, point 1 of 1 (m=0.01d): ", "--m 0"),
                // zip
                bad("zip of unequal lengths", "zip = [[\"lr\", \"steps\"]]\n[axes]\nlr = [1, 2, 3]\nsteps = [10, 20]\n",
                        "sweep: bad.toml:1:15: zip: lr has 3 values and steps has 2 (zipped axes pair their values"
                                + " one to one)"),
                bad("zip of a non-axis", "zip = [[\"lr\", \"stepz\"]]\n[axes]\nlr = [1, 2]\nsteps = [10, 20]\n",
                        "sweep: bad.toml:1:15: zip: 'stepz' is not an axis (axes: lr, steps) (did you mean"
                                + " 'steps'?)"),
                bad("zip of one axis", "zip = [[\"lr\"]]\n[axes]\nlr = [1, 2]\n",
                        "sweep: bad.toml:1:8: zip: each group is a list of two or more axes, [\"lr\", \"steps\"]; got"
                                + " a list of one"),
                bad("a zip pairing values twice", "zip = [[\"lr\", \"steps\"]]\n[axes]\nlr = [1, 2, 1]\n"
                        + "steps = [10, 20, 10]\n",
                        "sweep: bad.toml:3:13: zip: values 1 and 3 of [lr, steps] are "
                                + "both [1, 10] (zipped axes pair their values one to one: each combination once)"),
                bad("axis zipped twice", "zip = [[\"lr\", \"m\"], [\"m\", \"seed\"]]\n[axes]\nlr = [1, 2]\n"
                        + "m = [10, 20]\nseed = [1, 2]\n", "sweep: bad.toml:1:22: zip: m is zipped twice"),
                // the runner's options
                bad("out in the spec", "[base]\nout = \"runs/x\"\n" + AXES,
                        "sweep: bad.toml:2:1: [base] out: set by the sweep runner, not by a spec (each run's folder"
                                + " is --out DIR/NAME of relulab sweep SPEC --out DIR)"),
                bad("resume in the spec", "[axes]\nresume = [\"a\"]\n",
                        "sweep: bad.toml:2:1: [axes] resume: set by the sweep runner, not by a spec (each run's"
                                + " folder is --out DIR/NAME of relulab sweep SPEC --out DIR)"),
                // metrics
                bad("unknown metric", "metrics = [\"steps\", \"final-tst-loss\"]\n" + AXES,
                        "sweep: bad.toml:1:21: metrics: unknown metric 'final-tst-loss' (expected one of:"
                                + " final-train-loss, final-test-loss, final-test-loss-x-d, best-train-loss,"
                                + " best-test-loss, steps, seconds, diverged, escape-step, left-plateau) (did you mean"
                                + " 'final-test-loss'?)"),
                bad("metric twice", "metrics = [\"steps\", \"steps\"]\n" + AXES,
                        "sweep: bad.toml:1:21: metrics: steps is listed twice"),
                // the file as a whole
                bad("TOML syntax", "[axes]\nlr = [1, 2\nseed = [1]\n",
                        "sweep: bad.toml:3:1: not valid TOML: Unexpected 's', expected ], a comma, or a newline"),
                bad("no axes", "[base]\nm = 10\n",
                        "sweep: bad.toml: no axes: a sweep needs at least one axis under [axes] (one run is relulab"
                                + " train)"),
                // the grid as a whole
                bad("huge grid", "[axes]\nseed = \"1..1000\"\nm = \"1..1001\"\n",
                        "sweep: bad.toml:1:1: [axes]: the grid has 1,001,000 points, more than 1,000,000 (pass"
                                + " --yes to run them all)"),
                partly("cross-option rule", "[base]\ninit = \"symmetric\"\noutput = \"mean\"\n[axes]\nm = [2, 3, 4]\n",
                        "sweep: bad.toml:2:1: [base] init = symmetric, point 2 of 3 (m=3): ", "an even --m"),
                partly("cross-option rule of two axes", "[axes]\nteacher = [\"abs\", \"fig1\"]\nd = [4, 5]\n",
                        "sweep: bad.toml:2:19: [axes] teacher = fig1, point 4 of 4 (teacher=fig1_d=5): ",
                        "--d 4"));
    }

    private static Arguments bad(String name, String spec, String message) {
        return Arguments.of(name, spec, message, null);
    }

    private static Arguments partly(String name, String spec, String start, String fragment) {
        return Arguments.of(name, spec, start, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedInOneLineNamingFileLineAndKey(String name, String spec, String message, String fragment) {
        String got = error(spec);
        if (fragment == null) {
            assertEquals(message, got);
        } else {
            assertTrue(got.startsWith(message), "starts with\n  " + message + "\ngot\n  " + got);
            assertTrue(got.substring(message.length()).contains(fragment), fragment + " in " + got);
        }
        assertEquals(1, got.lines().count(), got);
    }

    /** The one-line message a spec is refused with, checked to be a usage failure (exit code 2). */
    static String error(String spec) {
        Failure f = assertThrows(Failure.class, () -> SpecParser.parse(spec, "bad.toml").points(false));
        assertEquals(ExitCode.USAGE, f.exitCode());
        return f.getMessage();
    }

    @Test
    void aHugeGridIsListedWhenAllowed() {
        SweepSpec spec = SpecParser.parse("[axes]\nseed = \"1..1000\"\nm = \"1..1001\"\n", "huge.toml");
        assertEquals(1_001_000, spec.size());
        assertEquals(1_001_000, spec.points(true).size());
    }

    @Test
    void aGridPastAListIsRefusedEvenWhenAllowed() {
        SweepSpec spec = SpecParser.parse("[axes]\nseed = \"1..100000\"\nm = \"1..100000\"\n", "past.toml");
        Failure f = assertThrows(Failure.class, () -> spec.points(true));
        assertEquals(
                "sweep: past.toml:1:1: [axes]: the grid has 10,000,000,000 points, more than a sweep can list"
                        + " (2^31 - 1)",
                f.getMessage());
    }

    @Test
    void anUnreadableSpecIsAFileProblem() {
        Failure f = assertThrows(Failure.class,
                () -> SpecParser.parse(java.nio.file.Path.of("no-such-dir/spec.toml")));
        assertEquals(ExitCode.USAGE, f.exitCode());
        assertEquals("cannot read no-such-dir/spec.toml: no such file or directory", f.getMessage());
    }
}
