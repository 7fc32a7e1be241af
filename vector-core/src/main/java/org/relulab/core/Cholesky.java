package org.relulab.core;

import static org.relulab.core.Matrix.F32;

import java.lang.foreign.MemorySegment;

/**
 * A blocked left-looking Cholesky factorization A = L·Lᵀ, in place on the lower triangle (diagonal
 * included) of a row-major n × n float matrix; the strict upper triangle is never read or written. For each
 * block column j of width b:
 * <ol>
 *   <li>update it with the finished columns: A[j:n, j:j+b] −= L[j:n, 0:j]·L[j:j+b, 0:j]ᵀ (GEMM, k = j, so
 *       most of the n³/3 flops run in long GEMMs; the diagonal block's product goes to scratch and only its
 *       lower triangle is subtracted, so the upper triangle stays untouched);
 *   <li>factor the diagonal block in double, which is where a non-positive pivot shows;
 *   <li>solve the panel: A[j+b:n, j:j+b] ← A[j+b:n, j:j+b]·L_jj⁻ᵀ, as a GEMM with the inverse of L_jj
 *       (computed in double, rounded to float) into scratch, then copied back.
 * </ol>
 * The explicit inverse makes the panel's error grow with cond(L_jj) ≤ √cond(A) instead of the row-wise
 * backward stability of substitution; the solver that uses this factor refines in double (preconditioned CG),
 * so the factor only needs to be a good preconditioner. GEMMs run on the {@link Kernels}' threads.
 */
final class Cholesky {
    /** Block width: the k of the panel GEMM and the order of the double-precision diagonal factorization. */
    static final int BLOCK = 256;

    private final Kernels kernels;
    private final int nb;
    /** Scratch from the owner's workspace (they live as long as it): b × b products, inverse, one panel. */
    private final Matrix product, inverse, panel;
    /** The diagonal block and its inverse in double: made once, reused by every block column. */
    private final double[] block, blockInverse;

    /** Scratch for matrices up to n × n, allocated from {@code owner}, with blocks of {@code nb} columns. */
    Cholesky(Kernels kernels, Workspace owner, int n, int nb) {
        this.kernels = kernels;
        this.nb = nb;
        int b = Math.min(nb, Math.max(n, 1));
        product = owner.matrix(b, b);
        inverse = owner.matrix(b, b);
        panel = owner.matrix(Math.max(n - b, 1), b);
        block = new double[b * b];
        blockInverse = new double[b * b];
    }

    /** Bytes of off-heap scratch for order n with blocks of nb columns. */
    static long scratchBytes(int n, int nb) {
        int b = Math.min(nb, Math.max(n, 1));
        long stride = Workspace.paddedStride(b);
        return Float.BYTES * stride * (2L * b + Math.max(n - b, 1));
    }

    /** Factors the n × n view a in place (lower triangle); throws at the first pivot that is not positive. */
    void factor(Matrix a) {
        int n = a.rows;
        for (int j = 0; j < n; j += nb) {
            int b = Math.min(nb, n - j);
            Matrix done = a.rows(j, j + b).cols(0, j); // rows j..j+b of L, finished columns
            Matrix prod = product.rows(0, b).cols(0, b);
            if (j > 0) kernels.gemm(false, true, 1f, done, done, 0f, prod);
            for (int r = 0; r < b; r++) {
                long row = a.offset + (long) (j + r) * a.stride + j, prow = prod.offset + (long) r * prod.stride;
                for (int c = 0; c <= r; c++) {
                    double v = a.segment.getAtIndex(F32, row + c);
                    if (j > 0) v -= prod.segment.getAtIndex(F32, prow + c);
                    block[r * b + c] = v;
                }
            }
            factorBlock(b, j, n);
            for (int r = 0; r < b; r++) {
                long row = a.offset + (long) (j + r) * a.stride + j;
                for (int c = 0; c <= r; c++) a.segment.setAtIndex(F32, row + c, (float) block[r * b + c]);
            }
            if (j + b == n) break;
            Matrix below = a.rows(j + b, n);
            Matrix target = below.cols(j, j + b);
            if (j > 0) kernels.gemm(false, true, -1f, below.cols(0, j), done, 1f, target);
            invertBlock(b);
            Matrix inv = inverse.rows(0, b).cols(0, b), solved = panel.rows(0, n - j - b).cols(0, b);
            kernels.gemm(false, true, 1f, target, inv, 0f, solved);
            long bytes = (long) b * Float.BYTES;
            for (int r = 0; r < n - j - b; r++) {
                MemorySegment.copy(solved.segment, (solved.offset + (long) r * solved.stride) * Float.BYTES,
                        target.segment, (target.offset + (long) r * target.stride) * Float.BYTES, bytes);
            }
        }
    }

    /** Cholesky of the b × b lower triangle in {@link #block}, in place, in double; rows are j + r of n. */
    private void factorBlock(int b, int j, int n) {
        double[] l = block;
        for (int k = 0; k < b; k++) {
            double d = l[k * b + k] - dot(l, k * b, k * b, k);
            if (!(d > 0)) {
                throw new NotPositiveDefiniteException("Cholesky: pivot " + (j + k) + " of " + n + " is " + d
                        + (Double.isNaN(d) ? " (the matrix holds NaN or infinite entries)" : " (expected > 0)")
                        + ": the matrix is not positive definite in float", j + k, d);
            }
            double lkk = Math.sqrt(d);
            l[k * b + k] = lkk;
            for (int i = k + 1; i < b; i++) l[i * b + k] = (l[i * b + k] - dot(l, i * b, k * b, k)) / lkk;
        }
    }

    /**
     * Σ_{p<len} v[x + p]·v[y + p] with four independent sums: C2 does not vectorize a double reduction (it
     * would reorder the sum), and one chain of dependent adds waits 4 cycles per term. The diagonal blocks
     * are serial work, a third of the factorization's time at n = 2000 before this.
     */
    private static double dot(double[] v, int x, int y, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= len; p += 4) {
            s0 += v[x + p] * v[y + p];
            s1 += v[x + p + 1] * v[y + p + 1];
            s2 += v[x + p + 2] * v[y + p + 2];
            s3 += v[x + p + 3] * v[y + p + 3];
        }
        for (; p < len; p++) s0 += v[x + p] * v[y + p];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The inverse of the lower-triangular factor in {@link #block}, into {@link #inverse} (float, zero above the
     * diagonal).
     */
    private void invertBlock(int b) {
        double[] l = block, x = blockInverse;
        for (int i = 0; i < b; i++) { // row i of L·X = I: X[i][c] = (δ_ic − Σ_{p<i} L[i][p]·X[p][c]) / L[i][i]
            int xi = i * b;
            for (int c = 0; c <= i; c++) x[xi + c] = c == i ? 1 : 0;
            for (int p = 0; p < i; p++) {
                double lip = l[xi + p];
                for (int c = 0; c <= p; c++) x[xi + c] -= lip * x[p * b + c];
            }
            double inv = 1 / l[xi + i];
            for (int c = 0; c <= i; c++) x[xi + c] *= inv;
        }
        for (int r = 0; r < b; r++) {
            long row = inverse.offset + (long) r * inverse.stride;
            for (int c = 0; c < b; c++) inverse.segment.setAtIndex(F32, row + c, c <= r ? (float) x[r * b + c] : 0f);
        }
    }
}
