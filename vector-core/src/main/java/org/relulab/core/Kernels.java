package org.relulab.core;

import java.lang.foreign.MemorySegment;

/**
 * relulab's kernels on {@link Matrix} views: the public facade. It checks every argument (shapes, closed
 * workspaces, overlapping outputs) with a message naming the operands, then runs the chosen
 * {@link Provider}'s implementation. GEMMs run on a persistent pool of {@link #threads()} threads; results
 * are bit-identical for any thread count. Calls allocate nothing on the Java heap.
 *
 * <p>Element-wise kernels accept any layouts; the fast path is when all operands share one (all
 * transposed or none). An output may be the very same view as an input (in place), never a partial
 * overlap. NaN and infinities propagate as IEEE arithmetic says. A {@code Kernels} owns its threads:
 * {@link #close()} stops them.
 *
 * <p>Thread safety: one instance may be called from any number of threads at once. Their GEMMs take turns on the
 * instance's workers (a call waits for the one in flight; none is refused); every other kernel runs on its calling
 * thread, concurrently with the others. Each result is bit-identical to the same call made alone. The caller keeps
 * concurrent calls apart: no call may write what another call in flight reads or writes. After {@link #close()}, a
 * GEMM on any thread throws {@link IllegalStateException}; one already running completes.
 *
 * <p>Why one file of some 550 lines: this is the one public entry point of the kernels, and each public method
 * is a few lines of checks and a dispatch to the provider, so the API reads in one place; the argument checks
 * shared by several kernels live in {@code Checks}, the GEMM's in {@code GemmChecks}, the engines elsewhere.
 */
public final class Kernels implements AutoCloseable {
    /** System property for the default thread count (default: available processors). */
    public static final String THREADS_PROPERTY = "relulab.threads";

    private final Provider provider;
    private final KernelSupport impl;
    private final WorkerPool pool;
    private final ParallelGemm gemm;
    /** Whether this is {@link #common()}, which {@link #close()} leaves running. */
    private final boolean common;
    private boolean closed;

    private Kernels(Provider provider, int threads) {
        this(provider, threads, false);
    }

    private Kernels(Provider provider, int threads, boolean common) {
        if (threads < 1) throw new IllegalArgumentException("threads = " + threads + " (expected at least 1)");
        this.common = common;
        this.provider = provider;
        this.impl = provider == Provider.SIMD ? new SimdKernelSupport() : new ScalarKernelSupport();
        this.pool = new WorkerPool(threads, "relulab-kernels");
        this.gemm = new ParallelGemm(impl.gemm(), pool);
    }

    /** The process-wide instance behind {@link #common()}, created on first use. */
    private static final class Common {
        static final Kernels INSTANCE = new Kernels(Provider.lookup(), defaultThreads(), true);
    }

    /**
     * One instance for the whole process, like {@code ForkJoinPool.commonPool()}: {@link Provider#lookup()} on
     * {@link #defaultThreads()} threads, created on first use, its workers daemon threads. Any number of threads may
     * use it at once (the class comment's contract); {@link #close()} on it does nothing, so it may sit in a
     * try-with-resources like any other instance.
     *
     * @return the process-wide instance, the same object on every call
     */
    public static Kernels common() {
        return Common.INSTANCE;
    }

    /**
     * Kernels of {@link Provider#lookup()} on {@code -Drelulab.threads} threads (default: all processors).
     *
     * @return new kernels, owned by the caller, who must {@link #close()} them to stop their threads
     * @throws IllegalArgumentException when {@code -Drelulab.threads} or {@code -Drelulab.kernels} holds a value
     *     they do not accept
     * @throws IllegalStateException when {@code -Drelulab.kernels=simd} but the SIMD kernels cannot run here
     */
    public static Kernels create() {
        return create(Provider.lookup(), defaultThreads());
    }

    /**
     * Kernels of the given provider on {@code threads} threads (the caller counts as one).
     *
     * @param provider the implementation to run
     * @param threads the GEMM threads, ≥ 1, the calling thread included: {@code threads − 1} workers are started
     * @return new kernels, owned by the caller, who must {@link #close()} them to stop their threads
     * @throws IllegalStateException when the provider is SIMD and the SIMD kernels cannot run here
     * @throws IllegalArgumentException when threads is less than 1
     */
    public static Kernels create(Provider provider, int threads) {
        if (provider == Provider.SIMD && Provider.simdUnavailableReason() != null) {
            throw new IllegalStateException("SIMD kernels unavailable: " + Provider.simdUnavailableReason());
        }
        return new Kernels(provider, threads);
    }

    /**
     * The Java-heap bytes each GEMM thread of a {@code provider}'s kernels holds for packing (float arrays allocated
     * once per thread, when the kernels are created; their array headers aside): what a caller adds up before
     * creating kernels with many threads. 0 for the plain-Java kernels, which do not pack.
     *
     * @param provider the provider the kernels would run
     * @return the bytes per GEMM thread, 0 for any provider but SIMD
     */
    public static long gemmScratchBytesPerThread(Provider provider) {
        if (provider != Provider.SIMD) return 0;
        return new SimdGemm().scratchFloats() * Float.BYTES;
    }

    /**
     * {@code -Drelulab.threads}, or the number of available processors.
     *
     * @return a thread count, at least 1
     * @throws IllegalArgumentException when the property is set but is not a positive integer
     */
    public static int defaultThreads() {
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null) return Runtime.getRuntime().availableProcessors();
        try {
            int t = Integer.parseInt(s.trim());
            if (t >= 1) return t;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + s + ": expected a positive integer");
    }

    /**
     * The implementation these kernels run.
     *
     * @return the provider chosen when they were created
     */
    public Provider provider() { return provider; }

    /** The implementation, for the solvers of this package. */
    KernelSupport support() { return impl; }

    /**
     * The number of threads a GEMM runs on.
     *
     * @return the thread count given at creation, the calling thread included
     */
    public int threads() { return pool.threads(); }

    /**
     * One line: provider, vector species, threads.
     *
     * @return e.g. {@code "scalar (plain Java), 4 threads"}, as error messages and logs print the kernels
     */
    public String describe() {
        return provider.describe() + ", " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    /**
     * Stops the GEMM threads, after a GEMM in flight on another thread (it holds the same lock). A second call
     * throws {@link IllegalStateException}; so does a GEMM afterwards. On {@link #common()} it does nothing.
     */
    @Override
    public void close() {
        if (common) return; // the process-wide instance outlives every user
        synchronized (gemm) {
            if (closed) throw new IllegalStateException("kernels (" + describe() + ") were already closed");
            closed = true;
            pool.close();
        }
    }

    // ---- GEMM ----------------------------------------------------------------------------------------

    /**
     * C = α·op(A)·op(B) + β·C, op(X) = Xᵀ when its flag is set. β = 0 overwrites C without reading it.
     *
     * @param transA whether op(A) = Aᵀ (read transposed, without a copy) rather than A
     * @param transB whether op(B) = Bᵀ rather than B
     * @param alpha the factor α of the product
     * @param a A; op(A) is m × k
     * @param b B; op(B) is k × n
     * @param beta the factor β of C's old value; 0 overwrites C without reading it (old NaNs do not survive)
     * @param c C, m × n, any layout; written, and read unless β = 0; it must not overlap A or B
     * @throws IllegalArgumentException when an operand is null, the shapes do not match, or C overlaps A or B
     * @throws IllegalStateException when an operand's workspace or these kernels are closed
     */
    public void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        gemm(transA, transB, alpha, a, b, beta, c, null, null);
    }

    /**
     * The fused form: C = α·op(A)·op(B) + β·C, then H = σ(C) while each tile of C is still in registers.
     * C keeps the pre-activation (what the |·| backward needs); H has C's shape and layout. H may be the
     * very same view as C: then C ends as σ(C), with no second matrix to write (ReLU's backward mask
     * 1{z > 0} equals 1{σ(z) > 0}, so a ReLU layer needs only H).
     *
     * @param transA whether op(A) = Aᵀ (read transposed, without a copy) rather than A
     * @param transB whether op(B) = Bᵀ rather than B
     * @param alpha the factor α of the product
     * @param a A; op(A) is m × k
     * @param b B; op(B) is k × n
     * @param beta the factor β of C's old value; 0 overwrites C without reading it (old NaNs do not survive)
     * @param c C, m × n, any layout; written (the pre-activation), and read unless β = 0; it must not overlap A
     *     or B
     * @param act σ, or null for a plain GEMM (then {@code h} is ignored and may be null)
     * @param h H, of C's shape and layout, receiving σ(C): C itself, or memory separate from A, B and C
     * @throws IllegalArgumentException when an operand is null, the shapes or layouts do not match, or the
     *     outputs overlap what they must not
     * @throws IllegalStateException when an operand's workspace or these kernels are closed
     */
    public void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c,
            Activation act, Matrix h) {
        gemmBatched(transA, transB, alpha, a, 0, b, 0, beta, c, 0, act, h, 0, 1);
    }

    /**
     * {@code batch} independent products of one shape: problem p uses the views a, b, c shifted by
     * p·strideA, p·strideB, p·strideC elements (strides ≥ 0; a stride of 0 shares an input between problems).
     * Problems run in parallel, each on one thread, so every problem must lie inside its segment, and no
     * problem's C may share an element with any problem's A or B, or with another problem's C. Problems may
     * interleave without sharing an element (column blocks of one matrix); {@code Overlap} says when that is
     * decided exactly (views of one row stride) and when by byte spans.
     *
     * @param transA whether every problem's op(A) = Aᵀ rather than A
     * @param transB whether every problem's op(B) = Bᵀ rather than B
     * @param alpha the factor α of every product
     * @param a problem 0's A; op(A) is m × k
     * @param strideA the elements (not bytes) from one problem's A to the next, ≥ 0
     * @param b problem 0's B; op(B) is k × n
     * @param strideB the elements from one problem's B to the next, ≥ 0
     * @param beta the factor β of C's old values; 0 overwrites every C without reading it
     * @param c problem 0's C, m × n
     * @param strideC the elements from one problem's C to the next, ≥ 0; the problems' Cs must share no element
     * @param batch the number of problems, ≥ 1
     * @throws IllegalArgumentException when an operand is null, the shapes do not match, a stride is negative, a
     *     problem leaves its segment, or outputs overlap what they must not
     * @throws IllegalStateException when an operand's workspace or these kernels are closed
     */
    public void gemmBatched(boolean transA, boolean transB, float alpha, Matrix a, long strideA, Matrix b,
            long strideB, float beta, Matrix c, long strideC, int batch) {
        gemmBatched(transA, transB, alpha, a, strideA, b, strideB, beta, c, strideC, null, null, 0, batch);
    }

    private void gemmBatched(boolean transA, boolean transB, float alpha, Matrix a, long strideA, Matrix b,
            long strideB, float beta, Matrix c, long strideC, Activation act, Matrix h, long strideH, int batch) {
        GemmChecks.check("gemm", transA, transB, a, strideA, b, strideB, c, strideC, act, h, strideH, batch);
        synchronized (gemm) {
            if (closed) throw new IllegalStateException("gemm: kernels (" + describe() + ") were closed");
            if (c.rows == 0 || c.cols == 0) return;
            GemmArgs g = gemm.args;
            fill(g, transA, transB, alpha, a, strideA, b, strideB, beta, c, strideC, batch);
            g.act = act;
            g.h = act == null ? null : h.segment;
            g.hOff = act == null ? 0 : h.offset;
            g.hRs = act == null ? 0 : h.stride;
            g.hStep = strideH;
            if (g.k == 0) {
                g.clear();
                for (int p = 0; p < batch; p++) scaleOnly(beta, c, p * strideC, act, h);
                return;
            }
            gemm.run();
        }
    }

    /** The operands as the engines read them: a transposed C is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, row-major. */
    private static void fill(GemmArgs g, boolean transA, boolean transB, float alpha, Matrix a, long strideA,
            Matrix b, long strideB, float beta, Matrix c, long strideC, int batch) {
        boolean flip = c.transposed;
        Matrix x = flip ? b : a, y = flip ? a : b;
        boolean tx = flip != (flip ? transB : transA), ty = flip != (flip ? transA : transB);
        g.m = flip ? c.cols : c.rows;
        g.n = flip ? c.rows : c.cols;
        g.k = transA ? a.rows : a.cols;
        g.alpha = alpha;
        g.beta = beta;
        g.a = x.segment;
        g.aOff = x.offset;
        g.aRs = tx ? x.colStep() : x.rowStep();
        g.aCs = tx ? x.rowStep() : x.colStep();
        g.b = y.segment;
        g.bOff = y.offset;
        g.bRs = ty ? y.colStep() : y.rowStep();
        g.bCs = ty ? y.rowStep() : y.colStep();
        g.c = c.segment;
        g.cOff = c.offset;
        g.cRs = c.stride;
        g.batch = batch;
        g.aStep = flip ? strideB : strideA;
        g.bStep = flip ? strideA : strideB;
        g.cStep = strideC;
    }

    /** C = β·C (k = 0), then the epilogue. */
    private void scaleOnly(float beta, Matrix c, long shift, Activation act, Matrix h) {
        for (int r = 0; r < c.storedRows(); r++) {
            long co = c.offset + shift + (long) r * c.stride;
            if (beta == 0f) zero(c.segment, co, c.storedCols());
            else impl.scale(c.storedCols(), beta, c.segment, co, c.segment, co);
            if (act != null)
                impl.activate(act, c.storedCols(), c.segment, co, h.segment, h.offset + (long) r * h.stride);
        }
    }

    /** n zeros from element {@code offset}; a loop, because {@code asSlice(...).fill} allocates a segment per call. */
    private static void zero(MemorySegment s, long offset, int n) {
        for (int i = 0; i < n; i++) s.setAtIndex(Matrix.F32, offset + i, 0f);
    }

    /**
     * y = α·op(A)·x + β·y for vectors x and y (1×n or n×1 views).
     *
     * @param transA whether op(A) = Aᵀ rather than A
     * @param alpha the factor α of the product
     * @param a A; op(A) is m × k
     * @param x a vector of length k, any stride
     * @param beta the factor β of y's old value; 0 overwrites y without reading it
     * @param y a vector of length m, any stride; written, and must not overlap A or x
     */
    public void gemv(boolean transA, float alpha, Matrix a, Matrix x, float beta, Matrix y) {
        String op = "gemv";
        Checks.open(op, "A", a);
        Checks.open(op, "x", x);
        Checks.open(op, "y", y);
        int m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols;
        Checks.vector(op, "x", x, k);
        Checks.vector(op, "y", y, m);
        Checks.disjoint(op, "y", y, "A", a);
        Checks.disjoint(op, "y", y, "x", x);
        if (Checks.step(x) != 1 || Checks.step(y) != 1) { // strided vectors: a GEMM with one column
            gemm(transA, x.rows == 1, alpha, a, x, beta, y.rows == 1 ? y.t() : y);
            return;
        }
        // op(A)'s rows are contiguous when A is row-major and not transposed, or transposed twice.
        boolean rowsContiguous = transA == a.transposed;
        int stepR = transA ? a.colStep() : a.rowStep(), stepC = transA ? a.rowStep() : a.colStep();
        if (rowsContiguous) {
            for (int i = 0; i < m; i++) {
                float d = k == 0 ? 0f : impl.dot(k, a.segment, a.offset + (long) i * stepR, x.segment, x.offset);
                float old = beta == 0f ? 0f : beta * y.segment.getAtIndex(Matrix.F32, y.offset + i);
                y.segment.setAtIndex(Matrix.F32, y.offset + i, Math.fma(alpha, d, old));
            }
        } else {
            if (beta == 0f) zero(y.segment, y.offset, m);
            else impl.scale(m, beta, y.segment, y.offset, y.segment, y.offset);
            for (int j = 0; j < k; j++) {
                float xj = alpha * x.segment.getAtIndex(Matrix.F32, x.offset + j);
                impl.axpy(m, xj, a.segment, a.offset + (long) j * stepC, y.segment, y.offset);
            }
        }
    }

    // ---- element-wise --------------------------------------------------------------------------------

    /**
     * y += α·x.
     *
     * @param alpha the factor α of x
     * @param x the matrix added, any layout
     * @param y updated in place; x's shape, and either x itself or memory separate from it
     */
    public void axpy(float alpha, Matrix x, Matrix y) {
        binaryChecks("axpy", x, y);
        byRows(RowKernel.AXPY, alpha, null, x, x, y);
    }

    /**
     * y = α·x (y may be x).
     *
     * @param alpha the factor α
     * @param x the input, any layout
     * @param y the output, x's shape: x itself or memory separate from it
     */
    public void scale(float alpha, Matrix x, Matrix y) {
        binaryChecks("scale", x, y);
        byRows(RowKernel.SCALE, alpha, null, x, x, y);
    }

    /**
     * z = x + y.
     *
     * @param x the first addend, any layout
     * @param y the second addend, x's shape
     * @param z the sum, x's shape: x or y itself, or memory separate from both
     */
    public void add(Matrix x, Matrix y, Matrix z) {
        ternary("add", RowKernel.ADD, x, y, z);
    }

    /**
     * z = x ⊙ y (element-wise product).
     *
     * @param x the first factor, any layout
     * @param y the second factor, x's shape
     * @param z the product, x's shape: x or y itself, or memory separate from both
     */
    public void multiply(Matrix x, Matrix y, Matrix z) {
        ternary("multiply", RowKernel.MULTIPLY, x, y, z);
    }

    private void ternary(String op, RowKernel kernel, Matrix x, Matrix y, Matrix z) {
        ternaryChecks(op, "x", x, "y", y, "z", z);
        byRows(kernel, 0f, null, x, y, z);
    }

    /**
     * y = σ(x) (y may be x).
     *
     * @param act σ, not null
     * @param x the pre-activations, any layout
     * @param y σ(x), x's shape: x itself or memory separate from it
     */
    public void activate(Activation act, Matrix x, Matrix y) {
        if (act == null) throw new IllegalArgumentException("activate: activation is null");
        binaryChecks("activate", x, y);
        byRows(RowKernel.ACTIVATE, 0f, act, x, x, y);
    }

    /**
     * y = max(x, 0).
     *
     * @param x the input, any layout
     * @param y the output, x's shape: x itself or memory separate from it
     */
    public void relu(Matrix x, Matrix y) { activate(Activation.RELU, x, y); }

    /**
     * y = |x|.
     *
     * @param x the input, any layout
     * @param y the output, x's shape: x itself or memory separate from it
     */
    public void abs(Matrix x, Matrix y) { activate(Activation.ABS, x, y); }

    /**
     * out = g ⊙ σ'(z), z the pre-activation (out may be g).
     *
     * @param act σ, not null
     * @param g the upstream gradient, with respect to σ(z)
     * @param z the pre-activation, g's shape
     * @param out the gradient with respect to z, g's shape: g or z itself, or memory separate from both
     */
    public void activateBackward(Activation act, Matrix g, Matrix z, Matrix out) {
        String op = "activateBackward";
        if (act == null) throw new IllegalArgumentException(op + ": activation is null");
        ternaryChecks(op, "g", g, "z", z, "out", out);
        byRows(RowKernel.ACTIVATE_BACKWARD, 0f, act, g, z, out);
    }

    /**
     * out = g ⊙ 1{z > 0}.
     *
     * @param g the upstream gradient, with respect to ReLU(z)
     * @param z the pre-activation, g's shape
     * @param out the gradient with respect to z, g's shape: g or z itself, or memory separate from both
     */
    public void reluBackward(Matrix g, Matrix z, Matrix out) {
        activateBackward(Activation.RELU, g, z, out);
    }

    /**
     * out = g ⊙ sign(z).
     *
     * @param g the upstream gradient, with respect to |z|
     * @param z the pre-activation, g's shape
     * @param out the gradient with respect to z, g's shape: g or z itself, or memory separate from both
     */
    public void absBackward(Matrix g, Matrix z, Matrix out) {
        activateBackward(Activation.ABS, g, z, out);
    }

    /**
     * g = (r·cᵀ) ⊙ σ'(z): the gradient with respect to z of Σ_j r_j·(σ(z_j)·c) for an n × m pre-activation
     * z, a length-n vector r (the residuals) and a length-m vector c (the output weights), in one pass.
     * g may be z (in place).
     *
     * @param act σ, not null
     * @param r the residuals, a vector of length n (z's rows), any stride
     * @param c the output weights, a vector of length m (z's columns), any stride
     * @param z the n × m pre-activation
     * @param g the gradient, z's shape: z itself or memory separate from it, and separate from r and c
     */
    public void outerActivateBackward(Activation act, Matrix r, Matrix c, Matrix z, Matrix g) {
        String op = "outerActivateBackward";
        if (act == null) throw new IllegalArgumentException(op + ": activation is null");
        Checks.withLineVectors(op, "z", z, "r", r, "c", c, "g", g);
        int rstep = Checks.step(r), cstep = Checks.step(c);
        if (!z.transposed && !g.transposed && cstep == 1) {
            for (int j = 0; j < z.rows; j++) {
                float s = r.segment.getAtIndex(Matrix.F32, r.offset + (long) j * rstep);
                impl.activateBackwardScaled(act, z.cols, s, c.segment, c.offset, z.segment, rowStart(z, j), g.segment,
                        rowStart(g, j));
            }
        } else {
            for (int j = 0; j < z.rows; j++) {
                float s = r.segment.getAtIndex(Matrix.F32, r.offset + (long) j * rstep);
                for (int i = 0; i < z.cols; i++) {
                    impl.activateBackwardScaled(act, 1, s, c.segment, c.offset + (long) i * cstep, z.segment,
                            z.index(j, i), g.segment, g.index(j, i));
                }
            }
        }
    }

    private static void binaryChecks(String op, Matrix x, Matrix y) {
        Checks.open(op, "x", x);
        Checks.open(op, "y", y);
        Checks.sameShape(op, "x", x, "y", y);
        Checks.inPlaceOrDisjoint(op, "y", y, "x", x);
    }

    /** Open, one shape, and out in place of or disjoint from each input; messages name the operands so. */
    private static void ternaryChecks(String op, String xName, Matrix x, String yName, Matrix y, String outName,
            Matrix out) {
        Checks.open(op, xName, x);
        Checks.open(op, yName, y);
        Checks.open(op, outName, out);
        Checks.sameShape(op, xName, x, yName, y);
        Checks.sameShape(op, xName, x, outName, out);
        Checks.inPlaceOrDisjoint(op, outName, out, xName, x);
        Checks.inPlaceOrDisjoint(op, outName, out, yName, y);
    }

    /**
     * The one row dispatch of the element-wise kernels and dot: {@code kernel} on each stored row of
     * {@code out} when x, y and out share one layout, else on each element in logical row-major order; returns
     * the sum, in double and in that order, of what the kernel returns (a reduction's rows; 0 otherwise). A
     * kernel that does not read y gets x as y; a reduction passes x as out, whose shape the loops walk.
     */
    private double byRows(RowKernel kernel, float alpha, Activation act, Matrix x, Matrix y, Matrix out) {
        double s = 0;
        if (x.transposed == out.transposed && y.transposed == out.transposed) {
            for (int r = 0; r < out.storedRows(); r++) {
                s += kernel.run(impl, out.storedCols(), alpha, act, x.segment, rowStart(x, r), y.segment,
                        rowStart(y, r), out.segment, rowStart(out, r));
            }
        } else {
            for (int i = 0; i < out.rows; i++) {
                for (int j = 0; j < out.cols; j++) {
                    s += kernel.run(impl, 1, alpha, act, x.segment, x.index(i, j), y.segment, y.index(i, j),
                            out.segment, out.index(i, j));
                }
            }
        }
        return s;
    }

    private static long rowStart(Matrix m, int storedRow) {
        return m.offset + (long) storedRow * m.stride;
    }

    // ---- kernel matrices -----------------------------------------------------------------------------

    /**
     * out = f(G) element by element, for a Gram matrix G = X·X′ᵀ (m × n), the squared row norms of X
     * ({@code rowSqNorms}, length m) and of X′ ({@code colSqNorms}, length n): out_ij = f(s·G_ij, s·‖x_i‖²,
     * s·‖x′_j‖²) with s = {@code scale}, which stands for the inputs √s·x (s = 1/d for weights ~ N(0, I/d)).
     * See {@link KernelFunction} for the formulas. Cosines are clamped to [−1, 1]; for a train × train
     * matrix, passing G's own diagonal as both norm vectors makes every diagonal cosine exactly 1. out may
     * be G (in place). The SIMD arccos has at most 1.3 ulp of error (3e-7 absolute).
     *
     * @param f the kernel function, not null
     * @param scale s, finite and &gt; 0: 1 for the inputs as they are, 1/d for weights ~ N(0, I/d)
     * @param gram G = X·X′ᵀ, m × n, unscaled
     * @param rowSqNorms ‖x_i‖², a vector of length m, unscaled
     * @param colSqNorms ‖x′_j‖², a vector of length n, unscaled
     * @param out the kernel matrix, m × n: G itself or memory separate from it, and separate from the norms
     */
    public void kernelFromGram(KernelFunction f, float scale, Matrix gram, Matrix rowSqNorms, Matrix colSqNorms,
            Matrix out) {
        String op = "kernelFromGram";
        if (f == null) throw new IllegalArgumentException(op + ": kernel function is null");
        if (!(scale > 0) || scale == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(op + ": scale = " + scale + " (expected a finite value > 0, e.g. 1/d)");
        }
        Checks.withLineVectors(op, "gram", gram, "rowSqNorms", rowSqNorms, "colSqNorms", colSqNorms, "out", out);
        int rstep = Checks.step(rowSqNorms), cstep = Checks.step(colSqNorms);
        // Every KernelFunction is symmetric in the two norms, so a transposed pair runs along its stored
        // rows with the roles of the norm vectors swapped.
        boolean flip = gram.transposed;
        Matrix along = flip ? rowSqNorms : colSqNorms, across = flip ? colSqNorms : rowSqNorms;
        int alongStep = flip ? rstep : cstep, acrossStep = flip ? cstep : rstep;
        if (gram.transposed == out.transposed && alongStep == 1) {
            for (int r = 0; r < gram.storedRows(); r++) {
                float sq = across.segment.getAtIndex(Matrix.F32, across.offset + (long) r * acrossStep);
                impl.kernelFromGram(f, gram.storedCols(), scale, sq, gram.segment, rowStart(gram, r), along.segment,
                        along.offset, out.segment, rowStart(out, r));
            }
        } else {
            for (int i = 0; i < gram.rows; i++) {
                float sq = rowSqNorms.segment.getAtIndex(Matrix.F32, rowSqNorms.offset + (long) i * rstep);
                for (int j = 0; j < gram.cols; j++) {
                    impl.kernelFromGram(f, 1, scale, sq, gram.segment, gram.index(i, j), colSqNorms.segment,
                            colSqNorms.offset + (long) j * cstep, out.segment, out.index(i, j));
                }
            }
        }
    }

    // ---- reductions ----------------------------------------------------------------------------------

    /**
     * Σ x_ij·y_ij (rows reduced in float by the kernel, rows summed in double).
     *
     * @param x the first operand, any layout
     * @param y the second operand, x's shape
     * @return the sum, rounded to float
     */
    public float dot(Matrix x, Matrix y) {
        Checks.open("dot", "x", x);
        Checks.open("dot", "y", y);
        Checks.sameShape("dot", "x", x, "y", y);
        return (float) byRows(RowKernel.DOT, 0f, null, x, y, x); // x as out: the rows summed are x's
    }

    /**
     * Σ x_ij.
     *
     * @param x the matrix, any layout
     * @return the sum: each stored row reduced in float, the rows summed in double, then rounded to float
     */
    public float sum(Matrix x) {
        Checks.open("sum", "x", x);
        double s = 0;
        for (int r = 0; r < x.storedRows(); r++) s += impl.sum(x.storedCols(), x.segment, rowStart(x, r));
        return (float) s;
    }

    /**
     * Σ x_ij².
     *
     * @param x the matrix, any layout
     * @return the sum: each stored row reduced in float, the rows summed in double, then rounded to float
     */
    public float sumOfSquares(Matrix x) {
        Checks.open("sumOfSquares", "x", x);
        double s = 0;
        for (int r = 0; r < x.storedRows(); r++) s += impl.sumOfSquares(x.storedCols(), x.segment, rowStart(x, r));
        return (float) s;
    }

    /**
     * y_i = Σ_j a_ij, y a vector of length a.rows.
     *
     * @param a the matrix, any layout
     * @param y the row sums, a vector of any stride, overwritten; it must not overlap a
     */
    public void rowSums(Matrix a, Matrix y) {
        lineSums("rowSums", a, false, y);
    }

    /**
     * y_j = Σ_i a_ij, y a vector of length a.cols.
     *
     * @param a the matrix, any layout
     * @param y the column sums, a vector of any stride, overwritten; it must not overlap a
     */
    public void colSums(Matrix a, Matrix y) {
        lineSums("colSums", a, true, y);
    }

    /** Sums along the logical rows of a (or of aᵀ when {@code ofColumns}). */
    private void lineSums(String op, Matrix a, boolean ofColumns, Matrix y) {
        Checks.open(op, "a", a);
        Checks.open(op, "y", y);
        int lines = ofColumns ? a.cols : a.rows;
        Checks.vector(op, "y", y, lines);
        Checks.disjoint(op, "y", y, "a", a);
        int ystep = Checks.step(y);
        MemorySegment ys = y.segment;
        // Stored rows of a run along the summed direction: one reduction per line.
        if (ofColumns == a.transposed) {
            for (int l = 0; l < lines; l++) {
                ys.setAtIndex(Matrix.F32, y.offset + (long) l * ystep,
                        impl.sum(a.storedCols(), a.segment, rowStart(a, l)));
            }
            return;
        }
        // Stored rows of a run across lines: accumulate whole stored rows into y.
        for (int l = 0; l < lines; l++) ys.setAtIndex(Matrix.F32, y.offset + (long) l * ystep, 0f);
        for (int r = 0; r < a.storedRows(); r++) {
            if (ystep == 1) {
                impl.add(lines, a.segment, rowStart(a, r), ys, y.offset, ys, y.offset);
            } else {
                for (int l = 0; l < lines; l++) {
                    long yi = y.offset + (long) l * ystep;
                    impl.add(1, a.segment, rowStart(a, r) + l, ys, yi, ys, yi);
                }
            }
        }
    }

    /**
     * y_i = Σ_j a_ij², y a vector of length a.rows (squared row norms: neuron norms of a weight matrix).
     *
     * @param a the matrix, any layout
     * @param y the squared row norms, a vector of any stride, overwritten; it must not overlap a
     */
    public void rowSumsOfSquares(Matrix a, Matrix y) {
        String op = "rowSumsOfSquares";
        Checks.open(op, "a", a);
        Checks.open(op, "y", y);
        Checks.vector(op, "y", y, a.rows);
        Checks.disjoint(op, "y", y, "a", a);
        int ystep = Checks.step(y);
        for (int i = 0; i < a.rows; i++) {
            float v;
            if (a.transposed) {
                double s = 0;
                for (int j = 0; j < a.cols; j++) s += impl.sumOfSquares(1, a.segment, a.index(i, j));
                v = (float) s;
            } else {
                v = impl.sumOfSquares(a.cols, a.segment, rowStart(a, i));
            }
            y.segment.setAtIndex(Matrix.F32, y.offset + (long) i * ystep, v);
        }
    }

    /**
     * y_i += e_i · x_i for every row i: a per-row axpy, e a vector of length x.rows.
     *
     * @param e the per-row factors, a vector of any stride; it must not overlap y
     * @param x the rows added, any layout
     * @param y updated in place; x's shape, and either x itself or memory separate from it
     */
    public void axpyRows(Matrix e, Matrix x, Matrix y) {
        String op = "axpyRows";
        Checks.open(op, "e", e);
        binaryChecks(op, x, y);
        Checks.vector(op, "e", e, x.rows);
        Checks.disjoint(op, "y", y, "e", e);
        int estep = Checks.step(e);
        for (int i = 0; i < x.rows; i++) {
            float ei = e.segment.getAtIndex(Matrix.F32, e.offset + (long) i * estep);
            if (!x.transposed && !y.transposed) {
                impl.axpy(x.cols, ei, x.segment, rowStart(x, i), y.segment, rowStart(y, i));
            } else {
                for (int j = 0; j < x.cols; j++) impl.axpy(1, ei, x.segment, x.index(i, j), y.segment, y.index(i, j));
            }
        }
    }

    /**
     * Row i of dst = row {@code index[from + i]} of src, for {@code i < dst.rows}: a mini-batch gathered from a data
     * set. Both row-major (not transposed) with the same number of columns, or both column vectors.
     *
     * @param src the data set, one example per row
     * @param index row numbers of src, each in [0, src.rows); entries {@code from} to {@code from + dst.rows − 1}
     *     are read
     * @param from the first entry of {@code index} to use, ≥ 0
     * @param dst the mini-batch, overwritten; it must not overlap src
     */
    public void gatherRows(Matrix src, int[] index, int from, Matrix dst) {
        String op = "gatherRows";
        Checks.open(op, "src", src);
        Checks.open(op, "dst", dst);
        boolean columns = src.cols == 1 && dst.cols == 1; // vectors (labels): element by element, any layout
        if (!columns && (src.transposed || dst.transposed)) {
            throw new IllegalArgumentException(op + ": src " + src + " and dst " + dst + " must be row-major views");
        }
        if (src.cols != dst.cols) {
            throw new IllegalArgumentException(op + ": src is " + src.shape() + " but dst is " + dst.shape()
                    + " (expected the same number of columns)");
        }
        if (index == null || from < 0 || from + (long) dst.rows > index.length) {
            throw new IllegalArgumentException(
                    op + ": rows [" + from + ", " + (from + (long) dst.rows) + ") of an index of "
                            + (index == null ? "null" : index.length + " entries"));
        }
        Checks.disjoint(op, "dst", dst, "src", src);
        long bytes = (long) src.cols * Float.BYTES;
        for (int i = 0; i < dst.rows; i++) {
            int r = index[from + i];
            if (r < 0 || r >= src.rows) {
                throw new IllegalArgumentException(
                        op + ": index[" + (from + i) + "] = " + r + " outside [0, " + src.rows + ")");
            }
            if (columns)
                dst.segment.setAtIndex(Matrix.F32, dst.index(i, 0),
                        src.segment.getAtIndex(Matrix.F32, src.index(r, 0)));
            else
                MemorySegment.copy(src.segment, rowStart(src, r) * Float.BYTES, dst.segment,
                        rowStart(dst, i) * Float.BYTES, bytes);
        }
    }

    // ---- initialization ------------------------------------------------------------------------------

    /**
     * Fills x with N(mean, std²) samples that depend only on (seed, logical index): the same for every
     * provider and thread count. {@link #GAUSSIAN_ALGORITHM} names the generator.
     *
     * @param x the matrix filled, any shape and layout; the logical index is row-major in x's logical shape
     * @param seed the seed; equal seeds give equal samples at equal logical indices
     * @param mean the mean of the samples
     * @param std the standard deviation: samples are mean + std·N(0, 1), so 0 fills with the mean
     */
    public void gaussianFill(Matrix x, long seed, float mean, float std) {
        Checks.open("gaussianFill", "x", x);
        GaussianFill.fill(x, seed, mean, std);
    }

    /** The seeded Gaussian generator, for run manifests. */
    public static final String GAUSSIAN_ALGORITHM = GaussianFill.ALGORITHM;
}
