package org.relulab.core;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Which implementation of the kernels runs: the SIMD one on the JDK Vector API, or its plain-Java twin.
 * {@link #lookup()} decides once per JVM, from {@code -Drelulab.kernels=auto|simd|scalar} (default auto).
 */
public enum Provider {
    /** The plain-Java kernels: they run on any JVM, with no module flag; auto's fallback. */
    SCALAR,
    /**
     * The kernels on the JDK Vector API: they need the module {@code jdk.incubator.vector} (the JVM flag
     * {@code --add-modules jdk.incubator.vector}) and preferred vectors of at least 128 bits.
     */
    SIMD;

    /** System property that forces a provider: {@code scalar}, {@code simd} or {@code auto}. */
    public static final String PROPERTY = "relulab.kernels";
    private static final System.Logger LOG = System.getLogger("org.relulab.core");
    private static volatile Provider chosen;

    /**
     * The provider chosen for this JVM (decided on first call and logged).
     *
     * @return the same provider on every call: the one {@link #PROPERTY} asks for, or under {@code auto} SIMD
     *     when it can run here and SCALAR otherwise (with a warning naming what is missing)
     * @throws IllegalStateException when the property forces {@code simd} but the SIMD kernels cannot run
     * @throws IllegalArgumentException when the property is not {@code scalar}, {@code simd} or {@code auto}
     */
    public static Provider lookup() {
        Provider p = chosen;
        if (p == null) {
            synchronized (Provider.class) {
                if (chosen == null) chosen = decide(System.getProperty(PROPERTY, "auto"));
                p = chosen;
            }
        }
        return p;
    }

    static Provider decide(String requested) {
        String why = simdUnavailableReason();
        switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "scalar" -> {
                LOG.log(Level.DEBUG, "relulab kernels: scalar (forced by -D" + PROPERTY + "=scalar)");
                return SCALAR;
            }
            case "simd" -> {
                if (why != null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=simd but the SIMD kernels cannot run: " + why);
                }
                LOG.log(Level.DEBUG, "relulab kernels: simd (forced), " + SimdKernelSupport.describe());
                return SIMD;
            }
            case "auto", "" -> {
                if (why != null) {
                    LOG.log(Level.WARNING, "relulab kernels: scalar, because " + why);
                    return SCALAR;
                }
                LOG.log(Level.DEBUG, "relulab kernels: simd, " + SimdKernelSupport.describe());
                return SIMD;
            }
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + requested + ": expected scalar, simd or auto");
        }
    }

    /** Null when the SIMD kernels can run here; otherwise what is missing, naming the flag to add. */
    static String simdUnavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "the module jdk.incubator.vector is not loaded (add the JVM flag --add-modules "
                    + "jdk.incubator.vector)";
        }
        // Only now is it safe to touch Vector API classes.
        int bits = SimdKernelSupport.vectorBits();
        if (bits < 128) return "the preferred vector size is " + bits + " bits (expected at least 128)";
        return null;
    }

    /**
     * One line naming the provider and, for SIMD, the vector species.
     *
     * @return {@code "scalar (plain Java)"}, or for SIMD the vector width, lane count and GEMM tile in parentheses
     */
    public String describe() {
        return this == SIMD ? "simd (" + SimdKernelSupport.describe() + ")" : "scalar (plain Java)";
    }
}
