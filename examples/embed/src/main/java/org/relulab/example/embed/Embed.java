package org.relulab.example.embed;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * Multiplies matrices the application owns, without copying them into relulab: a {@code float[]} (row- and
 * column-major), a heap segment, a direct buffer and a memory-mapped file, each wrapped as a {@link Matrix} view. Checks every product against a plain double loop and
 * prints one line per product; exits 1 if a product is wrong.
 */
public final class Embed {
    private Embed() {}

    public static void main(String[] args) throws IOException {
        int m = 64, k = 48, n = 32;
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7 - 3) / 4f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5 - 2) / 3f;
        boolean ok = true;
        try (Kernels kernels = Kernels.create(); Workspace ws = Workspace.shared()) {
            Matrix c = ws.matrix(m, n);

            // 1. float[] arrays, row-major: wrap them, multiply, read C back.
            Matrix ma = Matrix.wrap(a, m, k), mb = Matrix.wrap(b, k, n);
            kernels.gemm(false, false, 1f, ma, mb, 0f, c);
            ok &= check("float[] (row-major)", c, a, b, m, k, n, false);

            // 2. The same B seen as column-major k x n data: a column-major view is the transposed row-major one.
            Matrix bColumnMajor = Matrix.wrap(b, n, k).t(); // b read as n rows of k: its transpose is k x n
            kernels.gemm(false, false, 1f, ma, bColumnMajor, 0f, c);
            ok &= check("float[] B column-major", c, a, b, m, k, n, true);

            // 3. A heap segment over the float[] (any MemorySegment of floats works the same way).
            MemorySegment heap = MemorySegment.ofArray(a);
            kernels.gemm(false, false, 1f, Matrix.wrap(heap, 0, m, k, k), mb, 0f, c);
            ok &= check("heap MemorySegment", c, a, b, m, k, n, false);

            // 4. A direct ByteBuffer (or a FloatBuffer over one) holding A, in native byte order.
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(a.length * Float.BYTES)
                    .order(java.nio.ByteOrder.nativeOrder());
            direct.asFloatBuffer().put(a);
            kernels.gemm(false, false, 1f, Matrix.wrap(MemorySegment.ofBuffer(direct), 0, m, k, k), mb, 0f, c);
            ok &= check("direct ByteBuffer", c, a, b, m, k, n, false);

            // 5. A memory-mapped file holding A (a shared arena: the GEMM's worker threads read it).
            Path file = Files.createTempFile("embed-a", ".f32");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    Arena arena = Arena.ofShared()) {
                MemorySegment mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) a.length * Float.BYTES, arena);
                MemorySegment.copy(a, 0, mapped, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, a.length);
                kernels.gemm(false, false, 1f, Matrix.wrap(mapped, 0, m, k, k), mb, 0f, c);
                ok &= check("mapped file", c, a, b, m, k, n, false);
            } finally {
                Files.deleteIfExists(file);
            }
            System.out.println("kernels: " + kernels.describe());
        }
        System.out.println(ok ? "all products correct" : "A PRODUCT IS WRONG");
        if (!ok) System.exit(1);
    }

    /** Compares C with A·B in double (B column-major when asked); prints the largest error. */
    private static boolean check(String what, Matrix c, float[] a, float[] b, int m, int k, int n,
            boolean bColumnMajor) {
        double worst = 0, sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0;
                for (int p = 0; p < k; p++) want += (double) a[i * k + p] * b[bColumnMajor ? j * k + p : p * n + j];
                worst = Math.max(worst, Math.abs(c.get(i, j) - want));
                sum += c.get(i, j);
            }
        }
        boolean ok = worst <= 1e-4;
        System.out.printf("%-24s C = A.B, %d x %d: sum %.4f, max error %.1e %s%n", what, m, n, sum, worst,
                ok ? "ok" : "WRONG");
        return ok;
    }
}
