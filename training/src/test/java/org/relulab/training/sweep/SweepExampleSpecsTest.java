package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.student.OutputLayer;

/** The example specs parse, expand to the grid their comments describe, and every run's configuration builds. */
class SweepExampleSpecsTest {
    @Test
    void theTestExampleUsesEveryAxisForm() throws URISyntaxException {
        Path file = Path.of(SweepExampleSpecsTest.class.getResource("/sweep/example.toml").toURI());
        SweepSpec spec = SpecParser.parse(file);
        assertEquals(List.of(ListAxis.class, DerivedAxis.class, ListAxis.class, RangeAxis.class, RangeAxis.class,
                RangeAxis.class), spec.axes().stream().map(Object::getClass).toList());
        assertEquals(List.of(List.of("lr", "steps")), spec.zip());
        List<SweepPoint> points = spec.points(false);
        assertEquals(144, points.size());
        assertEquals("activation=abs_m=1d_lr=0.5_init-scale=0.001_steps=1000_seed=1", points.get(0).name());
        assertEquals("activation=relu_m=2.5d_lr=2_init-scale=1_steps=4000_seed=3", points.get(143).name());
        assertEquals(List.of("d", "n", "orthogonal", "kappa", "activation", "m", "lr", "init-scale", "steps", "seed"),
                List.copyOf(points.get(0).options().keySet()));
        assertEquals("2000", points.get(0).options().get("n"));
        assertEquals("2", points.get(0).options().get("kappa"));
        assertEquals("20", points.get(143).options().get("m"));
        assertUniqueAndBuildable(points);
    }

    @Test
    void theLmz20PlateauSweepIsTheGridItsCommentsDescribe() {
        SweepSpec spec = SpecParser.parse(Path.of("../sweeps/lmz20-plateau.toml"));
        List<SweepPoint> points = spec.points(false);
        assertEquals(5 * 3 * 10, points.size());
        Set<String> ms = new TreeSet<>(), seeds = new TreeSet<>();
        for (SweepPoint p : points) {
            RunConfig c = p.config(Path.of("x"));
            assertEquals(TeacherKind.ABS, c.teacher().kind());
            assertEquals(Activation.ABS, c.student().activation());
            assertEquals(OutputLayer.TIED, c.student().output());
            assertEquals(OptimizerKind.GD, c.optimizer().kind());
            assertEquals(16, c.data().d());
            int m = c.student().m();
            ms.add(Integer.toString(m));
            seeds.add(Long.toString(c.seed()));
            double lrOverM = c.optimizer().lr() / m;
            assertTrue(lrOverM == 0.25 || lrOverM == 0.5 || lrOverM == 1, p.name() + ": lr/m " + lrOverM);
        }
        assertEquals(new TreeSet<>(List.of("16", "24", "32", "48", "64")), ms);
        assertEquals(10, seeds.size());
        assertEquals("m=1d_lr=0.25m_seed=1", points.get(0).name());
        assertEquals(RunConfig.defaultLr(points.get(10).config(Path.of("x")).student().network(), OptimizerKind.GD,
                OutputLayer.TIED, 16), points.get(10).config(Path.of("x")).optimizer().lr(), "lr = m/2 is the default");
        assertEquals("m=1d_lr=0.5m_seed=1", points.get(10).name());
        assertUniqueAndBuildable(points);
    }

    private static void assertUniqueAndBuildable(List<SweepPoint> points) {
        Set<String> names = new HashSet<>();
        for (SweepPoint p : points) {
            assertTrue(names.add(p.name()), "unique: " + p.name());
            p.config(Path.of(p.name()));
        }
    }
}
