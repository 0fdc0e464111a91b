#!/bin/bash
# Side-by-side W3/W4: the scikit-learn/PyTorch peer (bench_peers.py), then the Java benchmarks, 2 rounds.
# Usage (repository root, after building the reduce module): CP=... DATA=/tmp/gyrus-bench-data bundles/org.gyrus.reduce/benchmarks/side_by_side.sh
CP=${CP:?set CP to the reduce, reduce test, nn and data class folders}
OUT=${OUT:-/tmp/gyrus-reduce-bench}; mkdir -p $OUT
HERE=$(cd "$(dirname "$0")" && pwd)
cd "${PEERS:-$HERE/../../../bench/peers}"
for round in 1 2; do
  echo "=== round $round peers $(date +%T) $(cat /proc/loadavg)"
  /usr/bin/python3 bench_peers.py --data ${DATA:-/tmp/gyrus-bench-data} --only W3,W4 --out $OUT/peer_round$round.json 2>&1 | grep -E "^W[34] +\|"
  echo "=== round $round gyrus $(date +%T) $(cat /proc/loadavg)"
  $HERE/quiet.sh 120
  java --add-modules jdk.incubator.vector -Xmx4g -cp $CP org.gyrus.reduce.bench.PcaBench ${DATA:-/tmp/gyrus-bench-data}/pca_10000x1000.npy 5 1 2>&1 | grep -v incubator
  $HERE/quiet.sh 120
  java --add-modules jdk.incubator.vector -Xmx4g -cp $CP org.gyrus.reduce.bench.AutoencoderBench ${DATA:-/tmp/gyrus-bench-data}/images_x.npy 5 2>&1 | grep -v incubator
done
echo "=== done $(date +%T) $(cat /proc/loadavg)"
