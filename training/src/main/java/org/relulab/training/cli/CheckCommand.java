package org.relulab.training.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.machine.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relulab check}: a quick, honest look at this machine's kernels. First the chosen provider's GEMM
 * against the plain-Java twin on an awkward shape in all four transpose forms (relative error, scaled by
 * the sum of |terms|); then the median GFLOP/s of a square GEMM on 1 thread and on all threads. Speeds
 * printed here are a sanity check; the numbers of record come from the JMH benchmarks.
 */
@Command(name = "check", header = "check this machine's kernels (about 20 s)", description = {
        "check this machine's kernels: SIMD against the plain-Java twins on every "
                + "GEMM transpose form, then GEMM speed on 1 thread and on all threads (about 20 s)"})
final class CheckCommand implements CliCommand {
    private static final int REPEATS = 7;
    /** --size: its default and range, in the help and in the check. */
    private static final int SIZE = 1024, MIN_SIZE = 16, MAX_SIZE = 8192;
    /** --threads: its range. */
    private static final int MAX_THREADS = 1024;

    @Option(names = "--size", paramLabel = "N", description = "square GEMM size for the speed test, " + MIN_SIZE
            + " to " + MAX_SIZE + " [" + SIZE + "]")
    String size;

    @Option(names = "--threads", paramLabel = "T", description = "thread count of the multi-threaded test, 1 to "
            + MAX_THREADS + " [all cores]")
    String threads;

    @Override
    public void run(PrintStream out, PrintStream err) {
        int size = Options.integer("check", "--size", this.size, SIZE, MIN_SIZE, MAX_SIZE);
        int threads = Options.integer("check", "--threads", this.threads, Kernels.defaultThreads(), 1, MAX_THREADS);
        out.println("relulab check on " + MachineInfo.cpuModel() + ", " + MachineInfo.cores() + " cores, JDK "
                + Runtime.version());
        try (Workspace ws = Workspace.shared();
                Kernels k = Kernels.create(Provider.lookup(), threads);
                Kernels twin = Kernels.create(Provider.SCALAR, 1)) {
            out.println("kernels: " + k.describe());
            double worst = parity(ws, k, twin, out);
            if (worst > 1e-5) {
                throw new Failure(ExitCode.INTERNAL,
                        "check: FAILED: GEMM differs from its plain-Java twin by " + worst);
            }
            try (Kernels one = Kernels.create(k.provider(), 1)) {
                out.printf(Locale.ROOT, "gemm %d^3, 1 thread:  %6.1f GFLOP/s (median of %d)%n", size,
                        gflops(ws, one, size), REPEATS);
            }
            if (threads > 1) {
                out.printf(Locale.ROOT, "gemm %d^3, %d threads: %6.1f GFLOP/s (median of %d)%n", size, threads,
                        gflops(ws, k, size), REPEATS);
            }
        }
    }

    /** The worst relative difference between {@code k} and the twin over the four transpose forms. */
    private static double parity(Workspace ws, Kernels k, Kernels twin, PrintStream out) {
        int m = 133, n = 91, kk = 301; // awkward: not multiples of any tile or vector width
        double worst = 0;
        for (int form = 0; form < 4; form++) {
            boolean ta = (form & 1) != 0, tb = (form & 2) != 0;
            Matrix a = ws.matrix(ta ? kk : m, ta ? m : kk), b = ws.matrix(tb ? n : kk, tb ? kk : n);
            k.gaussianFill(a, 11 + form, 0f, 1f);
            k.gaussianFill(b, 23 + form, 0f, 1f);
            Matrix c = ws.matrix(m, n), ref = ws.matrix(m, n);
            k.gemm(ta, tb, 1f, a, b, 0f, c);
            twin.gemm(ta, tb, 1f, a, b, 0f, ref);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double scale = 0;
                    for (int p = 0; p < kk; p++) {
                        scale += Math.abs((double) (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j)));
                    }
                    worst = Math.max(worst, Math.abs(c.get(i, j) - ref.get(i, j)) / scale);
                }
            }
        }
        out.printf(Locale.ROOT, "gemm parity with the plain-Java twin (NN, TN, NT, TT, %dx%dx%d): "
                + "worst relative error %.2e%n", m, n, kk, worst);
        return worst;
    }

    private static double gflops(Workspace ws, Kernels k, int size) {
        Matrix a = ws.matrix(size, size), b = ws.matrix(size, size), c = ws.matrix(size, size);
        k.gaussianFill(a, 1, 0f, 1f);
        k.gaussianFill(b, 2, 0f, 1f);
        for (int i = 0; i < 3; i++) k.gemm(false, false, 1f, a, b, 0f, c); // warm-up and JIT
        double[] rates = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            k.gemm(false, false, 1f, a, b, 0f, c);
            rates[r] = 2.0 * size * size * size / (System.nanoTime() - t0);
        }
        Arrays.sort(rates);
        return rates[REPEATS / 2];
    }
}
