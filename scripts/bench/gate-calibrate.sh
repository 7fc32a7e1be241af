#!/usr/bin/env bash
# Calibrates the CI gate's efficiency floors on this machine: runs the gate (BenchGate, as `mvn verify` does) RUNS
# times with `--record CSV`, which appends each run's efficiencies (GEMM shapes and training step against the FMA
# peak, at 1 thread and all cores) to CSV, and after each run a line with `uptime` before and after it to the CSV's
# notes, the Markdown file beside it with the same stem (X.csv: X.md; the gate starts it with the CSV). The CSV stays a
# plain table (a header, then rows: no comment lines), so any CSV reader reads it; write what else the runs need
# said (the machine's load, the commit) into the notes. The floors are then 0.80 x the median of each benchmark's
# quiet runs (GateCalibration); name the CSV in bench/gate-baseline.json under the key the gate prints first
# ("CPU, BITS-bit vectors") to gate this CPU.
# Needs bench/target/benchmarks.jar (mvn -B -pl bench -am package -DskipTests -Drelulab.gate.skip=true). About 2
# minutes a run on 2 cores; prefer an idle machine: busy runs are recorded but do not count.
#
#   scripts/bench/gate-calibrate.sh CSV [RUNS]     RUNS defaults to 6
#   scripts/bench/gate-calibrate.sh bench/gate-calibration-intel-xeon-6-167-avx512.csv 6
#
# Exit code: 0 done, 2 bad usage, 4 no jar or a gate run that could not measure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
help_text() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) help_text; exit 0 ;; esac
[ $# -ge 1 ] && [ $# -le 2 ] || { help_text >&2; exit 2; }
CSV="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
NOTES="${CSV%.csv}.md" # GateCalibration.notesFile
RUNS="${2:-6}"
[[ "$RUNS" =~ ^[1-9][0-9]?$ ]] || { echo "gate-calibrate: RUNS '$RUNS' (expected a whole number 1 to 99)" >&2; exit 2; }
JAR="$ROOT/bench/target/benchmarks.jar"
[ -f "$JAR" ] || { echo "gate-calibrate: no $JAR (build it first: see --help)" >&2; exit 4; }
JAVA="$("$ROOT/relulab" --print-java)" || exit 4
for i in $(seq 1 "$RUNS"); do
    before="$(uptime)"
    echo "gate-calibrate: run $i of $RUNS ($before)" >&2
    code=0
    (cd "$ROOT/bench" && "$JAVA" --add-modules jdk.incubator.vector -cp "$JAR" org.relulab.bench.BenchGate \
        gate-baseline.json --record "$CSV") || code=$?
    # 1 is a failed check (a figure below a floor): the figures were still measured and recorded
    [ "$code" -le 1 ] || { echo "gate-calibrate: the gate exited $code" >&2; exit 4; }
    echo "- run $i of $RUNS, exit $code; uptime before:$(echo "$before" | sed 's/.*load/ load/'); after:$(uptime | sed 's/.*load/ load/')" >>"$NOTES"
done
