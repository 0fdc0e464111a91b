#!/bin/bash
# A1 (digits ViT epoch, batch 64) and A2 (attention maps of 1,000 digits): the PyTorch peer, then Gyrus, in rounds.
# Results: BENCHMARKS.md (Attention). Usage from the repository root, after ./mvnw -o -B -q verify -pl ...,bundles/org.gyrus.attention:
#   CP=bundles/org.gyrus.attention/target/classes:bundles/org.gyrus.attention/target/test-classes:bundles/org.gyrus.nn/target/classes:bundles/org.gyrus.data/target/classes:<imglib2, joml, jackson jars> \
#   bundles/org.gyrus.attention/bench/side_by_side.sh [rounds] [runs]
# The peer runs with 1 and with 2 threads each round (PEER_THREADS="1 2"); the faster is its best. Gyrus runs with the
# default thread budget (all processors), then with each budget in GYRUS_THREADS (e.g. GYRUS_THREADS=1).
CP=${CP:?set CP to the attention (main and test), nn and data class folders and their jars}
ROUNDS=${1:-3}
RUNS=${2:-5}
PEER_THREADS=${PEER_THREADS:-1 2}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
# The benchmark class lives in src/test/java/.../bench, which the bundle's build does not compile: compile it here.
ABS_CP=$(echo "$CP" | sed "s#\(^\|:\)bundles/#\1$ROOT/bundles/#g")
BENCH_CLASSES=$(mktemp -d)
javac -nowarn --add-modules jdk.incubator.vector -cp "$ABS_CP" -d "$BENCH_CLASSES" \
    "$ROOT/bundles/org.gyrus.attention/src/test/java/org/gyrus/attention/bench/AttentionBench.java" 2>&1 | grep -v -e incubat -e '^1 warning'
ABS_CP="$ABS_CP:$BENCH_CLASSES"
echo "=== commit $(git -C "$ROOT" rev-parse HEAD)$(git -C "$ROOT" diff --quiet HEAD -- bundles || echo ' (with uncommitted changes in bundles/)'); $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
for round in $(seq 1 "$ROUNDS"); do
  for th in $PEER_THREADS; do
    echo "=== round $round peer, $th thread(s) $(date +%T) $(cat /proc/loadavg)"
    (cd "$ROOT" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/attention_peer.py "$RUNS" --threads "$th")
  done
  for th in default $GYRUS_THREADS; do
    echo "=== round $round gyrus, threads: $th $(date +%T) $(cat /proc/loadavg)"
    opt=; [ "$th" = default ] || opt=-Dgyrus.nn.threads=$th
    (cd "$ROOT/bundles/org.gyrus.attention" && java --add-modules jdk.incubator.vector -Xmx2g $opt -cp "$ABS_CP" \
        org.gyrus.attention.bench.AttentionBench "$RUNS" 2>&1 | grep -v incubator)
  done
done
echo "=== done $(date +%T) $(cat /proc/loadavg)"
