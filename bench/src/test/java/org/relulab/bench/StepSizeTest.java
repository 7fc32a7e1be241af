package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepSizeTest {
    @Test
    void oneDimensionVariedAroundTheBase() {
        assertEquals(new StepSize('d', 64, 128, 10240), StepSize.parse("d64"));
        assertEquals(new StepSize('m', 32, 512, 10240), StepSize.parse("m512"));
        assertEquals(new StepSize('n', 32, 128, 2560), StepSize.parse("n2560"));
        assertEquals(2560, StepSize.parse("n2560").value());
        assertEquals(10240, StepSize.parse("n2560").baseValue());
        assertEquals(4.0 * 2560 * 128 * 32, StepSize.parse("n2560").flops());
    }

    @Test
    void sweepsPowersOfTwoAroundTheBase() {
        assertArrayEquals(new String[] {"d16", "d32", "d64", "m64", "m128", "m256", "n5120", "n10240", "n20480"},
                StepSize.sweep(1));
        assertEquals(21, StepSize.sweep(3).length);
    }

    @Test
    void badNamesAreRefused() {
        for (String bad : new String[] {"", "d", "x32", "d0", "dd", "m-4"}) {
            assertEquals("step size '" + bad + "': expected d, m or n and a whole number from 1 to 1e7, e.g. d64",
                    assertThrows(IllegalArgumentException.class, () -> StepSize.parse(bad)).getMessage());
        }
    }
}
