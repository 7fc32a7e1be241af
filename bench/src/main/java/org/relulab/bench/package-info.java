/**
 * JMH benchmarks of relulab's kernels, and {@link org.relulab.bench.JmhTable}, which turns a JMH JSON
 * result into a Markdown table. Build with {@code mvn -B -q package -DskipTests}, then for example:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar -l
 * java -jar bench/target/benchmarks.jar 'GemmBenchmark.gemm$' -rf json -rff gemm.json
 * java -jar bench/target/benchmarks.jar 'GemmBenchmark.gemm$' -p shape=fwd -p provider=simd,scalar -p threads=1
 * java -jar bench/target/benchmarks.jar FusedGemmBenchmark -rf json -rff fused.json
 * java -jar bench/target/benchmarks.jar ActivationBenchmark -p n=65536 -rf json -rff activation.json
 * java -cp bench/target/benchmarks.jar org.relulab.bench.JmhTable --peak GFLOPS gemm.json
 * java -jar bench/target/benchmarks.jar KernelFromGramBenchmark -p n=1021 -rf json -rff transform.json
 * java -jar bench/target/benchmarks.jar CholeskyBenchmark -rf json -rff cholesky.json
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.relulab.bench.KernelRidgeTiming n=20000
 * </pre>
 *
 * A smoke test (not a measurement) shortens everything: {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}. The forks get
 * {@code --add-modules jdk.incubator.vector} from each benchmark's {@code @Fork}; JMH's own JVM needs none.
 * Write the regex {@code 'GemmBenchmark.gemm$'}: plain {@code GemmBenchmark} also matches FusedGemmBenchmark.
 */
package org.relulab.bench;
