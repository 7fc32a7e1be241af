/**
 * GEMM benchmarks of peer libraries on the shapes of relulab's {@code GemmBenchmark}, with the same
 * scores (calls/s, and GFLOP/s as the secondary metric "gflop") and the same forks, warmup and
 * measurement: OpenBLAS through JavaCPP ({@link org.bytedeco.openblas.global.openblas#cblas_sgemm}),
 * PyTorch ({@code torch::mm_out}, {@link TorchGemmBenchmark}), netlib VectorBLAS and EJML. Each checks sampled
 * elements of C against float64 before and after it is measured. {@link TorchTrainStepBenchmark} is relulab's
 * training step in PyTorch, to run beside relulab's TrainStepBenchmark. Built only with {@code -Ppeers}, into
 * one jar with relulab's benchmarks:
 *
 * <pre>
 * mvn -B -q -Ppeers package -DskipTests
 * java -jar bench-peers/target/peers-benchmarks.jar -l
 * java -jar bench-peers/target/peers-benchmarks.jar 'relulab.bench.(peers.\w+|GemmBenchmark).gemm$' -rf json -rff
 * peers.json
 * java -cp bench-peers/target/peers-benchmarks.jar org.relulab.bench.JmhTable --ratio-to OpenBlas --peak GFLOPS
 * peers.json
 * </pre>
 *
 * or {@code bench-peers/run-peers.sh OUT.json}, which also runs numpy when it is installed.
 */
package org.relulab.bench.peers;
