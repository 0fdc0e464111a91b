#!/usr/bin/env bash
# Issue 18's measurement: the overhead per subject of `gyrus run --each --executor slurm` against the
# local `--each`, on 20 trivial subjects (one read-table node each, fresh cache, --max-parallel 8),
# and the wall time of 100 trivial subjects locally (the issue asks < 60 s). Brings up a private
# SLURM (tests/slurm/slurm-up.sh; needs root and slurmctld slurmd slurm-client munge) and tears it
# down on exit. Run on an idle machine, from the repository root, after building the product:
#
#   ./mvnw -o -B -q verify -DskipTests && bench/slurm_overhead.sh [ROUNDS]
#
# Prints one line per run and a summary (medians over ROUNDS, default 3); writes it to
# bench/results/slurm_overhead-<date>.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d /tmp/gyrus-slurm-bench.XXXXXX)"
cluster="$(mktemp -d /tmp/gyrus-slurm.XXXXXX)"   # its own folder: slurm-up.sh opens it to the munge user
trap '"$root/tests/slurm/slurm-down.sh" "$cluster" >/dev/null 2>&1 || true; rm -rf "$work" "$cluster"' EXIT
"$root/tests/slurm/slurm-up.sh" "$cluster" >/dev/null
# shellcheck disable=SC1091
. "$cluster/env"
export GYRUS_PROGRESS=plain

cd "$work"
cat > trivial.gyrus.json <<'JSON'
{"format": "gyrus-pipeline", "formatVersion": 1, "name": "trivial",
 "variables": [{"name": "table", "type": "string", "default": "none"}],
 "nodes": [{"id": "read", "type": "org.gyrus.io.read-table", "version": "1.0.0", "parameters": {"file": "${table}"}}]}
JSON
mkdir data
subjects() { # N -> subjects-N.tsv
  printf 'participant_id\ttable\n' > "subjects-$1.tsv"
  for i in $(seq -f '%03g' 1 "$1"); do
    [ -f "data/sub-$i.tsv" ] || printf 'id\tvalue\nsub-%s\t%s\n' "$i" "$i" > "data/sub-$i.tsv"
    printf 'sub-%s\tdata/sub-%s.tsv\n' "$i" "$i" >> "subjects-$1.tsv"
  done
}
subjects 20
subjects 100

# One timed batch in a fresh output folder and cache: seconds on stdout.
timed() { # name args...
  local name=$1; shift
  rm -rf "out-$name" "cache-$name"
  local t0 t1
  t0=$(date +%s.%N)
  GYRUS_CACHE="$work/cache-$name" "$root/gyrus" run trivial.gyrus.json --out "out-$name" --quiet "$@" \
    || { echo "bench: $name failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > local20.txt; : > slurm20.txt; : > local100.txt
for r in $(seq 1 "$rounds"); do
  l=$(timed local20 --each subjects-20.tsv --threads 8); echo "$l" >> local20.txt
  s=$(timed slurm20 --each subjects-20.tsv --executor slurm --max-parallel 8); echo "$s" >> slurm20.txt
  h=$(timed local100 --each subjects-100.tsv); echo "$h" >> local100.txt
  printf 'round %d: local 20 subjects %.1f s, SLURM 20 subjects %.1f s, local 100 subjects %.1f s\n' "$r" "$l" "$s" "$h"
done
l=$(median < local20.txt); s=$(median < slurm20.txt); h=$(median < local100.txt)
out="$root/bench/results/slurm_overhead-$(date -u +%Y-%m-%d).txt"
mkdir -p "$(dirname "$out")"
{
  echo "# bench/slurm_overhead.sh $rounds, $(date -u +%FT%TZ), $(nproc) cores, $(sbatch --version)"
  printf 'local --each, 20 trivial subjects, --threads 8:        median %.2f s\n' "$l"
  printf 'SLURM --each, 20 trivial subjects, --max-parallel 8:   median %.2f s\n' "$s"
  printf 'overhead per subject through SLURM: (%.2f - %.2f) / 20 = %.2f s\n' "$s" "$l" "$(awk -v s="$s" -v l="$l" 'BEGIN { print (s - l) / 20 }')"
  printf 'local --each, 100 trivial subjects:                    median %.2f s (issue 18 asks < 60 s)\n' "$h"
} | tee "$out"
