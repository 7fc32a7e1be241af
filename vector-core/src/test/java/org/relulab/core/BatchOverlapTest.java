package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.BadInputTest.fails;
import static org.relulab.core.TestMatrices.assertBitIdentical;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outputs of a (batched) GEMM never share memory with its inputs or with each other: problem p's C against every
 * problem's A and B, and against every other problem's C. These calls used to run and return wrong products.
 */
class BatchOverlapTest {
    static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = TestMatrices.underTest(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    @Test
    void oneProblemsOutputIsAnothersInput() {
        try (Workspace ws = Workspace.shared()) {
            Matrix m = ws.matrix(8, 4), b = ws.matrix(4, 4);
            long twoRows = 2L * m.stride();
            // A of problem p is rows [2p, 2p + 2), C of problem p rows [2p + 2, 2p + 4): C_0 is A_1.
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, m.rows(0, 2), twoRows, b, 0, 0f, m.rows(2, 4), twoRows,
                            2),
                    "output C of problem 0 overlaps input A of problem 1");
            // The same with B: B of problem p is rows [4p, 4p + 4) of a 4-column matrix, C_0 is inside B_1.
            Matrix bs = ws.matrix(12, 4), a = ws.matrix(2, 4);
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a, 0, bs.rows(0, 4), 4L * bs.stride(), 0f,
                            bs.rows(5, 7), 4L * bs.stride(), 2),
                    "output C of problem 0 overlaps input B of problem 1");
        }
    }

    @Test
    void aProblemsOutputIsItsOwnInput() {
        try (Workspace ws = Workspace.shared()) {
            Matrix m = ws.matrix(8, 4), b = ws.matrix(4, 4);
            // A_p = rows [4p, 4p + 2), C_p = rows [2 + 2p, 4 + 2p): only C_1 and A_1 meet (rows 4 and 5).
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, m.rows(0, 2), 4L * m.stride(), b, 0, 0f, m.rows(2, 4),
                            2L * m.stride(), 2),
                    "output C of problem 1 overlaps input A of problem 1");
        }
    }

    @Test
    void twoProblemsOutputsOverlap() {
        try (Workspace ws = Workspace.shared()) {
            Matrix m = ws.matrix(8, 4), a = ws.matrix(2, 4), b = ws.matrix(4, 4);
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a, 0, b, 0, 0f, m.rows(0, 2), m.stride(), 3),
                    "output C of problem 1 overlaps C of problem 0");
            fails(IllegalArgumentException.class,
                    () -> kernels.gemmBatched(false, false, 1f, a, 0, b, 0, 0f, m.rows(0, 2), 0, 2),
                    "output C of problem 1 overlaps C of problem 0");
        }
    }

    /** Outputs that interleave without sharing an element (column blocks of one matrix) are fine. */
    @Test
    void interleavedOutputsThatShareNothingRun() {
        int batch = 4, m = 5, n = 3, k = 6;
        Random rnd = new Random(17);
        try (Workspace ws = Workspace.shared()) {
            Matrix as = TestMatrices.random(ws, rnd, batch * m, k, TestMatrices.Layout.DENSE);
            Matrix b = TestMatrices.random(ws, rnd, k, n, TestMatrices.Layout.DENSE);
            Matrix wide = ws.matrix(m, batch * n).fill(Float.NaN), one = ws.matrix(m, n);
            kernels.gemmBatched(false, false, 1f, as.rows(0, m), (long) m * as.stride(), b, 0, 0f, wide.cols(0, n), n,
                    batch);
            for (int p = 0; p < batch; p++) {
                kernels.gemm(false, false, 1f, as.rows(p * m, (p + 1) * m), b, 0f, one);
                assertBitIdentical("problem " + p, one, wide.cols(p * n, (p + 1) * n));
            }
        }
    }

    /** The single GEMM refuses C that is A or B itself, as its batched form does. */
    @Test
    void singleGemmRefusesAnOutputThatIsAnInput() {
        try (Workspace ws = Workspace.shared()) {
            Matrix a = ws.matrix(4, 4), b = ws.matrix(4, 4);
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, a, b, 0f, a),
                    "overlaps input A");
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, a, b, 1f, b),
                    "overlaps input B");
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, true, 1f, a, b, 0f, b.t()),
                    "overlaps input B");
        }
    }

    /**
     * Memory is compared by address, not by segment object: two segments over one native block or one array are
     * the same memory; a read-only view of an array (which hides the array) counts as possibly any array.
     */
    @Test
    void segmentsAreComparedByTheMemoryTheyCover() {
        float[] data = new float[64], other = new float[64];
        Matrix c = Matrix.wrap(MemorySegment.ofArray(data), 0, 4, 4, 4);
        Matrix readOnlyA = Matrix.wrap(MemorySegment.ofArray(data).asReadOnly(), 0, 4, 4, 4);
        Matrix b = Matrix.wrap(MemorySegment.ofArray(other), 0, 4, 4, 4);
        fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, readOnlyA, b, 0f, c),
                "overlaps input A");
        kernels.gemm(false, false, 1f, Matrix.wrap(MemorySegment.ofArray(other), 16, 4, 4, 4), b, 0f, c);
        try (Workspace ws = Workspace.shared()) {
            MemorySegment block = ws.allocate(64 * Float.BYTES);
            Matrix x = Matrix.wrap(block, 0, 4, 4, 4);
            Matrix alias = Matrix.wrap(block.asSlice(16), 0, 4, 4, 4); // rows 1..4 of x's grid
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, x, b, 0f, alias),
                    "overlaps input A");
            Matrix rows13 = Matrix.wrap(block, 4, 3, 4, 4), sameRows = Matrix.wrap(block.asSlice(16), 0, 3, 4, 4);
            kernels.relu(rows13, sameRows); // in place through another segment object
        }
    }

    /** Views at byte offsets that are not a multiple of 4 meet when any of their bytes do. */
    @Test
    void misalignedViewsMeetByTheirBytes() {
        try (Workspace ws = Workspace.shared()) {
            MemorySegment block = ws.allocate(64 * Float.BYTES + 4);
            Matrix c = Matrix.wrap(block, 0, 2, 4, 16), b = ws.matrix(4, 4);
            Matrix overlapping = Matrix.wrap(block.asSlice(2), 3, 2, 4, 16); // starts in the middle of C's last float
            fails(IllegalArgumentException.class, () -> kernels.gemm(false, false, 1f, overlapping, b, 0f, c),
                    "overlaps input A");
            Matrix beside = Matrix.wrap(block.asSlice(2), 8, 2, 4, 16); // columns 8.5 to 12.5: no byte of C
            kernels.gemm(false, false, 1f, beside, b, 0f, c);
        }
    }

    // ---- randomized: the checks against brute force ----------------------------------------------------

    static final int BUFFER_FLOATS = 256;

    /** A random view of up to 5 × 5 stored elements at offset 0 of a slice of {@code buffer} (byte offset 0 to 3). */
    static Matrix randomView(Random rnd, MemorySegment buffer) {
        int rows = rnd.nextInt(6), cols = rnd.nextInt(6);
        if (rnd.nextInt(8) != 0) rows = Math.max(rows, 1);
        if (rnd.nextInt(8) != 0) cols = Math.max(cols, 1);
        int[] strides = {cols, 5, 8, 8, cols + rnd.nextInt(6)};
        int stride = strides[rnd.nextInt(strides.length)];
        int shift = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
        return Matrix.wrap(buffer.asSlice(shift, (long) BUFFER_FLOATS * Float.BYTES), 0, rows, cols, stride);
    }

    /** A batch stride for view v: 0, small, about one span, or a multiple of its row stride. */
    static long randomStride(Random rnd, Matrix v) {
        long span = v.size() == 0 ? 0 : (long) (v.storedRows() - 1) * v.stride() + v.storedCols();
        return switch (rnd.nextInt(5)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(12);
            case 2 -> span + rnd.nextInt(3);
            case 3 -> (long) v.stride() * (1 + rnd.nextInt(3));
            default -> rnd.nextInt(40);
        };
    }

    /** v moved to a random offset where all {@code batch} problems, {@code stride} apart, fit (null if none). */
    static Matrix place(Random rnd, Matrix v, long stride, int batch) {
        long span = v.size() == 0 ? 0 : (long) (v.storedRows() - 1) * v.stride() + v.storedCols();
        long room = BUFFER_FLOATS - (batch - 1L) * stride - span;
        if (room < 0) return null;
        return Matrix.wrap(v.segment(), (long) (rnd.nextDouble() * (room + 1)), v.storedRows(), v.storedCols(),
                v.stride());
    }

    /**
     * Random pairs of strided families in one small buffer, both orientations and byte offsets 0 to 3: the
     * overlap arithmetic agrees with brute force on every one, and the pair it names does overlap.
     */
    @Test
    void overlapArithmeticAgreesWithBruteForce() {
        Random rnd = new Random(20240614);
        int[] verdicts = new int[2];
        try (Workspace ws = Workspace.shared()) {
            MemorySegment buffer = ws.allocate(BUFFER_FLOATS * Float.BYTES + 4);
            long origin = buffer.address();
            for (int trial = 0; trial < 20_000; trial++) {
                int batch = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 12);
                Matrix x0 = randomView(rnd, buffer), y0 = randomView(rnd, buffer);
                long tx = randomStride(rnd, x0), ty = rnd.nextInt(3) == 0 ? tx : randomStride(rnd, y0);
                Matrix x = place(rnd, x0, tx, batch), y = place(rnd, y0, ty, batch);
                if (x == null || y == null) continue;
                if (rnd.nextBoolean()) x = x.t();
                if (rnd.nextBoolean()) y = y.t();
                boolean self = rnd.nextInt(4) == 0;
                if (self) {
                    y = x;
                    ty = tx;
                }
                boolean want = false;
                for (int p = 0; p < batch && !want; p++) {
                    for (int q = 0; q < batch && !want; q++) {
                        if (!(self && p == q)) want = Footprints.conflict(x, p * tx, y, q * ty, origin);
                    }
                }
                long got = self ? Overlap.within(x, tx, batch) : Overlap.between(x, tx, y, ty, batch);
                String what = "trial " + trial + ": X " + x + " every " + tx + ", Y " + y + " every " + ty + ", batch "
                        + batch + (self ? ", X against itself" : "");
                assertEquals(want, got != Overlap.NONE, what);
                if (got != Overlap.NONE) {
                    int p = Overlap.first(got), q = Overlap.second(got);
                    assertTrue(p >= 0 && p < batch && q >= 0 && q < batch && !(self && p == q), what);
                    assertTrue(Footprints.conflict(x, p * tx, y, q * ty, origin),
                            what + ": named pair " + p + ", " + q);
                }
                verdicts[want ? 1 : 0]++;
            }
        }
        assertTrue(verdicts[0] > 2000 && verdicts[1] > 2000, "both verdicts well represented: " + verdicts[0] + " / "
                + verdicts[1]);
    }

    /**
     * Random batched GEMMs whose operands share one small buffer: refused exactly when brute force finds a
     * problem's C meeting any problem's A or B, or another problem's C; when accepted, every problem's C is its
     * product (float64 reference from the operands as they were before the call).
     */
    @Test
    void randomBatchesAreRefusedExactlyWhenTheyOverlap() {
        Random rnd = new Random(99);
        int[] verdicts = new int[2];
        try (Workspace ws = Workspace.shared()) {
            MemorySegment buffer = ws.allocate(BUFFER_FLOATS * Float.BYTES + 4);
            long origin = buffer.address();
            for (int trial = 0; trial < 1500; trial++) {
                // Bytes 0x3C to 0x3F: every 4 of them, at any alignment, are a float in [2^-7, 2).
                for (long i = 0; i < buffer.byteSize(); i++)
                    buffer.set(ValueLayout.JAVA_BYTE, i, (byte) (0x3C + rnd.nextInt(4)));
                int batch = 1 + rnd.nextInt(4), m = 1 + rnd.nextInt(3), n = 1 + rnd.nextInt(3), k = rnd.nextInt(4);
                boolean ta = rnd.nextBoolean(), tb = rnd.nextBoolean();
                int[][] shapes = {{ta ? k : m, ta ? m : k}, {tb ? n : k, tb ? k : n}, {m, n}}; // logical A, B, C
                Matrix[] ops = new Matrix[3];
                long[] strides = new long[3];
                for (int i = 0; i < 3; i++) {
                    boolean stored = rnd.nextBoolean(); // stored as the transpose, viewed through t()
                    int r = shapes[i][stored ? 1 : 0], cl = shapes[i][stored ? 0 : 1];
                    ops[i] = fixedView(rnd, buffer, r, cl, batch, strides, i);
                    if (ops[i] != null && stored) ops[i] = ops[i].t();
                }
                if (ops[0] == null || ops[1] == null || ops[2] == null) continue;
                Matrix a = ops[0], b = ops[1], c = ops[2];
                boolean want = false;
                for (int p = 0; p < batch; p++) {
                    for (int q = 0; q < batch; q++) {
                        want |= Footprints.conflict(c, p * strides[2], a, q * strides[0], origin)
                                || Footprints.conflict(c, p * strides[2], b, q * strides[1], origin)
                                || (p != q && Footprints.conflict(c, p * strides[2], c, q * strides[2], origin));
                    }
                }
                verdicts[want ? 1 : 0]++;
                runAndCompare(trial, want, ta, tb, a, b, c, strides, batch);
            }
        }
        assertTrue(verdicts[0] > 150 && verdicts[1] > 150, "both verdicts well represented: " + verdicts[0] + " / "
                + verdicts[1]);
    }

    /** A stored rows × cols view with a random batch stride (written to strides[i]) whose problems all fit. */
    static Matrix fixedView(Random rnd, MemorySegment buffer, int rows, int cols, int batch, long[] strides, int i) {
        int stride = Math.max(cols, rnd.nextBoolean() ? 8 : cols + rnd.nextInt(3));
        long span = rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * stride + cols;
        long[] choices = {0, rnd.nextInt(10), span + rnd.nextInt(3), (long) stride * (1 + rnd.nextInt(3))};
        strides[i] = choices[rnd.nextInt(choices.length)];
        long room = BUFFER_FLOATS - (batch - 1L) * strides[i] - span;
        if (room < 0) return null;
        int shift = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0;
        MemorySegment seg = buffer.asSlice(shift, (long) BUFFER_FLOATS * Float.BYTES);
        return Matrix.wrap(seg, (long) (rnd.nextDouble() * (room + 1)), rows, cols, stride);
    }

    private static void runAndCompare(int trial, boolean overlapping, boolean ta, boolean tb, Matrix a, Matrix b,
            Matrix c, long[] strides, int batch) {
        double[][][][] ref = new double[batch][][][];
        for (int p = 0; p < batch; p++) {
            Matrix ap = shifted(a, p * strides[0]), bp = shifted(b, p * strides[1]), cp = shifted(c, p * strides[2]);
            ref[p] = GemmTest.reference(1f, GemmTest.op(ap, ta), GemmTest.op(bp, tb), 0.5f, TestMatrices.toDouble(cp));
        }
        String what = "trial " + trial + ": A " + a + " every " + strides[0] + ", B " + b + " every " + strides[1]
                + ", C " + c + " every " + strides[2] + ", batch " + batch;
        try {
            kernels.gemmBatched(ta, tb, 1f, a, strides[0], b, strides[1], 0.5f, c, strides[2], batch);
        } catch (IllegalArgumentException e) {
            if (!overlapping || !e.getMessage().contains("overlaps")) fail(what + ": refused with " + e.getMessage());
            return;
        }
        if (overlapping) fail(what + ": accepted, but its problems overlap");
        for (int p = 0; p < batch; p++) {
            TestMatrices.assertClose(what + ", problem " + p, ref[p][0], ref[p][1], shifted(c, p * strides[2]));
        }
    }

    /** The view of problem p: {@code v} moved by {@code shift} elements (same shape and layout). */
    static Matrix shifted(Matrix v, long shift) {
        return new Matrix(v.segment, v.offset + shift, v.rows, v.cols, v.stride, v.transposed);
    }
}
