package org.relulab.training.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells of a sweep's tables, the statistics of its summary and their Markdown numbers. */
class CollectCsvTest {
    @Test
    void cellsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("abs", Csv.quote("abs"));
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\" x\"", Csv.quote(" x"));
        assertEquals(List.of("a,b", "say \"hi\"", "", "x"), Csv.split("\"a,b\",\"say \"\"hi\"\"\",,x"));
        assertNull(Csv.split("\"open"));
    }

    @Test
    void numbersReadBackExactlyAndNonFiniteOnesAsPythonWritesThem() {
        assertEquals("", Csv.number(null));
        assertEquals("nan", Csv.number(Double.NaN));
        assertEquals("inf", Csv.number(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Csv.number(Double.NEGATIVE_INFINITY));
        assertEquals("20", Csv.number(20.0));
        assertEquals("1e-4", Csv.number(1e-4));
        assertEquals("0.1", Csv.number(0.1));
        double x = 0.012345678912345678;
        assertEquals(x, Double.parseDouble(Csv.number(x)));
    }

    @Test
    void statisticsAreMeanMedianMinMax() {
        assertArrayEquals(new double[] {2, 2, 1, 3}, SeedSummary.stats(new double[] {3, 1, 2}));
        assertArrayEquals(new double[] {2.5, 2.5, 1, 4}, SeedSummary.stats(new double[] {4, 1, 3, 2}),
                "the median of an even count is the mean of the middle two");
        assertArrayEquals(new double[] {7, 7, 7, 7}, SeedSummary.stats(new double[] {7}));
        assertNull(SeedSummary.stats(new double[0]));
    }

    @Test
    void markdownNumbersHaveFourSignificantDigits() {
        assertEquals("0.01235", SeedSummary.fourDigits(0.0123456));
        assertEquals("1.235e-5", SeedSummary.fourDigits(1.23456e-5));
        assertEquals("20", SeedSummary.fourDigits(20.0004));
        assertEquals("1235000", SeedSummary.fourDigits(1234567), "whole numbers in full");
        assertEquals("0", SeedSummary.fourDigits(0));
        assertEquals("inf", SeedSummary.fourDigits(Double.POSITIVE_INFINITY));
    }
}
