package org.relulab.bench.peers;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.global.torch;

/**
 * The thread settings of libtorch (org.bytedeco:pytorch, PyTorch 2.10 CPU) for a benchmark at {@code threads}
 * cores, and their check.
 *
 * <p>This libtorch has two thread pools: its intra-op pool (ATen's OpenMP backend, libgomp), which runs the
 * element-wise kernels and reductions, and OpenBLAS's own pthreads pool, which runs every float32 GEMM and
 * GEMV ({@code show_config()}: {@code BLAS_INFO=open}, MKL not found; this OpenBLAS is built without OpenMP).
 * {@code at::set_num_threads} sizes the first only: with MKL it would also set MKL's threads, with OpenBLAS it
 * leaves OpenBLAS at its default, all the cores. So {@code set_num_threads(1)} alone still runs the GEMMs on
 * every core (checked: {@code openblas_get_num_threads()} reads 2 after it on 2 cores): a naive "1 thread"
 * runs its GEMMs on 2, which is how a naive 2-thread step can come out slower than it. A user of this build
 * sets both pools, in code or through the environment ({@code OMP_NUM_THREADS} and {@code OPENBLAS_NUM_THREADS}
 * are read at load):
 *
 * <ul>
 *   <li>{@code at::set_num_threads(threads)} ({@code torch.set_num_threads});
 *   <li>{@code openblas_set_num_threads(threads)} in the OpenBLAS libtorch links (what {@code
 *       OPENBLAS_NUM_THREADS} sets when it loads);
 *   <li>inter-op threads left at their default: eager-mode operators never run on them (only
 *       {@code torch.jit.fork} does).
 * </ul>
 *
 * At 2 threads the two pools still share the cores: after a call OpenBLAS's idle workers poll for work (with
 * {@code sched_yield}) for up to {@code OPENBLAS_THREAD_TIMEOUT} cycles, 2²⁸ by default, before they sleep, and
 * libgomp's spin a while after each parallel region, so each pool may slow the other (not measured yet on a quiet
 * machine). TorchTrainStepBenchmark's {@code intraOpThreads = 1} measures the alternative a user may pick:
 * element-wise work on one thread, the BLAS on all.
 *
 * <p>{@link #use} checks the result: {@code at::get_num_threads()} and {@code openblas_get_num_threads()} read
 * back what was set. bytedeco's openblas jar carries two identical OpenBLAS files with one soname,
 * {@code libopenblas.so.0} and {@code libopenblas_nolapack.so.0}; loading libtorch maps both, each with its own
 * thread pool, and libtorch binds to the first loaded ({@code libopenblas_nolapack.so.0} here). A setting made
 * in the other, or through JavaCPP's {@code openblas} classes, would not reach libtorch. So the settings go to
 * the file that holds the {@code sgemm_} libtorch_cpu resolves, and the setup line names it.
 */
final class TorchThreads {
    private TorchThreads() {}

    /** {@link #use(int, int)} with both pools at {@code threads}: the setting of the benchmarks. */
    static String use(int threads) throws Throwable {
        return use(threads, threads);
    }

    /**
     * Sets libtorch's intra-op threads to {@code intraOp} and its OpenBLAS's to {@code blas}, checks both;
     * returns a line with them and OpenBLAS's kernel.
     */
    @SuppressWarnings("restricted") // reads OpenBLAS's kernel name, a C string of unknown length
    static String use(int intraOp, int blas) throws Throwable {
        if (intraOp < 1 || blas < 1) {
            throw new IllegalArgumentException("intra-op threads = " + intraOp + ", OpenBLAS threads = " + blas
                    + ": expected at least 1 of each");
        }
        torch.set_num_threads(intraOp); // loads libtorch, and with it the OpenBLAS it links
        call("openblas_set_num_threads", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT)).invokeExact(blas);
        int intraOpRead = torch.get_num_threads(), blasRead = openBlasThreads();
        if (intraOpRead != intraOp || blasRead != blas) {
            throw new IllegalStateException("libtorch runs at::get_num_threads() = " + intraOpRead
                    + " and openblas_get_num_threads() = " + blasRead + ", expected " + intraOp + " and " + blas);
        }
        MemorySegment core = (MemorySegment) call("openblas_get_corename", FunctionDescriptor.of(ValueLayout.ADDRESS))
                .invokeExact();
        return "libtorch: at::get_num_threads() = " + intraOpRead + ", at::get_num_interop_threads() = "
                + torch.get_num_interop_threads() + ", openblas_get_num_threads() = " + blasRead
                + ", OpenBLAS core " + core.reinterpret(Long.MAX_VALUE).getString(0) + " (" + libtorchOpenBlas() + ")";
    }

    /** {@code openblas_get_num_threads()} of the OpenBLAS libtorch calls. */
    static int openBlasThreads() throws Throwable {
        return (int) call("openblas_get_num_threads", FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
    }

    /**
     * The OpenBLAS file libtorch calls: the one that holds the {@code sgemm_} that libtorch_cpu's own lookup
     * finds (its dependencies, in its load order), among the files mapped into the process.
     */
    @SuppressWarnings("restricted") // opens libtorch_cpu, already loaded, to look up a symbol
    private static Path libtorchOpenBlas() throws IOException {
        List<String[]> maps = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length == 6)
                .toList();
        Path torchCpu = maps.stream().map(f -> f[5]).filter(p -> p.endsWith("/libtorch_cpu.so")).findFirst()
                .map(Path::of).orElseThrow(() -> new IllegalStateException("libtorch_cpu.so is not loaded"));
        long sgemm = SymbolLookup.libraryLookup(torchCpu, Arena.global()).find("sgemm_")
                .orElseThrow(() -> new IllegalStateException("sgemm_ not found from " + torchCpu)).address();
        for (String[] f : maps) {
            String[] range = f[0].split("-");
            if (Long.compareUnsigned(Long.parseUnsignedLong(range[0], 16), sgemm) <= 0
                    && Long.compareUnsigned(sgemm, Long.parseUnsignedLong(range[1], 16)) < 0) {
                if (!f[5].contains("/libopenblas")) {
                    throw new IllegalStateException("libtorch's sgemm_ is in " + f[5] + ", expected an OpenBLAS");
                }
                return Path.of(f[5]);
            }
        }
        throw new IllegalStateException("libtorch's sgemm_ at 0x" + Long.toHexString(sgemm) + " is in no mapped file");
    }

    /**
     * A downcall to {@code function} of the OpenBLAS libtorch calls, already loaded: the lookup opens it
     * again in the global arena, which keeps it for the life of the process, as libtorch does anyway.
     */
    @SuppressWarnings("restricted") // a native call into a library libtorch has loaded
    private static MethodHandle call(String function, FunctionDescriptor type) throws IOException {
        Path library = libtorchOpenBlas();
        MemorySegment symbol = SymbolLookup.libraryLookup(library, Arena.global()).find(function)
                .orElseThrow(() -> new IllegalStateException("OpenBLAS symbol " + function + " not in " + library));
        return Linker.nativeLinker().downcallHandle(symbol, type);
    }
}
