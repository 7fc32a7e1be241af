package org.relulab.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link All19Table}: medians over seeds (failed runs apart) and the Markdown tables. */
class All19TableTest {
    @Test
    void cellsAverageTheFiniteErrorsAndCountTheOthers() {
        All19Table.Cell c = All19Table.Cell.of(new double[] {6, 1, 2});
        assertEquals(2, c.median());
        assertEquals(1, c.min());
        assertEquals(6, c.max());
        assertEquals("2 (1–6)", c.text());
        assertEquals(2.5, All19Table.Cell.of(new double[] {4, 1, 2, 3}).median());
        assertEquals("2.5 (1 failed)", All19Table.Cell.of(new double[] {2.5, Double.NaN}).text());
        assertEquals("failed", All19Table.Cell.of(new double[] {Double.NaN}).text());
        assertEquals("—", All19Table.Cell.of(new double[0]).text());
        assertEquals("0.274", All19Table.Cell.of(new double[] {0.27412}).text());
    }

    @Test
    void valuesHaveThreeSignificantDigits() {
        assertEquals("28.5", All19Table.value(28.49));
        assertEquals("0.0312", All19Table.value(0.031249));
        assertEquals("1230", All19Table.value(1234.5));
        assertEquals("30", All19Table.value(30.0));
        assertEquals("NaN", All19Table.value(Double.NaN));
    }

    @Test
    void tablesHaveALearnerPerRowAndAnNPerColumn() {
        List<All19Learner> learners = List.of(All19Learner.THREE_LAYER, All19Learner.TWO_LAYER_NTK);
        All19Table.Cell[][] cells = {
                {All19Table.Cell.of(new double[] {1, 3}), All19Table.Cell.of(new double[] {0.5})},
                {All19Table.Cell.of(new double[] {Double.NaN}), All19Table.Cell.of(new double[] {12})}};
        assertEquals("""
                | learner | N = 500 | N = 20 000 |
                |---|---:|---:|
                | 3-layer | 2 (1–3) | 0.5 |
                | 2-layer (NTK) | failed | 12 |
                """, All19Table.errors(learners, new int[] {500, 20_000}, cells));
        Map<All19Tuning.Group, All19Tuning.Point> chosen = Map.of(
                new All19Tuning.Group(All19Learner.THREE_LAYER, 500), new All19Tuning.Point(2, 1e-4),
                new All19Tuning.Group(All19Learner.THREE_LAYER, 20_000), new All19Tuning.Point(0.5, 0),
                new All19Tuning.Group(All19Learner.TWO_LAYER_NTK, 20_000), new All19Tuning.Point(0.5, 1e-4));
        assertEquals("""
                | learner: η, λ | N = 500 | N = 20 000 |
                |---|---:|---:|
                | 3-layer | 2, 1e-4 | 0.5, 0 |
                | 2-layer (NTK) | none finite | 0.5, 1e-4 |
                """, All19Table.choices(learners, new int[] {500, 20_000}, chosen));
    }
}
