#!/usr/bin/env bash
# Compares the speed of two commits of relulab and, where one regressed, says where the time went: builds
# bench/target/benchmarks.jar for BASE_REF and NEW_REF (each in a throwaway git worktree), runs the same JMH
# benchmarks with each jar, then `JmhCompare --profile`, which reruns every regressed benchmark under JMH's stack
# profiler with both jars and prints their hot methods side by side. Everything goes to OUT_DIR: base.json,
# new.json, compare.md (the table and the profiles) and the jars. Exit code: 0 no regression, 7 a regression
# (JmhCompare's, ExitCode.REGRESSION), 2 bad usage, 4 a build or run failed.
#
#   scripts/bench/compare-refs.sh BASE_REF NEW_REF OUT_DIR [JMH options...]
#   scripts/bench/compare-refs.sh main HEAD /tmp/cmp                                  the default set (~8 min)
#   scripts/bench/compare-refs.sh main HEAD /tmp/cmp '\.GemmBenchmark\.gemm$' -p shape=sq512 -p threads=1 -p provider=simd
#
#   SLOWDOWN_PATCH=FILE   apply FILE (git apply) to NEW_REF's tree before building it: a deliberately slowed
#                         build, to check that the comparison catches and explains a regression
#                         (scripts/bench/slow-microkernel.patch is one)
#   THRESHOLD=0.10        JmhCompare's threshold
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
die() { echo "compare-refs: $*" >&2; exit "${2:-4}"; }
help_text() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) help_text; exit 0 ;; esac
[ $# -ge 3 ] || { help_text >&2; exit 2; }
BASE_REF="$1"; NEW_REF="$2"; OUT="$3"; shift 3
# Each ref resolved to its commit once, here: a branch that moves while this runs must not change what is built.
resolve() { git -C "$ROOT" rev-parse --verify -q "$1^{commit}" || die "$1 is not a commit of $ROOT" 2; }
BASE_REF="$(resolve "$BASE_REF")"
NEW_REF="$(resolve "$NEW_REF")"
if [ -n "${SLOWDOWN_PATCH:-}" ]; then
    [ -f "$SLOWDOWN_PATCH" ] || die "SLOWDOWN_PATCH=$SLOWDOWN_PATCH is not a file" 2
    SLOWDOWN_PATCH="$(cd "$(dirname "$SLOWDOWN_PATCH")" && pwd)/$(basename "$SLOWDOWN_PATCH")"
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# The default set: the GEMM shapes of a training step and sq512 on 1 thread, and the training step itself.
if [ $# -eq 0 ]; then
    set -- '\.GemmBenchmark\.gemm$|\.TrainStepBenchmark\.step$' -p shape=sq512,fwd,gtx -p threads=1 -p provider=simd \
        -f 1 -wi 3 -w 1s -i 5 -r 1s
fi
JAVA="$("$ROOT/relulab" --print-java)" || exit 4
. "$ROOT/scripts/bench/worktree-build.sh"
build_in_worktree base "$BASE_REF"
build_in_worktree new "$NEW_REF" "${SLOWDOWN_PATCH:-}"
for side in base new; do cp "$WORK/$side/bench/target/benchmarks.jar" "$OUT/$side.jar"; done
for side in base new; do
    echo "compare-refs: JMH with the $side jar -> $OUT/$side.json" >&2
    "$JAVA" -jar "$OUT/$side.jar" "$@" -rf json -rff "$OUT/$side.json" >"$OUT/$side-jmh.txt" 2>&1 \
        || die "JMH with the $side jar failed (see $OUT/$side-jmh.txt)"
done
code=0
"$JAVA" -cp "$OUT/new.jar" org.relulab.bench.JmhCompare --threshold "${THRESHOLD:-0.10}" \
    --profile "$OUT/base.jar" "$OUT/new.jar" "$OUT/base.json" "$OUT/new.json" | tee "$OUT/compare.md" || code=$?
exit "$code"
