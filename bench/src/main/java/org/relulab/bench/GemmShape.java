package org.relulab.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The GEMM shapes relulab benchmarks, as C = op(A)·op(B) with op(A) m × k and op(B) k × n. The last three
 * are the products of one training step of f(x) = aᵀReLU(Wx) at n = 4096 samples, d = 128 inputs and
 * m = 1024 hidden units. Any benchmark of a GEMM (relulab's, or a peer library's) takes its shapes from here.
 */
public enum GemmShape {
    SQ64(64, 64, 64, false, false),
    SQ128(128, 128, 128, false, false),
    SQ256(256, 256, 256, false, false),
    SQ512(512, 512, 512, false, false),
    SQ1024(1024, 1024, 1024, false, false),
    SQ2048(2048, 2048, 2048, false, false),
    /** Forward pass: X(4096×128)·Wᵀ, W stored 1024×128; C is 4096×1024. */
    FWD(4096, 1024, 128, false, true),
    /** Gradient of W: Gᵀ·X, G stored 4096×1024, X 4096×128; C is 1024×128. */
    GTX(1024, 128, 4096, true, false),
    /** Gradient of X: G·W, G 4096×1024, W 1024×128; C is 4096×128. */
    GW(4096, 128, 1024, false, false),
    /** Skinny: X(4096×32)·W(32×256), the forward product of a small-d sweep. */
    SKINNY(4096, 256, 32, false, false);

    public final int m, n, k;
    public final boolean transA, transB;

    GemmShape(int m, int n, int k, boolean transA, boolean transB) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.transA = transA;
        this.transB = transB;
    }

    /** The name used in {@code @Param} and in tables: {@code sq256}, {@code fwd}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shape whose {@link #key()} is {@code key}. */
    public static GemmShape of(String key) {
        for (GemmShape s : values()) {
            if (s.key().equals(key)) return s;
        }
        throw new IllegalArgumentException("GEMM shape '" + key + "': expected one of "
                + Arrays.stream(values()).map(GemmShape::key).toList());
    }

    /** Rows of A as stored (k when A is used transposed). */
    public int aRows() { return transA ? k : m; }

    public int aCols() { return transA ? m : k; }

    /** Rows of B as stored (n when B is used transposed). */
    public int bRows() { return transB ? n : k; }

    public int bCols() { return transB ? k : n; }

    /** Floating-point operations of one product, 2·m·n·k, in units of 10⁹. */
    public double gflop() {
        return 2.0 * m * n * k / 1e9;
    }

    @Override
    public String toString() {
        return key() + " (" + m + "x" + k + (transA ? " from Aᵀ" : "") + " · " + k + "x" + n
                + (transB ? " from Bᵀ" : "") + ")";
    }
}
