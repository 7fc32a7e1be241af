package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.relulab.core.TestMatrices.EPS;
import static org.relulab.core.TestMatrices.SIZES;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relulab.core.TestMatrices.Layout;

/**
 * {@link Kernels#kernelFromGram}: the provider under test and the scalar twin against the float64 formulas
 * over awkward sizes and every layout; the formulas against Monte-Carlo expectations over w ~ N(0, I/s);
 * neural-tangents' identities; exact values at the edges (parallel, antiparallel, zero inputs, NaN).
 */
class KernelFunctionTest extends ProvidersUnderTest {
    /**
     * Float error of the SIMD form at one element: a few roundings of each term, plus the conditioning of
     * arccos: c = g/(ab) carries a few float roundings, which move θ by up to δc/sin θ (≤ 2√δc near |c| = 1).
     */
    static double tolerance(KernelFunction f, double g, double sqX, double sqY) {
        double ab = Math.sqrt(sqX * sqY);
        double c = ab == 0 ? 0 : Math.max(-1, Math.min(1, g / ab));
        double sin = Math.sqrt((1 - c) * (1 + c)), dc = 4 * EPS;
        double dTheta = Math.min(2 * dc / Math.max(sin, 1e-300), 2 * Math.sqrt(dc));
        double u = f.sinWeight, v = f.angleDotWeight, e = f.angleWeight, z = f.dotWeight;
        double terms = ab * (Math.abs(u) + Math.PI * Math.abs(v) + Math.abs(z) + 1) + Math.PI * Math.abs(e);
        return 16 * EPS * terms + (Math.abs(u - v) * Math.abs(g) + Math.abs(e)) * dTheta
                + Math.abs(u) * ab * dTheta * dTheta;
    }

    /**
     * Every function on rows × cols Gram matrices of random inputs in d = 3, some columns parallel or antiparallel to
     * rows.
     */
    @Test
    void simdAndTwinMatchTheFloat64FormulasInEveryLayout() {
        Random rnd = new Random(5);
        Layout[] layouts = Layout.values();
        int d = 3;
        try (Workspace ws = Workspace.shared()) {
            for (int n : SIZES) {
                for (int shape = 0; shape < 3; shape++) {
                    int rows = shape == 0 ? 1 : shape == 1 ? 3 : Math.max(1, n / 37);
                    int cols = shape == 2 ? 37 : n;
                    double[][] x = points(rnd, rows, d), y = points(rnd, cols, d);
                    for (int j = 0; j < cols; j += 5) { // parallel, antiparallel or zero inputs
                        double k = j % 15 == 0 ? 0 : j % 10 == 0 ? -1.5 : 2;
                        for (int p = 0; p < d; p++) y[j][p] = k * x[j % rows][p];
                    }
                    for (KernelFunction f : KernelFunction.values()) {
                        Layout lg = layouts[rnd.nextInt(4)], lo = layouts[rnd.nextInt(4)];
                        float scale = rnd.nextBoolean() ? 1f : 1f / d;
                        Matrix gram = TestMatrices.view(ws, rnd, rows, cols, lg);
                        Matrix rowSq = rnd.nextBoolean() ? ws.vector(rows) : ws.column(rows), colSq = ws.vector(cols);
                        fill(x, y, gram, rowSq, colSq);
                        Matrix out = TestMatrices.view(ws, rnd, rows, cols, lo), twin = ws.matrix(rows, cols);
                        boolean inPlace = rnd.nextInt(4) == 0;
                        Matrix gramCopy = inPlace ? ws.matrix(rows, cols).copyFrom(gram) : gram;
                        kernels.kernelFromGram(f, scale, gram, rowSq, colSq, inPlace ? gram : out);
                        scalar.kernelFromGram(f, scale, gramCopy, rowSq, colSq, twin);
                        Matrix got = inPlace ? gram : out;
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < cols; j++) {
                                double g = scale * (double) gramCopy.get(i, j);
                                double sx = scale * (double) entry(rowSq, i);
                                double sy = scale * (double) colSq.get(0, j);
                                double want = f.value(g, sx, sy), tol = tolerance(f, g, sx, sy);
                                double a = got.get(i, j), b = twin.get(i, j);
                                if (!(Math.abs(a - want) <= tol) || !(Math.abs(b - want) <= tol)) {
                                    fail(f + " " + rows + "x" + cols + " gram " + lg
                                            + (inPlace ? " in place" : " out " + lo)
                                            + " at (" + i + ", " + j + "): got " + a + ", twin " + b + ", float64 "
                                            + want
                                            + " ± " + tol + " (g=" + g + ", |x|²=" + sx + ", |x'|²=" + sy + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[][] points(Random rnd, int count, int d) {
        double[][] p = new double[count][d];
        for (double[] row : p) for (int k = 0; k < d; k++) row[k] = rnd.nextGaussian();
        return p;
    }

    /** The Gram matrix and squared norms of x and y (rounded to float), into the given views. */
    private static void fill(double[][] x, double[][] y, Matrix gram, Matrix rowSq, Matrix colSq) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) gram.set(i, j, (float) dot(x[i], y[j]));
            setEntry(rowSq, i, (float) dot(x[i], x[i]));
        }
        for (int j = 0; j < y.length; j++) setEntry(colSq, j, (float) dot(y[j], y[j]));
    }

    private static float entry(Matrix v, int i) {
        return v.rows() == 1 ? v.get(0, i) : v.get(i, 0);
    }

    private static void setEntry(Matrix v, int i, float value) {
        if (v.rows() == 1) v.set(0, i, value);
        else v.set(i, 0, value);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }

    /**
     * The closed forms against Monte-Carlo means over w ~ N(0, I) (scale 1) and w ~ N(0, I/d) (scale 1/d, the
     * same draws scaled) of the four expectations they are built from, within 5 standard errors; the NTKs as
     * docs/papers.md composes them: E[σ(u)σ(v)] + (s·xᵀx′)·E[σ′(u)σ′(v)]. Checked on the kernel under test (float)
     * and the float64 value.
     */
    @Test
    void closedFormsMatchMonteCarloExpectations() {
        int d = 4, samples = 400_000;
        double[] scales = {1, 1.0 / d};
        double[] angles = {0, 0.3, Math.PI / 2, 2.0, Math.PI - 0.01, Math.PI};
        double a = 0.7, b = 1.9;
        // x along a random unit direction e1, x' in the plane of e1 and a second direction e2.
        SplittableRandom rnd = new SplittableRandom(11);
        double[] e1 = unit(rnd, d), e2 = unit(rnd, d);
        double proj = dot(e1, e2);
        for (int p = 0; p < d; p++) e2[p] -= proj * e1[p];
        double n2 = Math.sqrt(dot(e2, e2));
        for (int p = 0; p < d; p++) e2[p] /= n2;
        int pairs = angles.length;
        double[][] x = new double[pairs][], y = new double[pairs][];
        for (int k = 0; k < pairs; k++) {
            x[k] = new double[d];
            y[k] = new double[d];
            for (int p = 0; p < d; p++) {
                x[k][p] = a * e1[p];
                y[k][p] = b * (Math.cos(angles[k]) * e1[p] + Math.sin(angles[k]) * e2[p]);
            }
        }
        // sums[sc][k][q]: q = 0 ReLU·ReLU, 1 step·step, 2 |u||v|, 3 sign·sign, and their squares at q + 4
        double[][][] sums = new double[scales.length][pairs][8];
        double[] w = new double[d];
        for (int s = 0; s < samples; s++) {
            for (int p = 0; p < d; p++) w[p] = gaussian(rnd);
            for (int k = 0; k < pairs; k++) {
                double u1 = dot(w, x[k]), v1 = dot(w, y[k]);
                for (int sc = 0; sc < scales.length; sc++) {
                    double u = u1 * Math.sqrt(scales[sc]), v = v1 * Math.sqrt(scales[sc]);
                    double[] t = {Math.max(u, 0) * Math.max(v, 0), u > 0 && v > 0 ? 1 : 0, Math.abs(u * v),
                            Math.signum(u) * Math.signum(v)};
                    for (int q = 0; q < 4; q++) {
                        sums[sc][k][q] += t[q];
                        sums[sc][k][q + 4] += t[q] * t[q];
                    }
                }
            }
        }
        try (Workspace ws = Workspace.shared()) {
            Matrix gram = ws.matrix(1, pairs), rowSq = ws.vector(1), colSq = ws.vector(pairs),
                    out = ws.matrix(1, pairs);
            rowSq.set(0, 0, (float) (a * a));
            for (int k = 0; k < pairs; k++) {
                gram.set(0, k, (float) dot(x[k], y[k]));
                colSq.set(0, k, (float) (b * b));
            }
            for (int sc = 0; sc < scales.length; sc++) {
                double scale = scales[sc];
                for (KernelFunction f : KernelFunction.values()) {
                    kernels.kernelFromGram(f, (float) scale, gram, rowSq, colSq, out);
                    for (int k = 0; k < pairs; k++) {
                        double g = scale * dot(x[k], y[k]);
                        double[] mean = new double[4], se = new double[4];
                        for (int q = 0; q < 4; q++) {
                            mean[q] = sums[sc][k][q] / samples;
                            se[q] = Math.sqrt(Math.max(0, sums[sc][k][q + 4] / samples - mean[q] * mean[q]) / samples);
                        }
                        double[] mc = switch (f) {
                            case ARC_COSINE_0 -> new double[] {mean[1], se[1]};
                            case ARC_COSINE_1 -> new double[] {mean[0], se[0]};
                            case RELU_NTK -> new double[] {mean[0] + g * mean[1], se[0] + Math.abs(g) * se[1]};
                            case RELU_NTK_FIRST_LAYER -> new double[] {g * mean[1], Math.abs(g) * se[1]};
                            case ABS -> new double[] {mean[2], se[2]};
                            case ABS_NTK -> new double[] {mean[2] + g * mean[3], se[2] + Math.abs(g) * se[3]};
                            case ABS_NTK_FIRST_LAYER -> new double[] {g * mean[3], Math.abs(g) * se[3]};
                        };
                        double exact = f.value(g, scale * a * a, scale * b * b);
                        String at = f + " at θ = " + angles[k] + ", scale " + scale;
                        assertEquals(mc[0], exact, 5 * mc[1] + 1e-12,
                                at + ": closed form vs Monte Carlo (" + samples + " samples)");
                        assertEquals(exact, out.get(0, k), tolerance(f, g, scale * a * a, scale * b * b) + 1e-6,
                                at + ": kernel vs float64");
                    }
                }
            }
        }
    }

    private static double[] unit(SplittableRandom rnd, int d) {
        double[] v = new double[d];
        for (int p = 0; p < d; p++) v[p] = gaussian(rnd);
        double n = Math.sqrt(dot(v, v));
        for (int p = 0; p < d; p++) v[p] /= n;
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A Gram matrix with its own diagonal as the norms (a train × train kernel) gets cosine 1 exactly on the
     * diagonal at any scale, in the vector body and the tail: κ₀ = 1/2, and the |·| first-layer NTK is g.
     */
    @Test
    void selfNormsGiveExactDiagonals() {
        int n = 37, d = 3;
        Random rnd = new Random(8);
        try (Workspace ws = Workspace.shared()) {
            double[][] x = points(rnd, n, d);
            Matrix gram = ws.matrix(n, n), sq = ws.vector(n), out = ws.matrix(n, n);
            fill(x, x, gram, sq, sq);
            for (int i = 0; i < n; i++) sq.set(0, i, gram.get(i, i));
            for (Kernels k : new Kernels[] {simd, scalar}) {
                k.kernelFromGram(KernelFunction.ARC_COSINE_0, 1f / d, gram, sq, sq, out);
                for (int i = 0; i < n; i++)
                    assertEquals(0.5f, out.get(i, i), k.provider() + " κ₀ at (" + i + ", " + i + ")");
                k.kernelFromGram(KernelFunction.ABS_NTK_FIRST_LAYER, 1f / d, gram, sq, sq, out);
                for (int i = 0; i < n; i++) {
                    float g = gram.get(i, i) / d;
                    assertEquals(g, out.get(i, i), 2 * Math.ulp(g),
                            k.provider() + " |·| first layer at (" + i + ", " + i + ")");
                }
            }
        }
    }

    /** neural-tangents' forms: ABRelu(−1, 1) gives E|u||v| = 4κ₁ − g and E[sign sign] = 4κ₀ − 1; Θ = κ₁ + gκ₀. */
    @Test
    void identitiesBetweenTheFunctions() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 1000; t++) {
            double sx = 0.01 + 4 * rnd.nextDouble(), sy = 0.01 + 4 * rnd.nextDouble();
            double g = (2 * rnd.nextDouble() - 1) * Math.sqrt(sx * sy);
            double k0 = KernelFunction.ARC_COSINE_0.value(g, sx, sy), k1 = KernelFunction.ARC_COSINE_1.value(g, sx, sy);
            double tol = 1e-13 * (1 + Math.sqrt(sx * sy));
            assertEquals(4 * k1 - g, KernelFunction.ABS.value(g, sx, sy), tol);
            assertEquals(g * (4 * k0 - 1), KernelFunction.ABS_NTK_FIRST_LAYER.value(g, sx, sy), tol);
            assertEquals(4 * k1 - g + g * (4 * k0 - 1), KernelFunction.ABS_NTK.value(g, sx, sy), tol);
            assertEquals(k1 + g * k0, KernelFunction.RELU_NTK.value(g, sx, sy), tol);
            assertEquals(g * k0, KernelFunction.RELU_NTK_FIRST_LAYER.value(g, sx, sy), tol);
        }
    }

    /**
     * Exact edges on both providers, long enough for the vector body and a tail: x′ = 2x (θ = 0), x′ = −2x
     * (θ = π), a zero input, a cosine rounded past ±1 (clamped), NaN.
     */
    @Test
    void edgesOnBothProviders() {
        float a2 = 1.5f; // ‖x‖²
        // {g, ‖x′‖²} and the expected {κ₀, κ₁, |·| kernel} (NaN: expect NaN)
        float[][] cases = {
                {2 * a2, 4 * a2, 0.5f, a2, 2 * a2},        // x′ = 2x
                {-2 * a2, 4 * a2, 0f, 0f, 2 * a2},         // x′ = −2x
                {0f, 0f, 0.25f, 0f, 0f},                   // x′ = 0
                {1.0000001f * a2, a2, 0.5f, a2 / 2, a2},   // cosine just above 1
                {-1.0000001f * a2, a2, 0f, 0f, a2},        // cosine just below −1
                {Float.NaN, a2, Float.NaN, Float.NaN, Float.NaN},
        };
        int n = 7 * cases.length; // every species' vector body, then a tail
        try (Workspace ws = Workspace.shared()) {
            Matrix gram = ws.matrix(1, n), rowSq = ws.vector(1).fill(a2), colSq = ws.vector(n), out = ws.matrix(1, n);
            for (int j = 0; j < n; j++) {
                gram.set(0, j, cases[j % cases.length][0]);
                colSq.set(0, j, cases[j % cases.length][1]);
            }
            KernelFunction[] fs = {KernelFunction.ARC_COSINE_0, KernelFunction.ARC_COSINE_1, KernelFunction.ABS};
            for (Kernels k : new Kernels[] {simd, scalar}) {
                for (int q = 0; q < fs.length; q++) {
                    k.kernelFromGram(fs[q], 1f, gram, rowSq, colSq, out);
                    for (int j = 0; j < n; j++) {
                        float want = cases[j % cases.length][2 + q], got = out.get(0, j);
                        String at = k.provider() + " " + fs[q] + " case " + (j % cases.length) + " at " + j;
                        if (Float.isNaN(want)) assertTrue(Float.isNaN(got), at + ": " + got);
                        else assertEquals(want, got, 2e-6 * (1 + Math.abs(want)), at);
                    }
                }
            }
        }
    }
}
