#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for tests of `relulab sweep --slurm` (CI starts it).
#
#   scripts/slurm/local-cluster.sh start    install (apt, only if missing), configure, start, wait for the node
#   scripts/slurm/local-cluster.sh stop     end the three daemons by the pids recorded below
#   scripts/slurm/local-cluster.sh status   one line per daemon and one for the node
#
# start is idempotent: it installs slurm-wlm and munge only when sbatch/slurmctld/slurmd/munged are missing,
# rewrites /etc/slurm/slurm.conf only when absent or different (restarting running Slurm daemons then), starts
# only daemons that are not running, resumes a DOWN/DRAIN node and waits (at most RELULAB_SLURM_WAIT_S, 60 s)
# for the node to answer (idle, or mixed/allocated when jobs run).
#
# Files:
#   $RELULAB_SLURM_STATE (default /var/run/relulab-slurm): slurmctld.pid, slurmd.pid, munge/munged.pid (written
#     by the daemons, read by stop and status), install.log (apt), <daemon>.start.log (what a daemon said while
#     starting), lock (flock: one start/stop at a time)
#   /etc/slurm/slurm.conf (first line says this script wrote it; a foreign one is kept as slurm.conf.bak-<time>)
#   /var/log/slurm/slurmctld.log, slurmd.log, jobcomp.log (one line per finished job or array task)
#   /var/spool/slurmctld (controller state), /var/spool/slurmd (node spool), /var/log/munge/munged.log
#
# Exit codes: 0 ok (start: node ready; status: all three daemons up and the node ready), 1 failed (install,
# configuration, a daemon, or a wait that timed out; status: something is down), 2 usage, 3 Slurm cannot run
# here (not root, or Slurm missing and no apt-get): a test may skip on 3.
set -euo pipefail

STATE=${RELULAB_SLURM_STATE:-/var/run/relulab-slurm}
WAIT_S=${RELULAB_SLURM_WAIT_S:-60}
CONF=/etc/slurm/slurm.conf
MARK='# Written by relulab scripts/slurm/local-cluster.sh'
HOST=$(hostname -s)

say() { echo "slurm: $*"; }
die() { echo "slurm: error: $*" >&2; exit 1; }
cannot() { echo "slurm: cannot run here: $*" >&2; exit 3; }
usage() { echo "usage: $0 start|stop|status" >&2; exit 2; }

# pidfile NAME: where NAME's pid is recorded (munged runs as the munge user, so in a folder it owns).
pidfile() { if [[ $1 == munged ]]; then echo "$STATE/munge/munged.pid"; else echo "$STATE/$1.pid"; fi; }
# pid_of NAME: the recorded pid when that process is alive and is NAME, else nothing.
pid_of() {
    local pid
    pid=$(cat "$(pidfile "$1")" 2>/dev/null || true)
    pid=${pid//[^0-9]/}
    [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] && echo "$pid"
    return 0
}

munge_ok() { timeout 5 bash -c 'munge -n | unmunge' >/dev/null 2>&1; }
ctld_ok() { [[ $(timeout 10 scontrol ping 2>/dev/null || true) == *"is UP"* ]]; }
node_line() { timeout 10 scontrol -o show node "$HOST" 2>/dev/null || true; }
# The node's State= field (e.g. IDLE, MIXED, DOWN+NOT_RESPONDING, IDLE+DRAIN), or UNKNOWN.
node_state() {
    local line
    line=$(node_line)
    [[ $line =~ (^| )State=([^ ]+) ]] && echo "${BASH_REMATCH[2]}" || echo UNKNOWN
}
node_reason() {
    local line
    line=$(node_line)
    [[ $line =~ Reason=(.*) ]] && echo "${BASH_REMATCH[1]}" || echo none
}
node_ready() { [[ $1 =~ ^(IDLE|MIXED|ALLOCATED|COMPLETING)$ ]]; }

need_root() {
    [[ $(id -u) -eq 0 ]] || cannot "not root (needs root to install and run the Slurm daemons)"
}

install_packages() {
    local t0=$SECONDS
    if command -v sbatch >/dev/null && [[ -x /usr/sbin/slurmctld && -x /usr/sbin/slurmd && -x /usr/sbin/munged ]]; then
        return 0
    fi
    command -v apt-get >/dev/null || cannot "Slurm is not installed and there is no apt-get to install it"
    say "installing slurm-wlm and munge with apt-get (log: $STATE/install.log)"
    if ! { DEBIAN_FRONTEND=noninteractive timeout 300 apt-get -o DPkg::Lock::Timeout=120 update -q &&
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -o DPkg::Lock::Timeout=120 install -y -q \
            --no-install-recommends slurm-wlm munge; } >"$STATE/install.log" 2>&1; then
        die "apt-get failed: $(grep -E '^(E:|W:)' "$STATE/install.log" | tail -1) (see $STATE/install.log)"
    fi
    # (sbatch --version prints nothing before slurm.conf exists, so ask dpkg)
    say "installed slurm-wlm $(dpkg-query -W -f '${Version}' slurm-wlm), munge $(dpkg-query -W -f '${Version}' munge)" \
        "in $((SECONDS - t0)) s"
}

ensure_hostname() {
    getent hosts "$HOST" >/dev/null && return 0
    printf '127.0.1.1\t%s\n' "$HOST" >>/etc/hosts
    say "added $HOST to /etc/hosts (it did not resolve)"
}

ensure_munge_key() {
    local key=/etc/munge/munge.key
    getent passwd munge >/dev/null || die "no munge user (the munge package should create it)"
    mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge "$STATE/munge"
    chown munge:munge /etc/munge /run/munge "$STATE/munge"
    chown -R munge:munge /var/lib/munge /var/log/munge # a munged once run as root leaves root-owned files
    chmod 700 /etc/munge
    chmod 755 /run/munge
    if [[ ! -s $key ]]; then
        dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
        say "created $key (1024 random bytes)"
    fi
    chown munge:munge "$key"
    chmod 400 "$key"
}

write_config() {
    local cpus mem_kib mem tmp
    cpus=$(nproc)
    mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
    mem=$((mem_kib * 8 / 10 / 1024)) # 80 % of MemTotal in MiB: slurmd drains a node that reports less
    tmp=$(mktemp)
    cat >"$tmp" <<EOF
$MARK; it rewrites it when it differs.
ClusterName=relulab
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
MaxArraySize=10001
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$HOST CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
    mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
    if [[ -f $CONF ]] && cmp -s "$tmp" "$CONF"; then
        rm -f "$tmp"
        return 1
    fi
    if [[ -f $CONF ]] && ! head -1 "$CONF" | grep -qF "$MARK"; then
        local bak
        bak=$CONF.bak-$(date +%Y%m%d-%H%M%S)
        cp -p "$CONF" "$bak"
        say "kept the previous $CONF (not written by this script) as $bak"
    fi
    install -m 644 "$tmp" "$CONF"
    rm -f "$tmp"
    say "wrote $CONF (node $HOST, $cpus CPUs, RealMemory=$mem MiB)"
    return 0
}

# stop_daemon NAME: TERM, wait up to 15 s, then KILL; only the pid recorded in pidfile NAME.
stop_daemon() {
    local pid i
    pid=$(pid_of "$1")
    if [[ -z $pid ]]; then
        rm -f "$(pidfile "$1")"
        return 1
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
        [[ -d /proc/$pid ]] || break
        sleep 0.1
    done
    if [[ -d /proc/$pid ]]; then
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
        say "$1 (pid $pid) did not end in 15 s: killed"
    fi
    rm -f "$(pidfile "$1")"
    say "stopped $1 (pid $pid)"
}

# start_daemon NAME CMD...: runs CMD (which daemonizes), then waits up to 15 s for NAME's pid file.
start_daemon() {
    local name=$1 i
    shift
    # A daemon inherits neither the caller's stdin/stdout/stderr (a CI step would wait for them to close) nor
    # the lock's descriptor 9 (munged keeps it, and the next start would wait for the lock).
    if ! timeout 30 "$@" </dev/null >"$STATE/$name.start.log" 2>&1 9>&-; then
        die "$name did not start: $(tail -1 "$STATE/$name.start.log") (see $STATE/$name.start.log)"
    fi
    for ((i = 0; i < 150; i++)); do
        [[ -n $(pid_of "$name") ]] && return 0
        sleep 0.1
    done
    die "$name wrote no pid file in 15 s (see $STATE/$name.start.log and its log)"
}

start_munged() {
    local i pid
    if munge_ok; then
        # Running already; adopt a munged we did not start (e.g. one the package started) by its own pid file.
        [[ -n $(pid_of munged) ]] || cp /run/munge/munged.pid "$(pidfile munged)" 2>/dev/null || true
        return 0
    fi
    pid=$(pid_of munged)
    [[ -n $pid ]] && die "munged (pid $pid) runs but munge -n | unmunge fails (see /var/log/munge/munged.log)"
    # As the munge user, like Debian's munge.service (as root munged needs --force and warns about the
    # ownership of its folders).
    start_daemon munged runuser -u munge -- /usr/sbin/munged --pid-file="$(pidfile munged)"
    for ((i = 0; i < 50; i++)); do
        munge_ok && { say "started munged (pid $(pid_of munged))"; return 0; }
        sleep 0.2
    done
    die "munged started but munge -n | unmunge fails after 10 s (see /var/log/munge/munged.log)"
}

start_slurmctld() {
    local i
    if [[ -z $(pid_of slurmctld) ]]; then
        if ctld_ok; then
            die "a slurmctld answers scontrol ping but is not the one in $(pidfile slurmctld)"
        fi
        start_daemon slurmctld /usr/sbin/slurmctld
        say "started slurmctld (pid $(pid_of slurmctld))"
    fi
    for ((i = 0; i < 30; i++)); do
        ctld_ok && return 0
        [[ -n $(pid_of slurmctld) ]] || break
        sleep 1
    done
    die "slurmctld does not answer scontrol ping: $(tail -1 /var/log/slurm/slurmctld.log 2>/dev/null)"
}

start_slurmd() {
    [[ -n $(pid_of slurmd) ]] && return 0
    start_daemon slurmd /usr/sbin/slurmd
    say "started slurmd (pid $(pid_of slurmd))"
}

wait_node() {
    local deadline=$((SECONDS + WAIT_S)) state last_resume=-100
    while :; do
        state=$(node_state)
        node_ready "$state" && { echo "$state"; return 0; }
        if [[ $state =~ DOWN|DRAIN|FAIL ]] && [[ ! $state =~ NOT_RESPONDING ]] && ((SECONDS - last_resume >= 5)); then
            say "node $HOST is $state ($(node_reason)): resuming it" >&2
            timeout 10 scontrol update nodename="$HOST" state=resume >/dev/null 2>&1 || true
            last_resume=$SECONDS
        fi
        ((SECONDS < deadline)) || die "node $HOST not ready after $WAIT_S s: state $state, reason: $(node_reason)"
        [[ -n $(pid_of slurmd) ]] || die "slurmd ended: $(tail -1 /var/log/slurm/slurmd.log 2>/dev/null)"
        sleep 1
    done
}

cmd_start() {
    local t0=$SECONDS state
    need_root
    mkdir -p "$STATE"
    exec 9>"$STATE/lock"
    flock -w 300 9 || die "another local-cluster.sh has held $STATE/lock for 300 s"
    install_packages
    ensure_hostname
    ensure_munge_key
    if write_config; then
        # A new configuration reaches running daemons only by a restart.
        stop_daemon slurmd || true
        stop_daemon slurmctld || true
    fi
    start_munged
    start_slurmctld
    start_slurmd
    state=$(wait_node)
    say "ready: node $HOST ${state,,}, $(nproc) CPUs, partition debug" \
        "(munged $(pid_of munged), slurmctld $(pid_of slurmctld), slurmd $(pid_of slurmd); $((SECONDS - t0)) s)"
}

cmd_stop() {
    need_root
    mkdir -p "$STATE"
    exec 9>"$STATE/lock"
    flock -w 300 9 || die "another local-cluster.sh has held $STATE/lock for 300 s"
    local any=0
    stop_daemon slurmd && any=1
    stop_daemon slurmctld && any=1
    stop_daemon munged && any=1
    ((any)) || say "nothing to stop (no daemon recorded in $STATE is running)"
}

cmd_status() {
    local ok=0 pid state
    if ! command -v sinfo >/dev/null; then
        say "not installed"
        return 1
    fi
    pid=$(pid_of munged)
    if munge_ok; then echo "munged     up    pid ${pid:-?}"; else echo "munged     down"; ok=1; fi
    pid=$(pid_of slurmctld)
    if ctld_ok; then
        echo "slurmctld  up    pid ${pid:-?}"
    else
        echo "slurmctld  down${pid:+ (pid $pid not answering)}"
        ok=1
    fi
    pid=$(pid_of slurmd)
    if [[ -n $pid ]]; then echo "slurmd     up    pid $pid"; else echo "slurmd     down"; ok=1; fi
    if ((ok == 0)); then
        state=$(node_state)
        node_ready "$state" || ok=1
        timeout 10 sinfo -h -N -o 'node       %N  %T  partition %P  cpus %C (alloc/idle/other/total)' || ok=1
    fi
    return $ok
}

[[ $# -eq 1 ]] || usage
case $1 in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' ;;
    *) usage ;;
esac
