#!/bin/sh
# W6 side by side: the PyTorch peer (bench/peers/bench_peers.py --only W6) at 1 and at 2 threads, then the Gyrus side
# (run_w6.sh), round after round on the same machine; raw outputs in OUTDIR (with the commit, the machine, the kernel)
# and a table of each round (summary_w6.py: Gyrus against the faster peer setting). Not for a loaded machine:
# BENCHMARKS.md quotes only runs on an otherwise idle one.
#   bench/side_by_side_w6.sh OUTDIR [ROUNDS]
# PEER_THREADS (default "1 2") lists the peer's torch.set_num_threads settings; PEER_ARGS adds arguments (a trial on a
# busy machine: PEER_ARGS="--quiet-wait 0"). The peer runs with OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset (its best kernel); the kernel OpenBLAS then picks is in peer_*.json (meta.threadpoolctl).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
rounds=${2:-3}
peers=${GYRUS_PEERS:-$here/../../../bench/peers}
data=${GYRUS_BENCH_DATA:-/tmp/gyrus-bench-data}
mkdir -p "$out"
[ -f "$data/images_x.npy" ] || /usr/bin/python3 "$peers/gen_data.py" --out "$data" --only images
{ git -C "$here" rev-parse HEAD; nproc; grep -m1 'model name' /proc/cpuinfo; uname -srv; java -version 2>&1 | head -1; } > "$out/meta.txt"
for r in $(seq 1 "$rounds"); do
    for th in ${PEER_THREADS:-1 2}; do
        echo "round $r peer, $th thread(s): $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$peers/bench_peers.py" --data "$data" --only W6 \
            --threads "$th" ${PEER_ARGS:-} --out "$out/peer_${r}_${th}t.json" > "$out/peer_${r}_${th}t.log" 2>&1
    done
    echo "round $r gyrus: $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"
    "$here/run_w6.sh" --data "$data" --out "$out/gyrus_$r.json" > "$out/gyrus_$r.log" 2>&1
done
echo "end: $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"
/usr/bin/python3 "$here/summary_w6.py" "$out" | tee "$out/summary.md"
