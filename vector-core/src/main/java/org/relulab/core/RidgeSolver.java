package org.relulab.core;

import static org.relulab.core.Matrix.F32;
import static org.relulab.core.Matrix.F64;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Solves (K + nλI)·α = y for a symmetric positive semi-definite n × n kernel matrix K held in float, for
 * one λ after another: kernel ridge regression's α for a λ sweep.
 *
 * <p>Precision. K is float (the Gram matrix is), so it is factored in float, by {@link Cholesky} at GEMM
 * speed, and the solve is refined in double: preconditioned conjugate gradients on the double-precision
 * system with the float factor L·Lᵀ ≈ K + nλ_f·I as preconditioner, residuals r = y − (K + nλI)·α with
 * float K and double α, y, r, accumulated in double ({@code dotMixed}, {@code axpyMixed}). So the answer
 * is the float64 solution for the float-stored K to a relative residual of {@link #TOLERANCE}, however
 * ill-conditioned, as long as the float factor exists; a float-only solve would be off by about
 * cond·n·2⁻²⁴. The factor exists while nλ exceeds the factorization's rounding errors, which matters only
 * for (nearly) singular K. Measured with the ReLU NTK of n = 2000 Gaussian points (scale 1/d): at d = 1,
 * where K has rank 4, λ ≥ 10⁻⁵ (nλ ≈ 2·10⁻³·max K_ii); at d = 2, λ ≥ 10⁻⁷; at d = 3, λ ≥ 10⁻⁹; from d = 4
 * on K itself factors (λ = 0). Below that, a {@link NotPositiveDefiniteException} names the pivot and
 * suggests a larger λ.
 *
 * <p>λ sweep. A factor at λ_f preconditions the system at any λ: the preconditioned matrix has eigenvalues
 * (μ + nλ)/(μ + nλ_f) for K's eigenvalues μ, all between 1 and λ/λ_f, so CG needs about
 * ½√(λ/λ_f)·ln(2/tol) iterations at most (fewer: most μ of a kernel matrix are tiny and cluster). One CG
 * iteration reads the matrix three times (n² floats: ~0.2 s at n = 20,000), a factorization costs n³/3
 * flops (~20 s there), so {@link #solve} keeps the factor while λ is within {@link #REFACTOR_RATIO} of λ_f
 * and refactors otherwise, or when CG stalls. An eigendecomposition would serve every λ at once but costs
 * about 9n³ flops in code that is not GEMM-bound: more than the few refactorizations a sweep needs.
 *
 * <p>Storage. The solver works in place on the caller's matrix: it reads K from the upper triangle and
 * diagonal, which it never writes; the lower triangle holds the current factor (restored from the upper
 * triangle before each factorization). K's diagonal is kept in double beside it. The caller owns the
 * matrix; the solver owns its scratch ({@link #scratchBytes}: O(n·256) floats) until {@link #close()}.
 */
public final class RidgeSolver implements AutoCloseable {
    /** CG stops when ‖y − (K + nλI)·α‖₂ ≤ TOLERANCE·‖y‖₂. */
    public static final double TOLERANCE = 1e-6;
    /** A factor at λ_f serves λ with max(λ/λ_f, λ_f/λ) up to this; farther, {@link #solve} refactors. */
    public static final double REFACTOR_RATIO = 100;
    /** CG iterations before giving up on a factor at another λ (then refactor), or on the problem. */
    static final int MAX_ITERATIONS = 300;
    /** Side of the square tiles of the lower-from-upper copy. */
    private static final int TILE = 64;

    private final Kernels kernels;
    private final KernelSupport impl;
    private final Matrix a;
    private final int n;
    /** Owns the scratch below (factor panels, double vectors) from construction to {@link #close()}. */
    private final Workspace scratch;
    private final Cholesky cholesky;
    /** n doubles each: K's diagonal, the solution, residual, preconditioned residual, direction, A·direction. */
    private final MemorySegment diag, x, r, z, p, q;
    private double factorLambda = Double.NaN;

    /**
     * What one {@link #solve} found.
     *
     * @param lambda the λ solved for
     * @param alpha α, n doubles: a fresh array per solve, the caller's to keep (e.g. for {@link #multiply})
     * @param iterations the CG iterations of the run that converged (after a refactorization, the run with the
     *     new factor); 0 when y = 0
     * @param relativeResidual ‖y − (K + nλI)·α‖₂ / ‖y‖₂, recomputed in double from K after CG (not CG's own
     *     running residual); 0 when y = 0
     * @param factorLambda λ_f of the factor that preconditioned the converged run: λ itself after a
     *     refactorization, else an earlier λ within {@link #REFACTOR_RATIO}
     */
    public record Solution(double lambda, double[] alpha, int iterations, double relativeResidual,
            double factorLambda) {}

    /**
     * A solver on {@code k}, a square row-major (not transposed) view holding the kernel matrix in its upper
     * triangle and diagonal; its lower triangle will hold the factor. GEMMs run on the kernels' threads.
     *
     * @param kernels the kernels that factor K; the solver keeps using them and does not close them, so they
     *     must stay open while it does
     * @param k the n × n kernel matrix, n ≥ 1, with a finite diagonal; the caller owns it (and its workspace,
     *     which must stay open), and the solver overwrites its strict lower triangle
     * @throws IllegalArgumentException when kernels or k is null, k is not square, empty or is transposed, or a
     *     diagonal entry is not finite
     * @throws IllegalStateException when k's workspace is closed
     */
    public RidgeSolver(Kernels kernels, Matrix k) {
        this(kernels, k, Cholesky.BLOCK);
    }

    /** With another Cholesky block width (tests use small ones to cross many blocks). */
    RidgeSolver(Kernels kernels, Matrix k, int block) {
        String op = "RidgeSolver";
        if (kernels == null) throw new IllegalArgumentException(op + ": kernels is null");
        Checks.open(op, "K", k);
        if (k.rows != k.cols || k.rows == 0) {
            throw new IllegalArgumentException(
                    op + ": K is " + k.shape() + " (expected a square matrix, at least 1x1)");
        }
        if (k.transposed)
            throw new IllegalArgumentException(op + ": K " + k + " is a transposed view (expected row-major)");
        this.kernels = kernels;
        this.impl = kernels.support();
        this.a = k;
        this.n = k.rows;
        scratch = Workspace.shared();
        cholesky = new Cholesky(kernels, scratch, n, block);
        diag = scratch.allocate((long) n * Double.BYTES);
        x = scratch.allocate((long) n * Double.BYTES);
        r = scratch.allocate((long) n * Double.BYTES);
        z = scratch.allocate((long) n * Double.BYTES);
        p = scratch.allocate((long) n * Double.BYTES);
        q = scratch.allocate((long) n * Double.BYTES);
        for (int i = 0; i < n; i++) {
            float v = a.segment.getAtIndex(F32, a.offset + (long) i * a.stride + i);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        op + ": K(" + i + ", " + i + ") = " + v + " (expected finite entries)");
            }
            diag.setAtIndex(F64, i, v);
        }
    }

    /**
     * Off-heap bytes a solver of order n allocates beside the n × n matrix itself.
     *
     * @param n the order of K, ≥ 0
     * @return the bytes of the solver's own workspace (factor panels and six double vectors of n), for a
     *     memory budget made before creating the solver
     */
    public static long scratchBytes(int n) {
        if (n < 0) throw new IllegalArgumentException("RidgeSolver.scratchBytes: n = " + n + " (expected >= 0)");
        return Cholesky.scratchBytes(n, Cholesky.BLOCK) + 6L * n * Double.BYTES + 64 * 8;
    }

    /**
     * The order of K.
     *
     * @return n, the number of rows (and columns) of K, and the length of y and α
     */
    public int size() { return n; }

    /**
     * The λ of the factor held now (NaN before the first).
     *
     * @return λ_f, or NaN before the first factorization and after one that failed
     */
    public double factorLambda() { return factorLambda; }

    /**
     * Factors K + nλI (restoring the lower triangle from the upper first).
     *
     * @param lambda λ, finite and ≥ 0; the diagonal is shifted by n·λ (the ridge of the mean, not summed,
     *     squared loss)
     * @throws IllegalArgumentException when λ is negative, infinite or NaN
     * @throws NotPositiveDefiniteException naming the pivot and a larger λ to try
     */
    public void factor(double lambda) {
        checkLambda(lambda);
        factorLambda = Double.NaN; // the lower triangle is about to change
        double shift = n * lambda;
        for (int ib = 0; ib < n; ib += TILE) {
            for (int jb = 0; jb <= ib; jb += TILE) {
                for (int i = ib; i < Math.min(ib + TILE, n); i++) {
                    long row = a.offset + (long) i * a.stride;
                    for (int j = jb; j < Math.min(jb + TILE, i); j++) {
                        a.segment.setAtIndex(F32, row + j,
                                a.segment.getAtIndex(F32, a.offset + (long) j * a.stride + i));
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a.segment.setAtIndex(F32, a.offset + (long) i * a.stride + i, (float) (diag.getAtIndex(F64, i) + shift));
        }
        try {
            cholesky.factor(a);
        } catch (NotPositiveDefiniteException e) {
            double at = lambda + 2 * Math.abs(e.value()) / n;
            throw new NotPositiveDefiniteException("K + n·λ·I is not positive definite in float at λ = " + lambda
                    + " (n = " + n + "): pivot " + e.pivot() + " is " + e.value()
                    + " (expected > 0); try a larger λ, at least "
                    + String.format(Locale.ROOT, "%.3g", at) + " (10x larger is a safe step)", e.pivot(), e.value());
        }
        factorLambda = lambda;
    }

    /**
     * α = (K + nλI)⁻¹·y (y a vector of n floats), by CG in double preconditioned with the held factor, or a
     * new one at λ when the held one is more than {@link #REFACTOR_RATIO} away or CG stalls with it.
     *
     * @param lambda λ, finite and ≥ 0
     * @param y the targets: n finite floats in a 1 × n or n × 1 view of any stride, only read
     * @return α with the iterations, residual and factor λ that produced it
     * @throws IllegalArgumentException when λ is negative, infinite or NaN, or y is null, not a vector of
     *     length n, or holds a value that is not finite
     * @throws IllegalStateException when y's workspace is closed
     * @throws NotPositiveDefiniteException when K + nλI cannot be factored in float
     * @throws ArithmeticException when CG does not reach {@link #TOLERANCE} with a factor at λ itself, or
     *     meets a direction of non-positive curvature
     */
    public Solution solve(double lambda, Matrix y) {
        checkLambda(lambda);
        Checks.open("RidgeSolver.solve", "y", y);
        Checks.vector("RidgeSolver.solve", "y", y, n);
        int ystep = Checks.step(y);
        double yNorm = 0;
        for (int i = 0; i < n; i++) {
            double v = y.segment.getAtIndex(F32, y.offset + (long) i * ystep);
            if (!Double.isFinite(v))
                throw new IllegalArgumentException("RidgeSolver.solve: y[" + i + "] = " + v + " (expected finite)");
            yNorm += v * v;
        }
        yNorm = Math.sqrt(yNorm);
        // 1e-2/100 is 1.0000000000000002e-4
        if (!(ratio(lambda, factorLambda) <= REFACTOR_RATIO * (1 + 1e-9))) factor(lambda);
        int iterations = conjugateGradients(lambda, y, ystep, yNorm);
        if (iterations < 0 && factorLambda != lambda) {
            factor(lambda);
            iterations = conjugateGradients(lambda, y, ystep, yNorm);
        }
        double residual = trueResidual(lambda, y, ystep) / (yNorm == 0 ? 1 : yNorm);
        if (iterations < 0) {
            throw new ArithmeticException(
                    "RidgeSolver: CG at λ = " + lambda + " (n = " + n + ") stopped at relative residual "
                            + residual + " after " + MAX_ITERATIONS + " iterations (expected " + TOLERANCE
                            + "): K + n·λ·I is too ill-conditioned for its float factor; try a larger λ");
        }
        double[] alpha = new double[n];
        MemorySegment.copy(x, F64, 0, alpha, 0, n);
        return new Solution(lambda, alpha, iterations, residual, factorLambda);
    }

    /** CG from α = 0; the iterations taken, or −1 when {@link #MAX_ITERATIONS} did not reach the tolerance. */
    private int conjugateGradients(double lambda, Matrix y, int ystep, double yNorm) {
        double shift = n * lambda;
        for (int i = 0; i < n; i++) {
            x.setAtIndex(F64, i, 0);
            r.setAtIndex(F64, i, y.segment.getAtIndex(F32, y.offset + (long) i * ystep));
        }
        double target = TOLERANCE * yNorm;
        if (yNorm == 0) return 0;
        precondition();
        copy(z, p);
        double rz = dot(r, z);
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            multiplyShifted(shift, p, q);
            double pq = dot(p, q);
            if (!(pq > 0)) {
                throw new ArithmeticException("RidgeSolver: K + n·λ·I is not positive definite at λ = " + lambda
                        + " (n = " + n
                        + "): CG found a direction with pᵀ(K + n·λ·I)p = " + pq + " (expected > 0); try a larger λ");
            }
            double step = rz / pq;
            axpy(step, p, x);
            axpy(-step, q, r);
            if (Math.sqrt(dot(r, r)) <= target) return it;
            precondition();
            double rzNext = dot(r, z);
            double beta = rzNext / rz;
            rz = rzNext;
            for (int i = 0; i < n; i++)
                p.setAtIndex(F64, i, Math.fma(beta, p.getAtIndex(F64, i), z.getAtIndex(F64, i)));
        }
        return -1;
    }

    /** ‖y − (K + nλI)·x‖₂ recomputed from scratch (CG's r is updated recursively and may drift). */
    private double trueResidual(double lambda, Matrix y, int ystep) {
        multiplyShifted(n * lambda, x, q);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = y.segment.getAtIndex(F32, y.offset + (long) i * ystep) - q.getAtIndex(F64, i);
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** out = (K + shift·I)·v from K's upper triangle and diagonal, in double. */
    private void multiplyShifted(double shift, MemorySegment v, MemorySegment out) {
        for (int i = 0; i < n; i++) out.setAtIndex(F64, i, (diag.getAtIndex(F64, i) + shift) * v.getAtIndex(F64, i));
        for (int i = 0; i < n - 1; i++) {
            int len = n - i - 1;
            long row = a.offset + (long) i * a.stride + i + 1;
            double partial = impl.dotMixed(len, a.segment, row, v, i + 1);
            out.setAtIndex(F64, i, out.getAtIndex(F64, i) + partial);
            impl.axpyMixed(len, v.getAtIndex(F64, i), a.segment, row, out, i + 1);
        }
    }

    /** z = (L·Lᵀ)⁻¹·r: forward then backward substitution with the float factor, in double. */
    private void precondition() {
        copy(r, z);
        for (int i = 0; i < n; i++) { // L·w = r
            long row = a.offset + (long) i * a.stride;
            double s = z.getAtIndex(F64, i) - impl.dotMixed(i, a.segment, row, z, 0);
            z.setAtIndex(F64, i, s / a.segment.getAtIndex(F32, row + i));
        }
        for (int i = n - 1; i >= 0; i--) { // Lᵀ·z = w, by columns of Lᵀ (rows of L)
            long row = a.offset + (long) i * a.stride;
            double zi = z.getAtIndex(F64, i) / a.segment.getAtIndex(F32, row + i);
            z.setAtIndex(F64, i, zi);
            impl.axpyMixed(i, -zi, a.segment, row, z, 0);
        }
    }

    /**
     * rows·v in double for a float matrix of n columns (row-major, not transposed), e.g. the test × train
     * kernel matrix times α: the predictions.
     *
     * @param rows an m × n float matrix, row-major and not transposed, e.g. the test × train kernel matrix
     * @param v n doubles, e.g. {@link Solution#alpha()}; read, not kept
     * @return m doubles, a fresh array: rows·v accumulated in double
     * @throws IllegalArgumentException when rows is null, transposed or not n columns wide, or v is null or not
     *     of length n
     */
    public double[] multiply(Matrix rows, double[] v) {
        String op = "RidgeSolver.multiply";
        Checks.open(op, "rows", rows);
        if (rows.cols != n || rows.transposed) {
            throw new IllegalArgumentException(
                    op + ": rows is " + rows + " (expected a row-major view with " + n + " columns)");
        }
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(
                    op + ": v has length " + (v == null ? "null" : v.length) + " (expected " + n + ")");
        }
        MemorySegment.copy(v, 0, z, F64, 0, n);
        double[] out = new double[rows.rows];
        for (int i = 0; i < rows.rows; i++)
            out[i] = impl.dotMixed(n, rows.segment, rows.offset + (long) i * rows.stride, z, 0);
        return out;
    }

    private static double ratio(double lambda, double held) {
        if (Double.isNaN(held)) return Double.POSITIVE_INFINITY;
        if (lambda == held) return 1;
        if (lambda == 0 || held == 0) return Double.POSITIVE_INFINITY;
        return Math.max(lambda / held, held / lambda);
    }

    private static void checkLambda(double lambda) {
        if (!(lambda >= 0) || lambda == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("RidgeSolver: λ = " + lambda + " (expected a finite value >= 0)");
        }
    }

    private double dot(MemorySegment u, MemorySegment v) {
        double s = 0;
        for (int i = 0; i < n; i++) s = Math.fma(u.getAtIndex(F64, i), v.getAtIndex(F64, i), s);
        return s;
    }

    private void axpy(double alpha, MemorySegment u, MemorySegment v) {
        for (int i = 0; i < n; i++) v.setAtIndex(F64, i, Math.fma(alpha, u.getAtIndex(F64, i), v.getAtIndex(F64, i)));
    }

    private void copy(MemorySegment from, MemorySegment to) {
        MemorySegment.copy(from, 0, to, 0, (long) n * Double.BYTES);
    }

    /** Frees the scratch; the kernel matrix stays the caller's. */
    @Override
    public void close() {
        scratch.close();
    }
}
