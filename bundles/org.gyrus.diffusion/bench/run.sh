#!/bin/sh
# W7 (DDPM training epoch and 1,000-step sampling of 64 images) and non-local means, Gyrus and the
# Python peer back to back. Run it on a quiet machine; its last results are in BENCHMARKS.md.
# Build first: ./mvnw -o -B -q verify -pl bundles/org.gyrus.data,bundles/org.gyrus.nn,bundles/org.gyrus.pipeline,bundles/org.gyrus.diffusion -DskipTests
#             (test classes are compiled by test-compile: add -Dmaven.test.skip.exec=true instead of -DskipTests if needed)
# Data:       /usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-bench-data --only images
# Usage:      bundles/org.gyrus.diffusion/bench/run.sh [w7|nlm|all] [runs]
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$B/../.." && pwd)
DATA=${DATA:-/tmp/gyrus-bench-data}
WHAT=${1:-all}
RUNS=${2:-5}
CP="$B/target/classes:$B/target/test-classes:$B/../org.gyrus.nn/target/classes:$B/../org.gyrus.data/target/classes"
JAVA="java --add-modules jdk.incubator.vector -Xmx4g -cp $CP"
echo "load: $(cat /proc/loadavg)  commit: $(git -C "$ROOT" rev-parse --short HEAD)"
if [ "$WHAT" = w7 ] || [ "$WHAT" = all ]; then
  # bench_peers.py runs the peer at its best (--blas best, bench/README.md); PyTorch on 1 and on 2
  # threads (the small per-step products of sampling may run faster on one): the table takes the faster
  for th in 1 2; do
    echo "PyTorch threads: $th"
    /usr/bin/python3 "$ROOT/bench/peers/bench_peers.py" --data "$DATA" --only W7 --runs "$RUNS" --threads "$th" \
        --out "${OUT:-/tmp}/w7_peer_${th}t.json" 2>&1 | grep -E "^W7" || true
  done
  $JAVA org.gyrus.diffusion.bench.W7Bench "$DATA/images_x.npy" "$RUNS" 2>&1 | grep -v incubator
fi
if [ "$WHAT" = nlm ] || [ "$WHAT" = all ]; then
  /usr/bin/python3 "$HERE/nlm_peer.py" --out "$DATA" --runs 3
  $JAVA org.gyrus.diffusion.bench.NlmBench "$DATA/nlm_volume.npy" 3 10 2>&1 | grep -v incubator
fi
echo "load: $(cat /proc/loadavg)"
