#!/bin/sh
# One side-by-side session: the PyTorch peers (W4, W5, W8; W9 with bench/w9_peer.py) then the Java benchmark, on the same
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
# W9 (convolutions): the peer at both OpenBLAS settings (the faster one is reported).
/usr/bin/python3 "$here/w9_peer.py" --blas best --out "$out/peer_w9_best.json" > "$out/peer_w9_best.log" 2>&1
/usr/bin/python3 "$here/w9_peer.py" --blas pinned --out "$out/peer_w9_pinned.json" > "$out/peer_w9_pinned.log" 2>&1
"$here/run.sh" --data "$data" --only W4,W5,W8,W9 --runs 5 --out "$out/java.json" > "$out/java.log" 2>&1
peers="$out/peer.json,$out/peer_w9_best.json,$out/peer_w9_pinned.json"
if [ -n "$peak" ]; then
    "$here/side_by_side.py" "$peers" "$out/java.json" --peak "$peak" | tee "$out/table.md"
else
    "$here/side_by_side.py" "$peers" "$out/java.json" | tee "$out/table.md"
fi
