package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.optim.LearningRateSchedule;
import org.relulab.training.student.TrainedLayers;

/** {@link All19Plan}: run lengths, the (η, λ) grid, the choice by held-out error, and the plans' run configurations. */
class All19PlanTest {
    @Test
    void stepsAreTheMinimumOrTheEpochsWhicheverIsMore() {
        All19Plan plan = new All19Plan(new int[] {500, 20_000, 40_000}, new int[] {1}, new int[] {100},
                new double[] {1}, new double[] {0},
                8_000, 20, 100, 8, 8, LearningRateSchedule.CONSTANT);
        assertEquals(8_000, plan.steps(500));
        assertEquals(8_000, plan.steps(20_000));   // 20 epochs of 400 batches
        assertEquals(16_000, plan.steps(40_000));
        assertEquals(8_000, All19Plan.full().steps(20_000));
    }

    @Test
    void gridPointsAreLearningRateMajor() {
        All19Plan plan = new All19Plan(new int[] {500}, new int[] {1}, new int[] {100}, new double[] {0.25, 2},
                new double[] {0, 1e-4, 1e-3},
                10, 1, 100, 8, 8, LearningRateSchedule.CONSTANT);
        assertEquals(6, plan.gridPoints());
        assertEquals(0.25, plan.lr(2));
        assertEquals(1e-3, plan.weightDecay(2));
        assertEquals(2, plan.lr(3));
        assertEquals(0, plan.weightDecay(3));
        assertEquals("η ∈ {0.25, 2} × λ ∈ {0, 1e-4, 1e-3}", plan.describeGrid());
    }

    @Test
    void rankingIsByFiniteHeldOutErrorFirstOfEqualsFirst() {
        assertArrayEquals(new int[] {2, 1, 0, 3}, All19Plan.ranking(new double[] {3, 2, 1, 5}));
        assertArrayEquals(new int[] {1, 2},
                All19Plan.ranking(new double[] {Double.NaN, 2, 2, Double.POSITIVE_INFINITY}));
        assertArrayEquals(new int[0], All19Plan.ranking(new double[] {Double.NaN, Double.NaN}));
        assertArrayEquals(new int[0], All19Plan.ranking(new double[0]));
        assertArrayEquals(new int[] {2, 0, 4, 1}, All19Plan.ranking(new double[] {3, 5, 1, Double.NaN, 3}));
    }

    @Test
    void heldOutErrorIsTheMeanOverTuningSeedsOrNaNWhenOneDiverged() {
        assertEquals(2, All19Plan.heldOut(new double[] {1, 3}));
        assertTrue(Double.isNaN(All19Plan.heldOut(new double[] {1, Double.NaN})));
        assertTrue(Double.isNaN(All19Plan.heldOut(new double[] {Double.POSITIVE_INFINITY, 1})));
        assertTrue(Double.isNaN(All19Plan.heldOut(new double[0])));
    }

    @Test
    void numbersAreShort() {
        assertEquals("0", All19Plan.number(0));
        assertEquals("0.25", All19Plan.number(0.25));
        assertEquals("2", All19Plan.number(2));
        assertEquals("1e-4", All19Plan.number(1e-4));
        assertEquals("1e-3", All19Plan.number(0.001));
    }

    @Test
    void refusesPlansThatCannotRun() {
        assertEquals("all19 plan: N = [500, 500]: expected increasing sizes of at least 50",
                assertThrows(IllegalArgumentException.class,
                        () -> new All19Plan(new int[] {500, 500}, new int[] {1}, new int[] {100},
                                new double[] {1}, new double[] {0}, 10, 1, 100, 8, 8, LearningRateSchedule.CONSTANT))
                        .getMessage());
        assertEquals("all19 plan: seeds [1, 100] and tuning seeds [100]: expected all distinct",
                assertThrows(IllegalArgumentException.class,
                        () -> new All19Plan(new int[] {500}, new int[] {1, 100}, new int[] {100},
                                new double[] {1}, new double[] {0}, 10, 1, 100, 8, 8, LearningRateSchedule.CONSTANT))
                        .getMessage());
        assertEquals("all19 plan: lr 2.0, weight decay 0.5: expected lr > 0, λ ≥ 0, lr·λ < 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new All19Plan(new int[] {500}, new int[] {1}, new int[] {100},
                                new double[] {2}, new double[] {0.5}, 10, 1, 100, 8, 8, LearningRateSchedule.CONSTANT))
                        .getMessage());
    }

    @Test
    void everyJobOfBothPlansIsAValidRunOfItsLearner() {
        for (All19Plan plan : new All19Plan[] {All19Plan.full(), All19Plan.quick()}) {
            for (All19Learner learner : All19Learner.values()) {
                for (int j = 0; j < plan.ns().length; j++) {
                    for (int p = 0; p < plan.gridPoints(); p++) {
                        var job = new All19Experiment.Job(learner, j, p, plan.tuningSeeds()[0], "x");
                        RunConfig cfg = All19Experiment.config(plan, job, Path.of("unused"));
                        assertEquals(learner.network, cfg.student().network());
                        assertEquals(learner.trained, cfg.student().trained());
                        assertEquals(learner.threeLayers() ? plan.width3() : plan.width2(), cfg.student().m());
                        assertEquals(cfg.student().m(), cfg.student().m2());
                        assertEquals(plan.ns()[j], cfg.data().n());
                        assertEquals(All19Plan.BATCH, cfg.optimizer().batch());
                        assertEquals(TeacherKind.FIG1, cfg.teacher().kind());
                        assertEquals(1, cfg.threads());
                        assertEquals(plan.lr(p), cfg.optimizer().lr());
                        assertEquals(plan.weightDecay(p), cfg.optimizer().weightDecay());
                        assertEquals(LearningRateSchedule.COSINE, cfg.optimizer().schedule());
                    }
                }
            }
        }
    }

    @Test
    void learnersAreThePapersSix() {
        assertEquals(6, All19Learner.values().length);
        assertEquals(TrainedLayers.LAST, All19Learner.TWO_LAYER_LAST.trained);
        assertEquals("ntk-3", All19Learner.THREE_LAYER_NTK.network.key());
        assertTrue(All19Learner.THREE_LAYER_LAST.threeLayers());
        assertTrue(!All19Learner.TWO_LAYER_NTK.threeLayers());
    }
}
