package org.relulab.bench;

import java.util.Locale;
import org.relulab.core.Provider;

/** The {@code provider} benchmark parameter: {@code simd} or {@code scalar}. */
final class ProviderParam {
    private ProviderParam() {}

    static Provider parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "simd" -> Provider.SIMD;
            case "scalar" -> Provider.SCALAR;
            default -> throw new IllegalArgumentException("provider '" + value + "': expected simd or scalar");
        };
    }
}
