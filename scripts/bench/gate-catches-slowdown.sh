#!/usr/bin/env bash
# Checks that the CI gate catches a slowed build: builds bench/target/benchmarks.jar for REF (default HEAD) twice in
# throwaway git worktrees, as it is and with PATCH applied (default scripts/bench/slow-microkernel.patch, the GEMM
# register tile one vector narrower), runs the gate (BenchGate, as `mvn verify` does, against REF's committed
# gate-baseline.json and calibration) with each, one after the other, and expects the unpatched build to pass and
# the patched one to fail on an efficiency floor, naming the benchmark. Writes OUT_DIR/unpatched.txt and
# OUT_DIR/slowed.txt. About 8 minutes on 2 cores; not for CI.
#
#   scripts/bench/gate-catches-slowdown.sh OUT_DIR [REF] [PATCH]
#
# Exit code: 0 both as expected, 1 not (the gate missed the slowdown or failed the unpatched build), 2 bad usage,
# 4 a build or run failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
die() { echo "gate-catches-slowdown: $*" >&2; exit "${2:-4}"; }
help_text() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) help_text; exit 0 ;; esac
[ $# -ge 1 ] && [ $# -le 3 ] || { help_text >&2; exit 2; }
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
REF="$(git -C "$ROOT" rev-parse --verify -q "${2:-HEAD}^{commit}")" || die "${2:-HEAD} is not a commit of $ROOT" 2
PATCH="${3:-$ROOT/scripts/bench/slow-microkernel.patch}"
[ -f "$PATCH" ] || die "PATCH $PATCH is not a file" 2
PATCH="$(cd "$(dirname "$PATCH")" && pwd)/$(basename "$PATCH")"
JAVA="$("$ROOT/relulab" --print-java)" || exit 4
. "$ROOT/scripts/bench/worktree-build.sh"
build_in_worktree unpatched "$REF"
build_in_worktree slowed "$REF" "$PATCH"
declare -A code
for side in unpatched slowed; do
    echo "gate-catches-slowdown: the gate with the $side build -> $OUT/$side.txt ($(uptime))" >&2
    code[$side]=0
    echo "# $side build of ${REF:0:12}; uptime before: $(uptime)" >"$OUT/$side.txt"
    (cd "$WORK/$side/bench" && "$JAVA" --add-modules jdk.incubator.vector -cp target/benchmarks.jar \
        org.relulab.bench.BenchGate gate-baseline.json) >>"$OUT/$side.txt" 2>&1 || code[$side]=$?
    grep 'bench gate: ' "$OUT/$side.txt" >&2 || true
    # 0 passed, 7 a check failed (ExitCode.REGRESSION); anything else is the gate failing to run
    case "${code[$side]}" in 0 | 7) ;; *) die "the gate with the $side build exited ${code[$side]} (see $OUT/$side.txt)" ;; esac
done
caught="$(grep -c 'FAIL [a-z0-9]*@[0-9]*t below its floor' "$OUT/slowed.txt" || true)"
if [ "${code[unpatched]}" -eq 0 ] && [ "$caught" -gt 0 ]; then
    echo "gate-catches-slowdown: ok: the unpatched build passed; the slowed one failed $caught efficiency floor(s)" >&2
    exit 0
fi
echo "gate-catches-slowdown: NOT as expected: unpatched exit ${code[unpatched]}, slowed build failed $caught floor(s)" >&2
exit 1
