#!/bin/sh
# W6 side by side: the PyTorch peer (bench/peers/bench_peers.py --only W6) and the Gyrus side (run_w6.sh), back to back
# on the same machine, raw outputs in OUTDIR (with the commit and the machine). Not for a loaded machine: BENCHMARKS.md
# quotes only runs on an otherwise idle one.
#   bench/side_by_side_w6.sh OUTDIR [ROUNDS]
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
rounds=${2:-3}
peers=${GYRUS_PEERS:-$here/../../../bench/peers}
data=${GYRUS_BENCH_DATA:-/tmp/gyrus-bench-data}
mkdir -p "$out"
[ -f "$data/images_x.npy" ] || /usr/bin/python3 "$peers/gen_data.py" --out "$data" --only images
{ git -C "$here" rev-parse HEAD; nproc; grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -1; } > "$out/meta.txt"
for r in $(seq 1 "$rounds"); do
    /usr/bin/python3 "$peers/bench_peers.py" --data "$data" --only W6 --out "$out/peer_$r.json" > "$out/peer_$r.log" 2>&1
    "$here/run_w6.sh" --data "$data" --out "$out/gyrus_$r.json" > "$out/gyrus_$r.log" 2>&1
done
echo "raw outputs in $out: compare median_s per case (FGSM 10,000; PGD-10 1,000) round by round; one-pixel: Gyrus only"
