package org.relulab.bench.peers;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.relulab.bench.FlopCounter;
import org.relulab.bench.GemmShape;

/**
 * OpenBLAS's {@code cblas_sgemm} (org.bytedeco:openblas, JavaCPP's build of OpenBLAS 0.3.31) on the
 * shapes of relulab's GemmBenchmark, row-major, with the shape's transposes: the BLAS that relulab is
 * measured against. Scores as in GemmBenchmark: calls/s, and GFLOP/s as the secondary metric "gflop".
 *
 * <p>Threads: OpenBLAS's own pool, set with {@code openblas_set_num_threads} (JavaCPP exposes it as
 * {@code blas_set_num_threads}) and read back with {@code openblas_get_num_threads}; the setup fails
 * unless the two agree. OpenBLAS may still run a small product on fewer threads: that is its choice.
 *
 * <p>Mode, forks, warmup and measurement: {@link PeerGemmTrial}'s. The forks load native code (JavaCPP's
 * JNI libraries, and a downcall for the thread check): hence its {@code --enable-native-access=ALL-UNNAMED}.
 */
public class OpenBlasGemmBenchmark extends PeerGemmTrial {
    @Param({"1", "2"})
    public int threads;

    private int transA, transB, lda, ldb;
    // Off-heap copies of A, B and C in malloc'ed memory that JavaCPP owns: allocated in setUp, freed by
    // close() in tearDown, so every measured call works on the same buffers.
    private FloatPointer a, b, c;

    public OpenBlasGemmBenchmark() {
        super("cblas_sgemm");
    }

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        open();
        GemmShape s = operands.shape;
        transA = s.transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        transB = s.transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        lda = s.aCols();
        ldb = s.bCols();
        a = new FloatPointer(operands.a.length).put(operands.a);
        b = new FloatPointer(operands.b.length).put(operands.b);
        c = new FloatPointer((long) s.m * s.n);

        openblas.blas_set_num_threads(threads);
        int actual = getNumThreads();
        if (actual != threads) {
            throw new IllegalStateException("OpenBLAS runs " + actual + " threads after openblas_set_num_threads("
                    + threads + "), expected " + threads);
        }
        System.out.println("OpenBLAS config: " + nativeString("openblas_get_config") + "; core "
                + nativeString("openblas_get_corename") + ": openblas_get_num_threads() = " + actual);

        checkOneCall();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checkMeasured();
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Override
    void output(float[] data) {
        c.put(data);
    }

    @Override
    float[] result() {
        float[] out = new float[operands.shape.m * operands.shape.n];
        c.get(out);
        return out;
    }

    @Override
    @Benchmark
    public void gemm(FlopCounter flops) {
        GemmShape s = operands.shape;
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA, transB, s.m, s.n, s.k,
                1f, a, lda, b, ldb, 0f, c, s.n);
        flops.gflop += gflop;
    }

    /**
     * {@code openblas_get_num_threads()}: JavaCPP's global class leaves it out (its own
     * {@code blas_get_num_threads} returns what was last set, not what OpenBLAS runs), so it is called
     * through the address JavaCPP resolves in the loaded OpenBLAS. A restricted (native) call: the forks
     * run with {@code --enable-native-access=ALL-UNNAMED}.
     */
    @SuppressWarnings("restricted")
    private static int getNumThreads() throws Throwable {
        MethodHandle f = Linker.nativeLinker().downcallHandle(symbol("openblas_get_num_threads"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        return (int) f.invokeExact();
    }

    /** A {@code char *f(void)} of OpenBLAS, such as {@code openblas_get_corename}, as a Java string. */
    @SuppressWarnings("restricted") // a native call, and a C string of unknown length to read
    static String nativeString(String function) throws Throwable {
        MethodHandle f = Linker.nativeLinker().downcallHandle(symbol(function),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        MemorySegment s = (MemorySegment) f.invokeExact();
        return s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static MemorySegment symbol(String name) {
        Loader.load(openblas.class);
        Pointer p = Loader.addressof(name);
        if (p == null || p.isNull()) {
            throw new IllegalStateException("OpenBLAS symbol " + name + " not found in the loaded libraries");
        }
        return MemorySegment.ofAddress(p.address());
    }
}
