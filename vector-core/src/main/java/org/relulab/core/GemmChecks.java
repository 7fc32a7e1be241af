package org.relulab.core;

/**
 * The argument checks of a GEMM and of its batched form, C = α·op(A)·op(B) + β·C and optionally H = σ(C), problem
 * p using every view moved by p times its batch stride (in elements). Each failure is one message naming the
 * operands, and the problems for a batch. Once they pass, every element any problem touches lies inside its
 * segment (so the engines' offset arithmetic cannot overflow), and no problem's output shares memory with any
 * problem's input or with another problem's output; H may be C itself (the activation in place). O(1) for a
 * single GEMM, O(batch) for a batch in the usual layouts ({@link Overlap} says when more); nothing is allocated
 * unless a check fails.
 */
final class GemmChecks {
    private GemmChecks() {}

    static void check(String op, boolean transA, boolean transB, Matrix a, long strideA, Matrix b, long strideB,
            Matrix c, long strideC, Activation act, Matrix h, long strideH, int batch) {
        Checks.open(op, "A", a);
        Checks.open(op, "B", b);
        Checks.open(op, "C", c);
        if (act != null) Checks.open(op, "H", h);
        shapes(op, transA, transB, a, b, c, act, h);
        if (batch < 1) throw new IllegalArgumentException(op + ": batch = " + batch + " (expected at least 1)");
        fits(op, "A", a, strideA, batch);
        fits(op, "B", b, strideB, batch);
        fits(op, "C", c, strideC, batch);
        if (act != null) {
            fits(op, "H", h, strideH, batch);
            if (batch == 1) {
                Checks.inPlaceOrDisjoint(op, "H", h, "C", c);
            } else if (!Checks.sameView(h, c) || strideH != strideC) {
                disjoint(op, "H", h, strideH, "C", c, strideC, batch);
                outputs(op, "H", h, strideH, batch);
            }
            disjoint(op, "H", h, strideH, "A", a, strideA, batch);
            disjoint(op, "H", h, strideH, "B", b, strideB, batch);
        }
        outputs(op, "C", c, strideC, batch);
        disjoint(op, "C", c, strideC, "A", a, strideA, batch);
        disjoint(op, "C", c, strideC, "B", b, strideB, batch);
    }

    /** op(A) is m × k, op(B) k × n, C (and H, in C's layout) m × n. */
    private static void shapes(String op, boolean transA, boolean transB, Matrix a, Matrix b, Matrix c, Activation act,
            Matrix h) {
        int m = transA ? a.cols : a.rows, ka = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows, n = transB ? b.rows : b.cols;
        if (ka != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException(op + ": op(A) is " + m + "x" + ka + " (A " + a.shape()
                    + (transA ? " transposed" : "") + "), op(B) is " + kb + "x" + n + " (B " + b.shape()
                    + (transB ? " transposed" : "") + "), C is " + c.shape() + " (expected C " + m + "x" + n
                    + " and equal inner dimensions)");
        }
        if (act != null) {
            Checks.sameShape(op, "C", c, "H", h);
            if (h.transposed != c.transposed) {
                throw new IllegalArgumentException(op + ": H " + h + " and C " + c + " must have the same layout");
            }
        }
    }

    /**
     * A non-negative stride, and the last problem inside the segment, in exact arithmetic: a stride whose
     * multiples overflow a long used to wrap around and land later problems on problem 0. The first problem is
     * the view itself, inside by construction; a problem whose view is empty touches nothing.
     */
    private static void fits(String op, String name, Matrix m, long stride, int batch) {
        if (stride < 0) {
            throw new IllegalArgumentException(op + ": stride of " + name + " = " + stride
                    + " (expected >= 0 elements from one problem's " + name + " to the next)");
        }
        if (batch == 1) return;
        long start;
        try {
            start = Math.addExact(m.offset, Math.multiplyExact(batch - 1L, stride));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(op + ": stride of " + name + " = " + stride + " with batch " + batch
                    + ": problem " + (batch - 1) + " of " + name + " would start at element " + m.offset + " + "
                    + (batch - 1) + "·" + stride + ", beyond the long range");
        }
        String outside = Matrix.outside(start, m.extent(), m.segment);
        if (m.size() > 0 && outside != null) {
            throw new IllegalArgumentException(op + ": problem " + (batch - 1) + " of " + name + " (" + name + " " + m
                    + " every " + stride + " elements) " + outside);
        }
    }

    /** No two problems' outputs share memory. */
    private static void outputs(String op, String name, Matrix m, long stride, int batch) {
        long pair = Overlap.within(m, stride, batch);
        if (pair != Overlap.NONE) {
            throw new IllegalArgumentException(op + ": output " + name + " of problem " + Overlap.first(pair)
                    + " overlaps " + name + " of problem " + Overlap.second(pair) + " (" + name + " " + m + " every "
                    + stride + " elements; expected problems that share no element)");
        }
    }

    /** No problem's output shares memory with any problem's input (the single GEMM's message when batch = 1). */
    private static void disjoint(String op, String outName, Matrix out, long outStride, String inName, Matrix in,
            long inStride, int batch) {
        if (batch == 1) {
            Checks.disjoint(op, outName, out, inName, in);
            return;
        }
        long pair = Overlap.between(out, outStride, in, inStride, batch);
        if (pair != Overlap.NONE) {
            throw new IllegalArgumentException(op + ": output " + outName + " of problem " + Overlap.first(pair)
                    + " overlaps input " + inName + " of problem " + Overlap.second(pair) + " (" + outName + " " + out
                    + " every " + outStride + " elements, " + inName + " " + in + " every " + inStride
                    + "; expected separate memory)");
        }
    }
}
