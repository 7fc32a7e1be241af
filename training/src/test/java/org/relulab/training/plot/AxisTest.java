package org.relulab.training.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Axis}: round ticks, 10ⁿ labels, minor ticks, the margin. */
class AxisTest {
    private static List<String> labels(Axis a) {
        return a.ticks().stream().filter(Axis.Tick::major).map(Axis.Tick::label).toList();
    }

    @Test
    void aLogAxisLabelsPowersOfTenAndHasMinorTicks() {
        Axis a = Axis.log(3e-4, 0.2);
        assertEquals(List.of("10⁻³", "10⁻²", "10⁻¹"), labels(a));
        assertEquals(List.of(3e-4, 4e-4, 5e-4), a.ticks().subList(0, 3).stream().map(Axis.Tick::value).toList(),
                "minor ticks at 2..9 × 10ⁿ");
        assertTrue(a.fraction(3e-4) > 0 && a.fraction(0.2) < 1, "a margin beyond the data");
        assertEquals("x (log scale)", a.label("x"));
        assertEquals("s (log scale)", a.label("s (log scale)"), "not said twice");
    }

    @Test
    void aNarrowLogAxisLabelsTwoAndFiveInPlainNumbers() {
        assertEquals(List.of("8", "10", "20", "30"), labels(Axis.log(8, 32)),
                "short of three of 1, 2, 5: each digit not crowding another (9 would crowd 10)");
        assertEquals(List.of("2", "3", "4"), labels(Axis.log(2, 4)), "short of three labels: every digit");
        assertEquals(List.of("0.01", "0.02", "0.03", "0.04"), labels(Axis.log(0.0088, 0.045)),
                "0.009 would crowd 0.01");
    }

    @Test
    void aLogAxisOfTwoDecadesLabelsOneTwoAndFive() {
        assertEquals(List.of("1", "2", "5", "10"), labels(Axis.log(1, 16)), "10⁰ and 10¹ alone say too little");
    }

    @Test
    void aWideLogAxisLabelsEverySecondDecadeWithoutMinorTicks() {
        Axis a = Axis.log(1e-12, 1);
        assertEquals(List.of("10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰"), labels(a));
        assertEquals(13, a.ticks().size(), "no minor ticks");
    }

    @Test
    void aLinearAxisStepsByOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(List.of("0", "5000", "10000", "15000", "20000"), labels(Axis.linear(0, 20000)));
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), labels(Axis.unit()));
        assertEquals(List.of("1", "2", "3", "4"), labels(Axis.linear(1, 4)));
        Axis a = Axis.linear(0, 20000);
        assertTrue(a.fraction(0) > 0 && a.fraction(20000) < 1, "a margin: a curve on a limit stays visible");
        assertEquals("step", a.label("step"), "a linear axis says nothing of its scale");
    }

    @Test
    void powersAndPlainNumbers() {
        assertEquals("10⁻¹²", Axis.power(-12));
        assertEquals("10³", Axis.power(3));
        assertEquals("0.003", Axis.plain(0.003));
        assertEquals("2e+06", Axis.plain(2e6));
        assertEquals("0.5", Axis.plain(0.5));
    }
}
