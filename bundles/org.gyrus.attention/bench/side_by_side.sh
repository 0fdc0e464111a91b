#!/bin/bash
# A1 (digits ViT epoch, batch 64) and A2 (attention maps of 1,000 digits): the PyTorch peer, then Gyrus, in rounds.
# Results: BENCHMARKS.md (Attention). Usage from the repository root, after ./mvnw -o -B -q verify -pl ...,bundles/org.gyrus.attention:
#   CP=bundles/org.gyrus.attention/target/classes:bundles/org.gyrus.attention/target/test-classes:bundles/org.gyrus.nn/target/classes:bundles/org.gyrus.data/target/classes:<imglib2, joml, jackson jars> \
#   bundles/org.gyrus.attention/bench/side_by_side.sh [rounds] [runs]
CP=${CP:?set CP to the attention (main and test), nn and data class folders and their jars}
ROUNDS=${1:-3}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
for round in $(seq 1 "$ROUNDS"); do
  echo "=== round $round peer $(date +%T) $(cat /proc/loadavg)"
  (cd "$ROOT" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/attention_peer.py "$RUNS")
  echo "=== round $round gyrus $(date +%T) $(cat /proc/loadavg)"
  (cd "$ROOT/bundles/org.gyrus.attention" && java --add-modules jdk.incubator.vector -Xmx2g -cp "$(cd "$ROOT" && echo "$CP" | sed "s|\(^\|:\)bundles/|\1$ROOT/bundles/|g")" \
      org.gyrus.attention.bench.AttentionBench "$RUNS" 2>&1 | grep -v incubator)
done
echo "=== done $(date +%T) $(cat /proc/loadavg)"
