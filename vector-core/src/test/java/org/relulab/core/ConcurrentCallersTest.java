package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The thread-safety contract of {@link Kernels} (its class comment): one instance serves many calling threads at
 * once; their GEMMs take turns on its workers, the other kernels run on the callers; every result is bit-identical
 * to the same call made alone. Eight callers share one 2-thread instance here, each with its own operands, and each
 * result is checked against the same work done single-threaded, one caller at a time, beforehand.
 */
class ConcurrentCallersTest {
    private static final int CALLERS = 8, ROUNDS = 20;

    /** One caller's operands and outputs, all in a shared workspace (any thread may touch them). */
    private static final class Work {
        final Matrix a, b, c, h, r, v, f, g, sums;
        float dot;

        Work(Workspace ws, long seed) {
            Random rnd = new Random(seed);
            int m = 37 + rnd.nextInt(200), n = 29 + rnd.nextInt(150), k = 17 + rnd.nextInt(300);
            a = TestMatrices.random(ws, rnd, m, k, TestMatrices.Layout.DENSE);
            b = TestMatrices.random(ws, rnd, n, k, TestMatrices.Layout.OFFSET);
            c = ws.matrix(m, n);
            h = ws.matrix(m, n);
            r = TestMatrices.random(ws, rnd, m, 1, TestMatrices.Layout.DENSE);
            v = TestMatrices.random(ws, rnd, n, 1, TestMatrices.Layout.DENSE);
            f = ws.column(m);
            g = ws.matrix(m, n);
            sums = ws.matrix(1, n);
        }

        /** GEMM with a fused ReLU, gemv, the outer backward, column sums, a dot product and a fill. */
        void run(Kernels k, long seed) {
            k.gemm(false, true, 1f, a, b, 0f, c, Activation.RELU, h);
            k.gemv(false, 1f, h, v, 0f, f);
            k.outerActivateBackward(Activation.RELU, f, v, c, g);
            k.colSums(g, sums);
            dot = k.dot(f, r);
            k.gaussianFill(r, seed, 0f, 1f);
        }
    }

    @Test
    void eightCallersOnOneInstanceGetTheResultsOfCallsMadeAlone() throws Exception {
        try (Workspace ws = Workspace.shared(); Kernels k = TestMatrices.underTest(2)) {
            List<Work> alone = new ArrayList<>(), together = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                alone.add(new Work(ws, 100 + i));
                together.add(new Work(ws, 100 + i));
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < CALLERS; i++) alone.get(i).run(k, 1000L * round + i);
            }
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    int caller = i;
                    done.add(callers.submit(() -> {
                        start.await();
                        for (int round = 0; round < ROUNDS; round++) {
                            together.get(caller).run(k, 1000L * round + caller);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> d : done) d.get(2, TimeUnit.MINUTES);
            } finally {
                callers.shutdownNow();
            }
            for (int i = 0; i < CALLERS; i++) {
                Work x = alone.get(i), y = together.get(i);
                String who = "caller " + i;
                TestMatrices.assertBitIdentical(who + ": C", x.c, y.c);
                TestMatrices.assertBitIdentical(who + ": H", x.h, y.h);
                TestMatrices.assertBitIdentical(who + ": f", x.f, y.f);
                TestMatrices.assertBitIdentical(who + ": G", x.g, y.g);
                TestMatrices.assertBitIdentical(who + ": column sums", x.sums, y.sums);
                TestMatrices.assertBitIdentical(who + ": filled r", x.r, y.r);
                assertEquals(Float.floatToRawIntBits(x.dot), Float.floatToRawIntBits(y.dot), who + ": dot");
            }
        }
    }

    @Test
    void closingWhileOthersCallEndsTheirGemmsWithOneClearException() throws Exception {
        try (Workspace ws = Workspace.shared()) {
            Kernels k = TestMatrices.underTest(2);
            Matrix a = TestMatrices.random(ws, new Random(1), 128, 128, TestMatrices.Layout.DENSE);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> done = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Matrix c = ws.matrix(128, 128);
                    done.add(callers.submit(() -> {
                        try {
                            for (int round = 0; round < 10_000; round++) k.gemm(false, false, 1f, a, a, 0f, c);
                            return "finished";
                        } catch (IllegalStateException e) {
                            return e.getMessage();
                        }
                    }));
                }
                Thread.sleep(50);
                k.close();
                for (Future<String> d : done) {
                    String outcome = d.get(2, TimeUnit.MINUTES);
                    assertTrue(outcome.equals("finished") || outcome.contains("were closed"), outcome);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void theCommonInstanceIsOneForTheProcessAndOutlivesClose() {
        Kernels common = Kernels.common();
        assertTrue(common == Kernels.common(), "one instance");
        assertEquals(Kernels.defaultThreads(), common.threads());
        try (Kernels k = Kernels.common()) {
            assertEquals(common, k);
        } // close() does nothing on it
        try (Workspace ws = Workspace.shared()) {
            Matrix a = TestMatrices.random(ws, new Random(3), 40, 30, TestMatrices.Layout.DENSE);
            Matrix c = ws.matrix(40, 40), alone = ws.matrix(40, 40);
            common.gemm(false, true, 1f, a, a, 0f, c);
            try (Kernels one = Kernels.create(common.provider(), 1)) {
                one.gemm(false, true, 1f, a, a, 0f, alone);
            }
            TestMatrices.assertBitIdentical("common after close()", alone, c);
        }
    }
}
