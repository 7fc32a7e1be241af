package org.relulab.training.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.data.InputDistribution;

/**
 * ALL19's targets: the Fig. 1 function and the two- and three-layer concept classes at points computed by
 * hand (expected values from the formulas, evaluated separately in Python), labels deterministic per seed,
 * and inputs on the unit sphere.
 */
class All19TeachersTest {
    private static final double EPS = 1e-12;

    @Test
    void fig1TargetAtHandComputedPoints() {
        try (Workspace ws = Workspace.shared()) {
            All19Fig1Teacher t = new All19Fig1Teacher(ws);
            assertEquals(4, t.inputDim());
            assertEquals(4.0, t.value(new double[] {0, 0, 0, 0}), EPS);                     // (−2)²·cos 0
            assertEquals(3.4554348244353483, t.value(new double[] {1, 0, 0, 0}), EPS);      // (sin 3 − 2)²
            assertEquals(3.0156090173732184, t.value(new double[] {0, 0, 0, 1}), EPS);      // 4·cos 7
            assertEquals(-0.9224345551802392, t.value(new double[] {.5, .5, .5, .5}), EPS); // (3 sin 1.5 − 2)²·cos 3.5
            assertEquals(-8.414041042690824, t.value(new double[] {-.5, .5, -.5, .5}), EPS); // (−sin 1.5 − 2)²·cos 3.5
            assertEquals(0.8166620942752594, t.value(new double[] {.6, 0, 0, .8}), EPS);    // (sin 1.8 − 2)²·cos 5.6
        }
    }

    @Test
    void twoLayerConceptAtHandComputedPoints() {
        try (Workspace ws = Workspace.shared()) {
            // f*(x) = 0.5·sin(x₁)·x₂ − exp(0.6x₂ + 0.8x₃)·x₃
            TwoLayerConceptTeacher t = new TwoLayerConceptTeacher(ws, new double[] {0.5, -1},
                    new double[][] {{1, 0, 0}, {0, .6, .8}}, new double[][] {{0, 1, 0}, {0, 0, 1}},
                    new SmoothFunction[] {SmoothFunction.SIN, SmoothFunction.EXP});
            assertEquals(0.22585698935801415, t.value(new double[] {.6, .8, 0}), EPS); // 0.4·sin 0.6
            assertEquals(-2.1746254627672363, t.value(new double[] {0, .6, .8}), EPS); // −0.8·e
            assertEquals(3, t.inputDim());
            assertEquals(0.6f, t.weights().get(1, 1));
        }
    }

    @Test
    void threeLayerConceptAtAHandComputedPoint() {
        try (Workspace ws = Workspace.shared()) {
            // s1 = (x₁², 0.6x₁² + 0.8x₂³), s2 = (exp(0.6x₁ + 0.8x₂), sin x₁); f* = sin(s1₁)·s2₁ − 0.5·s1₂²·s2₂
            var first = new ThreeLayerConceptTeacher.InnerSums(new double[][] {{1, 0}, {.6, .8}},
                    new double[][] {{1, 0}, {0, 1}}, new SmoothFunction[] {SmoothFunction.SQUARE, SmoothFunction.CUBE});
            var second = new ThreeLayerConceptTeacher.InnerSums(new double[][] {{1, 0}, {0, 1}},
                    new double[][] {{.6, .8}, {1, 0}}, new SmoothFunction[] {SmoothFunction.EXP, SmoothFunction.SIN});
            ThreeLayerConceptTeacher t = new ThreeLayerConceptTeacher(ws, new double[] {1, -0.5},
                    new SmoothFunction[] {SmoothFunction.SIN, SmoothFunction.SQUARE}, first, second);
            // x = (0.6, 0.8): s1 = (0.36, 0.6256), s2 = (e, sin 0.6)
            assertEquals(0.8470870712978834, t.value(new double[] {.6, .8}), EPS);
        }
    }

    @Test
    void badShapesAreRefusedWithTheOffendingValue() {
        try (Workspace ws = Workspace.shared()) {
            var e = assertThrows(IllegalArgumentException.class, () -> new TwoLayerConceptTeacher(ws, new double[] {1},
                    new double[][] {{1, 0}}, new double[][] {{1, 0, 0}}, new SmoothFunction[] {SmoothFunction.SIN}));
            assertEquals("w2[0] has length 3: expected 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ThreeLayerConceptTeacher.random(ws, 3, 0, 1));
            assertEquals("d = 3, p = 0: expected both at least 1", e.getMessage());
        }
    }

    @Test
    void labelsAreDeterministicPerSeedOnTheSphere() {
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
            int d = 6, p = 4, n = 300;
            LongFunction<Teacher> two = seed -> TwoLayerConceptTeacher.random(ws, d, p, seed);
            LongFunction<Teacher> three = seed -> ThreeLayerConceptTeacher.random(ws, d, p, seed);
            LongFunction<Teacher> fig1 = seed -> new All19Fig1Teacher(ws);
            for (LongFunction<Teacher> teacher : Arrays.<LongFunction<Teacher>>asList(two, three, fig1)) {
                Dataset a = Dataset.generate(ws, k, teacher.apply(7), n, 11, InputDistribution.SPHERE);
                Dataset b = Dataset.generate(ws, k, teacher.apply(7), n, 11, InputDistribution.SPHERE);
                Dataset otherTeacher = Dataset.generate(ws, k, teacher.apply(8), n, 11, InputDistribution.SPHERE);
                Dataset otherData = Dataset.generate(ws, k, teacher.apply(7), n, 12, InputDistribution.SPHERE);
                String what = teacher.apply(7).describe();
                assertArrayEquals(a.x().toArray(), b.x().toArray(), what);
                assertArrayEquals(a.y().toArray(), b.y().toArray(), what);
                assertFalse(Arrays.equals(a.x().toArray(), otherData.x().toArray()),
                        what + ": another data seed, other inputs");
                if (teacher != fig1) {
                    assertFalse(Arrays.equals(a.y().toArray(), otherTeacher.y().toArray()),
                            what + ": another instance, other labels");
                }
                for (int j = 0; j < n; j++) {
                    double norm2 = 0;
                    for (int i = 0; i < a.dim(); i++) norm2 += a.x().get(j, i) * a.x().get(j, i);
                    assertEquals(1, norm2, 1e-6, what + ": ‖x_" + j + "‖²");
                    assertTrue(Float.isFinite(a.y().get(j, 0)), what);
                }
            }
            assertTrue(TwoLayerConceptTeacher.random(ws, d, p, 7).describe().startsWith("ALL19 two-layer concept"));
        }
    }
}
