package org.relulab.bench.peers;

/**
 * Which kernel the OpenBLAS of {@link OpenBlasGemmBenchmark} runs on this machine: prints {@code corename NAME} and
 * {@code config TEXT} from {@code openblas_get_corename} and {@code openblas_get_config}. OpenBLAS picks its kernel
 * when it loads, from the CPU unless {@code OPENBLAS_CORETYPE} names one; {@code run-peers.sh} runs this with the
 * environment as it is and with that variable unset, and warns when they differ.
 */
public final class OpenBlasKernel {
    private OpenBlasKernel() {}

    public static void main(String[] args) throws Throwable {
        System.out.println("corename " + OpenBlasGemmBenchmark.nativeString("openblas_get_corename").strip());
        System.out.println("config " + OpenBlasGemmBenchmark.nativeString("openblas_get_config").strip());
    }
}
