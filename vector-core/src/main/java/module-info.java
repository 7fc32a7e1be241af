/**
 * relulab's compute core: fp32 matrices over off-heap memory and the kernels a neural network needs
 * (GEMM in all transpose forms, activations, reductions), each with a SIMD implementation on the JDK
 * Vector API and a plain-Java twin. Depends on nothing beyond the JDK.
 */
module org.relulab.core {
    requires jdk.incubator.vector;
    exports org.relulab.core;
}
