package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProviderTest {
    /** Surefire sets relulab.expectKernels for each of its two runs: this fails if the run got the other one. */
    @Test
    void theRunGotTheProviderItAskedFor() {
        String expected = System.getProperty("relulab.expectKernels");
        if (expected == null) return; // run from an IDE without the property
        assertEquals(expected.toUpperCase(), Provider.lookup().name(), "provider of this Surefire run");
        try (Kernels k = Kernels.create()) {
            assertEquals(Provider.lookup(), k.provider());
        }
    }

    @Test
    void simdIsAvailableInTheseTests() {
        // Surefire adds --add-modules jdk.incubator.vector, so both twins are testable in both runs.
        assertEquals(null, Provider.simdUnavailableReason());
        assertTrue(SimdKernelSupport.vectorBits() >= 128);
    }

    @Test
    void badPropertyValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Provider.decide("fast"));
        assertTrue(e.getMessage().contains("fast") && e.getMessage().contains("scalar, simd or auto"), e.getMessage());
    }

    @Test
    void describeNamesProviderAndThreads() {
        try (Kernels k = Kernels.create(Provider.SCALAR, 3)) {
            assertEquals("scalar (plain Java), 3 threads", k.describe());
        }
        try (Kernels k = Kernels.create(Provider.SIMD, 1)) {
            assertTrue(k.describe().startsWith("simd (FloatVector "), k.describe());
        }
    }
}
