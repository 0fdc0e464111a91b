#!/bin/sh
# One round of W9 (convolutions) side by side: the PyTorch peer at both OpenBLAS settings, then the
# Java side, then the merged table (the faster peer setting is kept). Run each round under the
# machine's exclusive benchmark lock, e.g. for three rounds:
#   for r in 1 2 3; do flock -x /work/cpu.lock bench/w9_round.sh OUT/round$r; done
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
mkdir -p "$out"
cat /proc/loadavg > "$out/loadavg_start"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$here/w9_peer.py" --blas best --quiet-wait 10 \
    --out "$out/peer_w9_best.json" > "$out/peer_w9_best.log" 2>&1
/usr/bin/python3 "$here/w9_peer.py" --blas pinned --quiet-wait 10 --out "$out/peer_w9_pinned.json" > "$out/peer_w9_pinned.log" 2>&1
# The Java side starts with its whole heap committed (-Xms4g, as -Xmx): with the default initial
# heap (1/64 of RAM), the collector keeps growing the young generation under W9's ~10 MB per
# iteration of fresh tensors, and the pages of every newly committed region fault on first touch
# (measured 2026-12-02: one thread's CPU time for (a) 54-60 ms by default, 27-28 ms with -Xms4g).
# Set GYRUS_BENCH_JVM_OPTS (even empty) to override; the options used are written to jvm_opts.
export GYRUS_BENCH_JVM_OPTS="${GYRUS_BENCH_JVM_OPTS--Xms4g}"
echo "$GYRUS_BENCH_JVM_OPTS" > "$out/jvm_opts"
"$here/run.sh" --only W9 --runs 5 --quiet-max-total 30 --out "$out/java.json" > "$out/java.log" 2>&1
cat /proc/loadavg > "$out/loadavg_end"
"$here/side_by_side.py" "$out/peer_w9_best.json,$out/peer_w9_pinned.json" "$out/java.json" | tee "$out/table.md"
