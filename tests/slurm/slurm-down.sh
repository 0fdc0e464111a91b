#!/usr/bin/env bash
# Tears down what slurm-up.sh DIR started: cancels every job first (a running job outlives
# slurmd), then stops slurmd, slurmctld and munged by the pids in DIR, and waits until they are
# gone. Only those processes are signalled. The files in DIR are left for reading.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir="$(cd "$1" 2>/dev/null && pwd)" || exit 0
PATH="$PATH:/usr/sbin:/sbin"
export SLURM_CONF="$dir/slurm.conf"

pid() { [ -s "$1" ] && cat "$1"; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

ctld="$(pid "$dir/slurmctld.pid")"
if alive "$ctld"; then
  scancel --full --quiet --user="$(id -un)" 2>/dev/null || true
  # Wait for the jobs' processes to end (at most KillWait + a little).
  for _ in $(seq 1 150); do
    [ -z "$(squeue -h -t running,completing -o %i 2>/dev/null)" ] && break
    sleep 0.1
  done
fi
for f in slurmd.pid slurmctld.pid munge/munged.pid; do
  p="$(pid "$dir/$f")"
  alive "$p" && kill -TERM "$p"
  for _ in $(seq 1 100); do alive "$p" || break; sleep 0.1; done
  alive "$p" && { echo "slurm-down: $f ($p) did not stop; killing it" >&2; kill -KILL "$p"; }
done
exit 0
