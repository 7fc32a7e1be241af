package org.relulab.core;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The three kernel sets a numerics test compares, opened before its class and closed after it (one thread each):
 * {@code kernels}, the provider under test in this Surefire run ({@link TestMatrices#underTest}), and the SIMD
 * provider and its scalar twin, which the bit-identity checks hold against each other.
 */
abstract class ProvidersUnderTest {
    static Kernels kernels, simd, scalar;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(1);
        simd = Kernels.create(Provider.SIMD, 1);
        scalar = Kernels.create(Provider.SCALAR, 1);
    }

    @AfterAll
    static void close() {
        kernels.close();
        simd.close();
        scalar.close();
    }
}
