package org.relulab.training.baseline;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * The Gram matrices against finite random-feature networks (neural-tangents' Monte-Carlo check): with m
 * first-layer weights w_r ~ N(0, I/d) and a_r² = 1, the empirical kernel (1/m) Σ_r [σ(w_rᵀx)σ(w_rᵀx′)
 * + (xᵀx′/d) σ′(w_rᵀx)σ′(w_rᵀx′)] (its terms as the trained layers select) converges to the kernel, and
 * κ₀ is the mean of step·step. Each entry is held within 6 standard errors, estimated from 32 batches.
 */
class RandomFeaturesTest {
    private static final int D = 6, N = 10, BATCHES = 32, PER_BATCH = 1 << 15;

    static Kernels kernels;

    @BeforeAll
    static void open() { kernels = Kernels.create(); }

    @AfterAll
    static void close() { kernels.close(); }

    @Test
    void gramMatricesMatchRandomFeatureAverages() {
        try (Workspace ws = Workspace.shared()) {
            Matrix x = ws.matrix(N, D), w = ws.matrix(PER_BATCH, D);
            kernels.gaussianFill(x, 7, 0f, 1f);
            for (int p = 0; p < D; p++) { // a parallel and an antiparallel pair
                x.set(1, p, 2 * x.get(0, p));
                x.set(3, p, -0.5f * x.get(2, p));
            }
            Matrix xx = ws.matrix(N, N);
            kernels.gemm(false, true, 1f / D, x, x, 0f, xx); // xᵀx′/d
            Matrix z = ws.matrix(N, PER_BATCH), phi = ws.matrix(N, PER_BATCH), dphi = ws.matrix(N, PER_BATCH);
            Matrix ones = ws.matrix(N, PER_BATCH).fill(1f), outer = ws.matrix(N, N), douter = ws.matrix(N, N);
            // sums[a][q][i][j]: activation a (ReLU, abs), term q (output layer σσ, first layer σ′σ′), first and second
            // moments
            double[][][][] sum = new double[2][2][N][N], sum2 = new double[2][2][N][N];
            Activation[] acts = {Activation.RELU, Activation.ABS};
            for (int b = 0; b < BATCHES; b++) {
                kernels.gaussianFill(w, 100 + b, 0f, (float) Math.sqrt(1.0 / D));
                kernels.gemm(false, true, 1f, x, w, 0f, z);
                for (int a = 0; a < 2; a++) {
                    kernels.activate(acts[a], z, phi);
                    kernels.activateBackward(acts[a], ones, z, dphi);
                    kernels.gemm(false, true, 1f / PER_BATCH, phi, phi, 0f, outer);
                    kernels.gemm(false, true, 1f / PER_BATCH, dphi, dphi, 0f, douter);
                    for (int i = 0; i < N; i++) {
                        for (int j = 0; j < N; j++) {
                            double[] t = {outer.get(i, j), douter.get(i, j)};
                            for (int q = 0; q < 2; q++) {
                                sum[a][q][i][j] += t[q];
                                sum2[a][q][i][j] += t[q] * t[q];
                            }
                        }
                    }
                }
            }
            Matrix gram = ws.matrix(N, N), cross = ws.matrix(N, N);
            for (NeuralTangentKernel.Layers layers : NeuralTangentKernel.Layers.values()) {
                for (int a = 0; a < 2; a++) {
                    NeuralTangentKernel k = new NeuralTangentKernel(acts[a], layers);
                    double wOut = layers == NeuralTangentKernel.Layers.FIRST ? 0 : 1;
                    double wFirst = layers == NeuralTangentKernel.Layers.LAST ? 0 : 1;
                    check(k, x, xx, sum[a], sum2[a], wOut, wFirst, gram, cross);
                }
            }
            // κ₀ = E[step·step] is the first-layer term of ReLU without the xᵀx′/d factor; κ₁ its output-layer term.
            check(new ArcCosineKernel(0), x, null, sum[0], sum2[0], 0, 1, gram, cross);
            check(new ArcCosineKernel(1), x, null, sum[0], sum2[0], 1, 0, gram, cross);
        }
    }

    /**
     * Holds trainGram and crossGram of {@code k} against wOut·(σσ average) + wFirst·(xᵀx′/d or 1)·(σ′σ′
     * average), within 6 standard errors of the batch means.
     */
    private static void check(DotProductKernel k, Matrix x, Matrix xx, double[][][] sum, double[][][] sum2, double wOut,
            double wFirst, Matrix gram, Matrix cross) {
        k.trainGram(kernels, x, gram);
        k.crossGram(kernels, x, x, cross);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double g = xx == null ? 1 : xx.get(i, j);
                double mean = 0, var = 0;
                for (int q = 0; q < 2; q++) {
                    double c = q == 0 ? wOut : wFirst * g;
                    double m = sum[q][i][j] / BATCHES, v = Math.max(0, sum2[q][i][j] / BATCHES - m * m);
                    mean += c * m;
                    var += 2 * c * c * v; // the two terms are correlated: 2(v₁ + v₂) bounds var(t₁ + t₂)
                }
                double tol = 6 * Math.sqrt(var / (BATCHES - 1)) + 1e-6;
                for (Matrix m : new Matrix[] {gram, cross}) {
                    double got = m.get(i, j);
                    if (!(Math.abs(got - mean) <= tol)) {
                        fail(k.describe() + (m == gram ? " trainGram" : " crossGram") + " (" + i + ", " + j + ") = "
                                + got
                                + ", random features " + mean + " ± " + tol);
                    }
                }
            }
        }
    }
}
