package org.relulab.core;

/** The elementwise activations of relulab's networks and the derivative each one's backward uses. */
public enum Activation {
    /** σ(z) = z; backward multiplies by 1. */
    IDENTITY,
    /** σ(z) = max(z, 0); backward multiplies by the mask 1{z > 0}. */
    RELU,
    /** σ(z) = |z|; backward multiplies by sign(z) (0 at 0). */
    ABS;

    /**
     * The activation of one value, as both providers compute it (NaN stays NaN).
     *
     * @param z the pre-activation
     * @return σ(z): z, max(z, 0) or |z|
     */
    public float apply(float z) {
        return switch (this) {
            case IDENTITY -> z;
            case RELU -> Math.max(z, 0f);
            case ABS -> Math.abs(z);
        };
    }

    /**
     * dσ/dz at {@code z}: 1, the 0/1 mask or the sign (NaN for NaN, except IDENTITY).
     *
     * @param z the pre-activation (not σ(z)), as the backward kernels receive it
     * @return 1 for IDENTITY, 1{z &gt; 0} for RELU, sign(z) for ABS; 0 at z = 0 for RELU and ABS
     */
    public float derivative(float z) {
        return switch (this) {
            case IDENTITY -> 1f;
            case RELU -> z > 0f ? 1f : (z != z ? Float.NaN : 0f);
            case ABS -> Math.signum(z);
        };
    }
}
