package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relulab.training.config.RunConfig;

/** How a spec expands: the order of its points, their options and names, zip, ranges, derived axes. */
class SweepExpansionTest {
    private static List<SweepPoint> points(String spec) {
        return SpecParser.parse(spec, "test.toml").points(false);
    }

    private static List<String> names(List<SweepPoint> points) {
        return points.stream().map(SweepPoint::name).toList();
    }

    private static List<String> values(List<SweepPoint> points, String option) {
        return points.stream().map(p -> p.options().get(option)).toList();
    }

    @Test
    void axesNestInTheSpecsOrderTheFirstOutermost() {
        List<SweepPoint> p = points("[base]\nd = 8\n[axes]\nlr = [0.5, 1]\nm = [10, 20]\nseed = \"1..2\"\n");
        assertEquals(List.of("lr=0.5_m=10_seed=1", "lr=0.5_m=10_seed=2", "lr=0.5_m=20_seed=1", "lr=0.5_m=20_seed=2",
                "lr=1_m=10_seed=1", "lr=1_m=10_seed=2", "lr=1_m=20_seed=1", "lr=1_m=20_seed=2"), names(p));
        for (int i = 0; i < p.size(); i++) assertEquals(i, p.get(i).index());
        assertEquals(Map.of("d", "8", "lr", "1", "m", "10", "seed", "2"), p.get(5).options());
        assertEquals(List.of("d", "lr", "m", "seed"), List.copyOf(p.get(5).options().keySet()), "base, then axes");
        assertEquals(List.of("lr", "m", "seed"), List.copyOf(p.get(5).swept().keySet()));
    }

    @Test
    void zippedAxesAdvanceTogetherInTheirFirstAxisPlace() {
        List<SweepPoint> p = points("zip = [[\"lr\", \"steps\"]]\n[axes]\nlr = [0.5, 1, 2]\nm = [10, 20]\n"
                + "steps = [100, 200, 300]\n");
        assertEquals(List.of("lr=0.5_m=10_steps=100", "lr=0.5_m=20_steps=100", "lr=1_m=10_steps=200",
                "lr=1_m=20_steps=200", "lr=2_m=10_steps=300", "lr=2_m=20_steps=300"), names(p));
    }

    /** A zipped list may repeat a value: ALL19's learners pair one network with two kinds of trained layers. */
    @Test
    void aZippedListMayRepeatAValueThatItsGroupPairsDifferently() {
        List<SweepPoint> p = points("zip = [[\"lr\", \"steps\"]]\n[axes]\nlr = [0.5, 0.5, 1]\n"
                + "steps = [100, 200, 100]\n");
        assertEquals(List.of("lr=0.5_steps=100", "lr=0.5_steps=200", "lr=1_steps=100"), names(p));
    }

    @Test
    void aZipGroupCanPairAnAxisWrittenLater() {
        List<SweepPoint> p = points("zip = [[\"seed\", \"lr\"]]\n[axes]\nlr = [1, 2]\nm = [10, 20]\nseed = [7, 8]\n");
        assertEquals(List.of("lr=1_m=10_seed=7", "lr=1_m=20_seed=7", "lr=2_m=10_seed=8", "lr=2_m=20_seed=8"),
                names(p));
    }

    @Test
    void logRangesAreEvenlySpacedOnALogScaleAndRoundToWhatAPersonWrites() {
        List<SweepPoint> p = points("[axes]\ninit-scale = { from = 1e-3, to = 1, count = 4, log = true }\n");
        assertEquals(List.of("0.001", "0.01", "0.1", "1"), values(p, "init-scale"));
        RangeAxis a = assertInstanceOf(RangeAxis.class, SpecParser.parse("[axes]\nlr = { from = 1e-4, to = 1e-2,"
                + " count = 5, log = true }\n", "t.toml").axes().get(0));
        assertEquals(List.of("1e-4", "3.16227766017e-4", "0.001", "0.00316227766017", "0.01"), a.values());
        assertTrue(a.log());
        assertEquals(Math.sqrt(10), a.step(), 1e-12, "a log range's step is the ratio of neighbours");
        assertEquals(List.of("100", "1000", "10000"),
                values(points("[axes]\nn = { from = 100, to = 1e4, count = 3, log = true }\n"), "n"));
    }

    @Test
    void linearRangesIncludeBothEnds() {
        assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5"),
                values(points("[axes]\nlr = { from = 0.1, to = 0.5, step = 0.1 }\n"), "lr"));
        assertEquals(List.of("1", "1.25", "1.5", "1.75", "2"),
                values(points("[axes]\nkappa = { from = 1, to = 2, count = 5 }\n"), "kappa"));
        assertEquals(List.of("1", "1.5", "2", "2.5", "3", "3.5", "4"),
                values(points("[axes]\nkappa = { from = 1, to = 4, step = 0.5 }\n"), "kappa"));
        assertEquals(List.of("0", "0.1", "0.2"), values(points("[axes]\nnoise = { from = 0, to = 0.25, step = 0.1 }\n"
                + "[base]\nteacher = \"relu\"\n"), "noise"), "a step that passes the end stops before it");
        assertEquals(List.of("10", "13", "17", "20"),
                values(points("[axes]\nm = { from = 10, to = 20, count = 4 }\n"), "m"), "integers are rounded");
    }

    @Test
    void seedsAreAnIntegerRangeInEitherForm() {
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList();
        assertEquals(expected, values(points("[axes]\nseed = \"1..20\"\n"), "seed"));
        assertEquals(expected, values(points("[axes]\nseed = { from = 1, to = 20 }\n"), "seed"));
        List<SweepPoint> alias = points("[axes]\nseeds = \" 1 .. 20 \"\n");
        assertEquals(expected, values(alias, "seed"));
        assertEquals("seed=20", alias.get(19).name());
        assertEquals(List.of("-2", "-1", "0"), values(points("[axes]\nseed = \"-2..0\"\n"), "seed"));
    }

    @Test
    void equalValuesHaveOneCanonicalText() {
        List<SweepPoint> p = points("[base]\nm = 2e1\nsteps = 1e3\n[axes]\nlr = [0.50, 1.0, 1e-4, 2.5e-7, 1500.0]\n"
                + "n = [1.6e3, 3200.0]\n");
        assertEquals(List.of("lr=0.5_n=1600", "lr=0.5_n=3200", "lr=1_n=1600", "lr=1_n=3200", "lr=1e-4_n=1600",
                "lr=1e-4_n=3200", "lr=2.5e-7_n=1600", "lr=2.5e-7_n=3200", "lr=1500_n=1600", "lr=1500_n=3200"),
                names(p));
        assertEquals("20", p.get(0).options().get("m"));
        assertEquals("1000", p.get(0).options().get("steps"));
        assertEquals("0.5", Canonical.number(0.50));
        assertEquals("1", Canonical.number(1.0));
        assertEquals("0", Canonical.number(-0.0));
        assertEquals("-3", Canonical.number(-3));
        assertEquals("1e-4", Canonical.number(1e-4));
        assertEquals("0.001", Canonical.number(1e-3));
        assertEquals("20000", Canonical.number(2e4));
        assertEquals("1.5e20", Canonical.number(1.5e20));
        assertEquals("0.3", Canonical.number(Canonical.round(0.1 + 0.2)));
        assertEquals("0.30000000000000004", Canonical.number(0.1 + 0.2), "number alone keeps every digit");
    }

    @Test
    void aDerivedAxisMultipliesAnEarlierOptionAndRoundsIntegers() {
        List<SweepPoint> p = points("[base]\nd = 16\n[axes]\nm = { times = \"d\", values = [1, 1.5, 2, 3, 4] }\n"
                + "lr = { times = \"m\", values = [0.25, 0.5] }\n");
        assertEquals(List.of("16", "16", "24", "24", "32", "32", "48", "48", "64", "64"), values(p, "m"));
        assertEquals(List.of("4", "8", "6", "12", "8", "16", "12", "24", "16", "32"), values(p, "lr"));
        assertEquals("m=1.5d_lr=0.25m", p.get(2).name());
        assertEquals(Map.of("m", "1.5d", "lr", "0.25m"), p.get(2).swept());
        assertEquals(12, p.get(3).config(Path.of("x")).optimizer().lr());
        assertEquals(List.of("23"), values(points("[base]\nd = 15\n[axes]\nm = { times = \"d\", values = [1.5] }\n"),
                "m"), "22.5 rounds up");
        List<SweepPoint> overAxis = points("[axes]\nd = [10, 20]\nm = { times = \"d\", values = [2] }\n");
        assertEquals(List.of("20", "40"), values(overAxis, "m"));
        assertEquals("d=20_m=2d", overAxis.get(1).name());
    }

    @Test
    void namesAreUniqueSafeAndBoundedEvenForLongValues() {
        String longA = "data/" + "a".repeat(150), longB = "data/" + "a".repeat(149) + "b";
        List<SweepPoint> p = points("[axes]\ndata = [\"" + longA + "\", \"" + longB + "\", \"x y/z\"]\n"
                + "seed = \"1..3\"\n");
        Set<String> names = new HashSet<>();
        for (SweepPoint x : p) {
            assertTrue(x.name().length() <= Canonical.MAX_NAME, x.name());
            assertTrue(x.name().matches("[A-Za-z0-9.+=_-]+"), x.name());
            assertTrue(names.add(x.name()), "unique: " + x.name());
        }
        assertEquals(longA, p.get(0).options().get("data"), "the option keeps the value itself");
        assertTrue(p.get(0).name().matches("data=data-a{73}_[0-9a-f]{16}"), p.get(0).name());
        assertTrue(p.get(6).name().matches("data=x-y-z-[0-9a-f]{6}_seed=1"), p.get(6).name());
        assertEquals(names(p), names(points("[axes]\ndata = [\"" + longA + "\", \"" + longB + "\", \"x y/z\"]\n"
                + "seed = \"1..3\"\n")), "the same spec names the same folders");
    }

    @Test
    void aPointGivesItsCommandLineAndItsConfiguration() {
        SweepPoint p = points("[base]\nd = 8\northogonal = true\nsave-data = false\n[axes]\nm = [12]\n").get(0);
        assertEquals(List.of("--d", "8", "--orthogonal", "--m", "12"), p.arguments(), "a false flag is left out");
        RunConfig c = p.config(Path.of("runs/x"));
        assertEquals(8, c.data().d());
        assertEquals(12, c.student().m());
        assertTrue(c.teacher().orthogonal());
        assertEquals(Path.of("runs/x"), c.out());
    }

    @Test
    void thePointListIsMadeOnDemandAndRandomAccess() {
        List<SweepPoint> p = points("[axes]\nlr = [1, 2, 3]\nseed = \"1..1000\"\n");
        assertEquals(3000, p.size());
        assertEquals("lr=2_seed=1000", p.get(1999).name());
        assertEquals(p.get(1999), p.get(1999));
        assertThrows(IndexOutOfBoundsException.class, () -> p.get(3000));
    }

    @Test
    void metricsAndDescriptionAreRead() {
        SweepSpec s = SpecParser.parse("description = \"d\"\nmetrics = [\"seconds\", \"final-test-loss\"]\n"
                + "[axes]\nseed = [1]\n", "t.toml");
        assertEquals("d", s.description());
        assertEquals(List.of(Metric.SECONDS, Metric.FINAL_TEST_LOSS), s.metrics());
        SweepSpec all = SpecParser.parse("[axes]\nseed = [1]\n", "t.toml");
        assertEquals(List.of(Metric.values()), all.metrics(), "every metric by default");
        assertEquals("", all.description());
        assertEquals("t.toml", all.source());
    }

    @Test
    void misspeltNamesGetTheClosestKnownOne() {
        assertEquals(" (did you mean 'optimizer'?)", Suggest.didYouMean("optimiser", SpecOption.names()));
        assertEquals(" (did you mean 'steps'?)", Suggest.didYouMean("stesp", SpecOption.names()));
        assertEquals(" (did you mean 'test-n'?)", Suggest.didYouMean("test_n", SpecOption.names()));
        assertEquals("", Suggest.didYouMean("m_per_d", SpecOption.names()));
        assertEquals(1, Suggest.distance("ab", "ba"));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
    }
}
