#!/usr/bin/env bash
# Proves the local Slurm cluster (scripts/slurm/local-cluster.sh start) runs job arrays: submits a 4-task array
# (--array=0-3 --cpus-per-task=1), each task writing "index host job start end" into a file in a fresh temp
# folder, polls squeue -j until the job has left the queue (no slurmdbd, so no sacct), then checks each task's
# JobState/ExitCode (scontrol show job, kept MinJobAge=300 s after the end), its file and its slurm-%A_%a.out.
#
#   scripts/slurm/smoke-test.sh [--timeout SECONDS (default 120)] [--keep]
#
# The folder is /tmp/relulab-slurm-smoke.XXXXXX, removed on success unless --keep; kept (and named) on failure.
# Exit codes: 0 passed, 1 failed (or timed out: the job is cancelled), 2 usage, 3 no cluster (sbatch missing or
# slurmctld not answering).
set -euo pipefail

TIMEOUT=120
KEEP=0
TASKS=4
while (($#)); do
    case $1 in
        --timeout) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "usage: $0 [--timeout SECONDS] [--keep]" >&2; exit 2; }
            TIMEOUT=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        *) echo "usage: $0 [--timeout SECONDS] [--keep]" >&2; exit 2 ;;
    esac
done

fail() { echo "smoke: FAILED: $* (files: $DIR)" >&2; exit 1; }

command -v sbatch >/dev/null || { echo "smoke: no cluster: sbatch not found (run local-cluster.sh start)" >&2; exit 3; }
[[ $(timeout 10 scontrol ping 2>/dev/null || true) == *"is UP"* ]] ||
    { echo "smoke: no cluster: slurmctld does not answer scontrol ping (run local-cluster.sh start)" >&2; exit 3; }

DIR=$(mktemp -d /tmp/relulab-slurm-smoke.XXXXXX)
chmod 755 "$DIR"
cat >"$DIR/task.sh" <<'EOF'
#!/bin/bash
set -eu
start=$(date +%s.%N)
sleep 2
f=$SMOKE_DIR/task-$SLURM_ARRAY_TASK_ID
echo "$SLURM_ARRAY_TASK_ID $(hostname -s) $SLURM_ARRAY_JOB_ID $start $(date +%s.%N)" >"$f.tmp"
mv "$f.tmp" "$f.txt"
echo "task $SLURM_ARRAY_TASK_ID done"
EOF
chmod 755 "$DIR/task.sh"

t0=$(date +%s.%N)
out=$(timeout 30 sbatch --parsable --array=0-$((TASKS - 1)) --cpus-per-task=1 --time=5 --job-name=relulab-smoke \
    --chdir="$DIR" --output="$DIR/slurm-%A_%a.out" --export=ALL,SMOKE_DIR="$DIR" "$DIR/task.sh" 2>&1) ||
    fail "sbatch: $out"
JOB=${out%%;*}
[[ $JOB =~ ^[0-9]+$ ]] || fail "sbatch printed no job id: $out"

deadline=$((SECONDS + TIMEOUT))
while :; do
    if queued=$(timeout 10 squeue -h -j "$JOB" -o '%i %T' 2>&1); then
        [[ -z $queued ]] && break
    else
        queued="squeue failed: $queued"
    fi
    if ((SECONDS >= deadline)); then
        timeout 10 scancel "$JOB" || true
        fail "job $JOB still queued after $TIMEOUT s (cancelled): $(echo "$queued" | tr '\n' ',')"
    fi
    sleep 1
done
t1=$(date +%s.%N)

# Each task's final state, while slurmctld still keeps it (MinJobAge).
states=$(timeout 10 scontrol -o show job "$JOB" 2>/dev/null |
    sed -n 's/.*ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\) .*/\1 \2 \3/p' | sort -n || true)
bad=$(echo "$states" | awk 'NF && !($2 == "COMPLETED" && $3 == "0:0")')
[[ -z $bad ]] || fail "job $JOB: tasks not COMPLETED 0:0: $(echo "$bad" | tr '\n' ',')"
[[ $(echo "$states" | grep -c . || true) -eq $TASKS || -z $states ]] ||
    fail "job $JOB: scontrol shows $(echo "$states" | grep -c .) tasks, expected $TASKS"

host=$(hostname -s)
for ((i = 0; i < TASKS; i++)); do
    f=$DIR/task-$i.txt
    [[ -s $f ]] || fail "task $i wrote no $f"
    read -r idx h jid _ _ <"$f"
    [[ $idx == "$i" && $h == "$host" && $jid == "$JOB" ]] || fail "task $i wrote '$(cat "$f")'"
    grep -qx "task $i done" "$DIR/slurm-${JOB}_$i.out" 2>/dev/null || fail "slurm-${JOB}_$i.out lacks 'task $i done'"
done

# Most tasks running at once (from their start/end times): 2 expected on 2 CPUs.
most=$(cat "$DIR"/task-*.txt | awk '{print $4, 1; print $5, -1}' | sort -k1,1g -k2,2n |
    awk '{n += $2; if (n > m) m = n} END {print m}')
echo "smoke: passed: job $JOB, $TASKS/$TASKS tasks COMPLETED on $host, at most $most at once," \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s from sbatch to an empty queue"
if ((KEEP)); then echo "smoke: files kept in $DIR"; else rm -rf "$DIR"; fi
