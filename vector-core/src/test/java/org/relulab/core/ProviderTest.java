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

    @Test
    void registerTileFollowsTheIsasVectorRegisters() {
        assertEquals(16, SimdMicroKernel.vectorRegisters("amd64", 256), "AVX2");
        assertEquals(16, SimdMicroKernel.vectorRegisters("amd64", 128), "SSE");
        assertEquals(32, SimdMicroKernel.vectorRegisters("amd64", 512), "AVX-512");
        assertEquals(32, SimdMicroKernel.vectorRegisters("aarch64", 128), "NEON");
        // This run's tile: MR rows, NV vectors of the preferred species per row.
        assertEquals(SimdMicroKernel.NV * SimdKernelSupport.LANES, SimdMicroKernel.NR);
        assertEquals(SimdMicroKernel.VECTOR_REGISTERS >= 32 ? 2 : 1, SimdMicroKernel.NV);
        assertEquals(0, SimdGemm.MC % SimdMicroKernel.MR, "MC is a multiple of MR");
        assertEquals(0, SimdGemm.NC % SimdMicroKernel.NR, "NC is a multiple of NR");
    }
}
