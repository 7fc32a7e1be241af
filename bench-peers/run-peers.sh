#!/usr/bin/env bash
# GEMM of relulab against its peers: relulab's GemmBenchmark.gemm, OpenBLAS (cblas_sgemm through JavaCPP), PyTorch
# (torch::mm_out, libtorch 2.10 CPU) and EJML at 1 thread, half the cores and all the cores (one JMH run, OUT.json),
# and netlib VectorBLAS, which has no threads, at 1 (OUT-vectorblas.json), all on the same shapes and JMH settings.
# Builds bench-peers/target/peers-benchmarks.jar with -Ppeers, prints both files as one table with a "vs OpenBlas"
# column. Then the training step: relulab's TrainStepBenchmark (step, twoGemms) beside PyTorch's
# TorchTrainStepBenchmark (autograd, allocationFree) at the same thread counts, under -prof gc (one JMH run,
# OUT-step.json, printed as a table with the heap bytes per step). Then, when numpy is installed, the numpy peer
# (tools/np_sgemm.py in the repository root) at the same thread counts, its output next to the JSON:
# OUT-numpy-1t.txt, ...
#
# Before any of it, OUT-kernels.txt records which OpenBLAS kernel bytedeco's OpenBLAS and numpy's run, with the
# environment as it is and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (the kernel the CPU itself gets),
# and the script warns when the two differ: a forced older kernel (Haswell on an AVX-512 CPU) can halve OpenBLAS
# and make the comparison meaningless. For a fair comparison run the script under
# `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`.
#
#   bench-peers/run-peers.sh OUT.json                       the full run (about 70 minutes on 2 cores)
#   bench-peers/run-peers.sh OUT.json -f 1 -wi 1 -i 1 -w 1s -r 1s -p shape=sq512
#                                                           a smoke run: options after OUT.json go to JMH
#   bench-peers/run-peers.sh --no-numpy OUT.json            JMH only
#   bench-peers/run-peers.sh --no-step OUT.json             no training-step run
#   A -p threads=LIST among the JMH options replaces the default thread counts; -p shape=... applies to the GEMMs
#   only.
#
#   JAVA=/path/to/java    the java to run the benchmarks with (25 or newer); else found like ./relulab
#   PEAK_GFLOPS=117.1     the FP32 peak of one core: adds "% of peak" to the table
#   NUMPY_ROUNDS=5        rounds of np_sgemm.py (its default is 5)
#   NP_SGEMM=path         another np_sgemm.py
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REGEX='relulab\.bench\.(GemmBenchmark|peers\.OpenBlasGemmBenchmark|peers\.TorchGemmBenchmark|peers\.EjmlGemmBenchmark)\.gemm$'
STEP_REGEX='relulab\.bench\.(TrainStepBenchmark\.(step|twoGemms)|peers\.TorchTrainStepBenchmark\.(autograd|allocationFree))$'
VECTORBLAS='relulab\.bench\.peers\.VectorBlasGemmBenchmark\.gemm$'

die() { echo "run-peers: $*" >&2; exit 1; }
# The comment at the top of this file; on stdout for --help, else on stderr with exit code 2.
help_text() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
usage() { help_text >&2; exit 2; }

numpy=1
step=1
while [ $# -gt 0 ]; do
    case "$1" in
        --no-numpy) numpy=0; shift ;;
        --no-step) step=0; shift ;;
        -h|--help) help_text; exit 0 ;;
        -*) echo "run-peers: unknown option $1 (options for JMH go after OUT.json)" >&2; usage ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "run-peers: no OUT.json given" >&2; usage; }
OUT="$1"; shift
case "$OUT" in *.json) ;; *) die "OUT.json: '$OUT' should end in .json" ;; esac
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"

# The java to run with: JAVA if set (the launcher checks it is 25 or newer), else the one ./relulab finds
# (RELULAB_JAVA, JAVA_HOME, PATH, the usual install folders).
if [ -n "${JAVA:-}" ]; then
    JAVA="$(RELULAB_JAVA="$JAVA" "$ROOT/relulab" --print-java)" || exit 1
else
    JAVA="$("$ROOT/relulab" --print-java)" || exit 1
fi

command -v mvn >/dev/null 2>&1 || die "Maven is needed to build the benchmarks: apt-get install maven (3.8 or newer)"
# Maven may run on any Java >= 17 and finds the JDK 25 to compile with itself (toolchains plugin); without
# a default java it runs on the one found above.
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    export JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
fi
echo "run-peers: building bench-peers/target/peers-benchmarks.jar (mvn -B -q -Ppeers package -DskipTests)" >&2
(cd "$ROOT" && mvn -B -q -Ppeers package -DskipTests) || die "the build failed (output above)"
JAR="$ROOT/bench-peers/target/peers-benchmarks.jar"

# The thread counts: 1, half the cores and all of them, or the user's -p threads=LIST.
cores="$(nproc)"
threads="$(printf '%s\n' 1 $((cores / 2 > 0 ? cores / 2 : 1)) "$cores" | sort -nu | paste -sd, -)"
for a in "$@"; do case "$a" in threads=*) threads="${a#threads=}" ;; esac; done
thread_opts=(-p "threads=$threads")
for a in "$@"; do case "$a" in threads=*) thread_opts=() ;; esac; done

# Which OpenBLAS kernel runs, as the environment is and as the CPU would choose.
KERNELS="${OUT%.json}-kernels.txt"
corename() { "$@" 2>/dev/null | sed -n 's/^corename //p'; }
native=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
java_kernel=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" org.relulab.bench.peers.OpenBlasKernel)
{
    echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE-(unset)}"
    echo "bytedeco OpenBLAS: runs $(corename "${java_kernel[@]}"); the CPU's own $(corename "${native[@]}" "${java_kernel[@]}")"
    "${java_kernel[@]}" 2>/dev/null | sed -n 's/^config /bytedeco OpenBLAS config: /p'
    if [ "$numpy" = 1 ] && command -v python3 >/dev/null 2>&1 && python3 -c 'import numpy' 2>/dev/null; then
        npk=("python3" "$ROOT/tools/np_openblas_kernel.py")
        echo "numpy OpenBLAS: runs $(corename "${npk[@]}"); the CPU's own $(corename "${native[@]}" "${npk[@]}")"
        "${npk[@]}" 2>/dev/null | sed -n 's/^config /numpy OpenBLAS config: /p'
    fi
} > "$KERNELS"
cat "$KERNELS" >&2
while IFS= read -r line; do
    case "$line" in
        *": runs "*) ran="${line#*: runs }"; ran="${ran%%;*}"; own="${line##*the CPU\'s own }"
            if [ -z "$ran" ] || [ "$ran" != "$own" ]; then
                echo "run-peers: WARNING: ${line%%:*} runs the '$ran' kernel, not the CPU's own '$own':" \
                    "OPENBLAS_CORETYPE forces it; this comparison understates OpenBLAS. Rerun under" \
                    "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE." | tee -a "$KERNELS" >&2
            fi ;;
    esac
done < <(grep ': runs ' "$KERNELS")

VB="${OUT%.json}-vectorblas.json"
echo "run-peers: JMH '$REGEX' ${thread_opts[*]} $* -> $OUT" >&2
"$JAVA" -jar "$JAR" "$REGEX" -rf json -rff "$OUT" "$@" "${thread_opts[@]}"
echo "run-peers: JMH '$VECTORBLAS' (1 thread) $* -> $VB" >&2
vb_args=()
for a in "$@"; do case "$a" in threads=*) vb_args+=("threads=1") ;; *) vb_args+=("$a") ;; esac; done
"$JAVA" -jar "$JAR" "$VECTORBLAS" -rf json -rff "$VB" "${vb_args[@]}"

table=("$JAVA" -cp "$JAR" org.relulab.bench.JmhTable --ratio-to OpenBlas)
[ -n "${PEAK_GFLOPS:-}" ] && table+=(--peak "$PEAK_GFLOPS")
"${table[@]}" "$OUT" "$VB"

if [ "$step" = 1 ]; then
    # The training step beside PyTorch's: the same thread counts, the user's JMH options but for -p shape=...
    STEP="${OUT%.json}-step.json"
    step_args=()
    prev=""
    for a in "$@"; do
        if [ "$prev" = "-p" ]; then
            case "$a" in shape=*) ;; *) step_args+=(-p "$a") ;; esac
        elif [ "$a" != "-p" ]; then
            step_args+=("$a")
        fi
        prev="$a"
    done
    echo "run-peers: JMH '$STEP_REGEX' -prof gc ${thread_opts[*]} ${step_args[*]} -> $STEP" >&2
    "$JAVA" -jar "$JAR" "$STEP_REGEX" -prof gc -rf json -rff "$STEP" "${step_args[@]}" "${thread_opts[@]}"
    "$JAVA" -cp "$JAR" org.relulab.bench.JmhTable "$STEP"
fi

if [ "$numpy" = 0 ]; then exit 0; fi
NP="${NP_SGEMM:-$ROOT/tools/np_sgemm.py}"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import numpy' 2>/dev/null; then
    echo "run-peers: numpy peer skipped: python3 with numpy not found (pip install numpy)" >&2
    exit 0
fi
[ -f "$NP" ] || { echo "run-peers: numpy peer skipped: $NP not found (set NP_SGEMM)" >&2; exit 0; }
for t in ${threads//,/ }; do
    txt="${OUT%.json}-numpy-${t}t.txt"
    echo "run-peers: numpy, OPENBLAS_NUM_THREADS=$t -> $txt" >&2
    # shellcheck disable=SC2086
    OPENBLAS_NUM_THREADS="$t" python3 "$NP" ${NUMPY_ROUNDS:-} | tee "$txt"
done
