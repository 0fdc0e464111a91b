#!/bin/sh
# One side-by-side session: the PyTorch peer (W4, W5, W8) then the Java benchmark, on the same
# machine back to back, then the merged table.
#   bench/side_by_side.sh OUTDIR [PEAK_GFLOPS]
# Needs /usr/bin/python3 with python3-torch (see bench/README.md) and the images from
#   /usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-nn-bench-data --only images
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
peak=${2:-}
peers=${GYRUS_PEERS:-$here/../../../bench/peers}
data=${GYRUS_BENCH_DATA:-/tmp/gyrus-nn-bench-data}
mkdir -p "$out"
/usr/bin/python3 "$peers/bench_peers.py" --data "$data" --out "$out/peer.json" --only W4,W5,W8 > "$out/peer.log" 2>&1
"$here/run.sh" --data "$data" --runs 5 --out "$out/java.json" > "$out/java.log" 2>&1
if [ -n "$peak" ]; then
    "$here/side_by_side.py" "$out/peer.json" "$out/java.json" --peak "$peak" | tee "$out/table.md"
else
    "$here/side_by_side.py" "$out/peer.json" "$out/java.json" | tee "$out/table.md"
fi
