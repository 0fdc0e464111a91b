#!/usr/bin/env bash
# Brings up a private one-machine SLURM cluster for the tests: munged, slurmctld and slurmd, all
# started directly (no systemd), with every socket, port, state and log file under DIR, so two
# test runs on one machine never meet. Needs root (slurmd starts jobs as their user) and the
# Debian packages slurmctld slurmd slurm-client munge. Tear it down with slurm-down.sh DIR.
#
#   tests/slurm/slurm-up.sh DIR
#   . DIR/env              # exports SLURM_CONF: every SLURM command needs it
#   sbatch ...; tests/slurm/slurm-down.sh DIR
#
# DIR/env is written last, when the node is idle and takes jobs; on failure the daemons started
# so far are stopped again and the logs named.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
dir="$(cd "$1" && pwd)"
for tool in munged slurmctld slurmd sinfo sbatch; do
  command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
  command -v "$tool" >/dev/null 2>&1 || { echo "slurm-up: $tool is missing (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "slurm-up: needs root (slurmd runs jobs as their user)" >&2; exit 3; }
id munge >/dev/null 2>&1 || { echo "slurm-up: the munge user is missing (apt-get install munge)" >&2; exit 3; }
# munged runs as the munge user: it must reach DIR (a folder of its own, e.g. made by mktemp -d).
chmod 755 "$dir"
runuser -u munge -- test -x "$dir" || { echo "slurm-up: the munge user cannot reach $dir; choose a folder under /tmp" >&2; exit 3; }

fail() {
  echo "slurm-up: $*" >&2
  for log in "$dir"/munge/munged.log "$dir"/slurmctld.log "$dir"/slurmd.log; do
    [ -f "$log" ] && { echo "--- $log (last lines)" >&2; tail -n 15 "$log" >&2; }
  done
  "$here/slurm-down.sh" "$dir" >&2 || true
  exit 1
}

# Two free TCP ports for slurmctld and slurmd (the defaults 6817/6818 would collide between runs).
read -r ctld_port slurmd_port < <(/usr/bin/python3 - <<'PY'
import socket
s = [socket.socket() for _ in range(2)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])
PY
)

# munge: its own key, socket, pid, log and seed; the socket folder must be 755 (700: "Socket is inaccessible").
mkdir -p "$dir/munge"
chown munge:munge "$dir/munge"
chmod 755 "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chown munge:munge "$dir/munge/munge.key"
chmod 600 "$dir/munge/munge.key"
socket="$dir/munge/munge.socket"
runuser -u munge -- munged --socket="$socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
  --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" || fail "munged did not start"

host="$(hostname -s)"
read -r cpus memory < <(slurmd -C | sed -n 's/.*CPUs=\([0-9]*\).*RealMemory=\([0-9]*\).*/\1 \2/p')
mkdir -p "$dir/state" "$dir/spool"
# 8 CPUs whatever the machine has (config_overrides): eight trivial tasks may run at once.
cat > "$dir/slurm.conf" <<CONF
ClusterName=gyrus-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
SlurmdParameters=config_overrides
MinJobAge=3600
KillWait=10
MailProg=/bin/true
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
ReturnToService=2
NodeName=gyrus-test NodeHostname=$host NodeAddr=127.0.0.1 CPUs=8 RealMemory=${memory:-1000} State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" -N gyrus-test || fail "slurmd did not start"

for _ in $(seq 1 150); do
  if sinfo -h -N -o '%t' 2>/dev/null | grep -qx idle; then
    printf 'export SLURM_CONF=%q\n' "$SLURM_CONF" > "$dir/env.part"
    mv "$dir/env.part" "$dir/env"
    echo "slurm-up: cluster up in $dir (slurmctld port $ctld_port, slurmd port $slurmd_port)"
    exit 0
  fi
  sleep 0.1
done
fail "the node did not become idle within 15 s"
