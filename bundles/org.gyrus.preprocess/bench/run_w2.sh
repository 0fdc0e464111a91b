#!/bin/sh
# Workload W2 side by side: scikit-learn (shared/peers/bench_peers.py --only W2), then Gyrus
# (org.gyrus.preprocess.W2Benchmark), in one session, then the comparison table.
#
# Needs: a build (./mvnw -B verify -pl bundles/org.gyrus.data,bundles/org.gyrus.pipeline,bundles/org.gyrus.preprocess),
# the data (/usr/bin/python3 shared/peers/gen_data.py --out /tmp/gyrus-bench-data --only csv) and the
# Debian peers (see shared/peers/README.md).
#   ROOT=repo  DATA=/tmp/gyrus-bench-data  OUT=/tmp/gyrus-peer-run  PEERS=.../shared/peers  THREADS=2
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/../../.." && pwd)}
DATA=${DATA:-/tmp/gyrus-bench-data}
OUT=${OUT:-/tmp/gyrus-peer-run}
PEERS=${PEERS:-$ROOT/../shared/peers}
THREADS=${THREADS:-2}
mkdir -p "$OUT"
uptime
/usr/bin/python3 "$PEERS/bench_peers.py" --data "$DATA" --out "$OUT/peer_w2.json" --only W2 --threads "$THREADS"
CP="$ROOT/bundles/org.gyrus.data/target/classes:$ROOT/bundles/org.gyrus.preprocess/target/classes:$ROOT/bundles/org.gyrus.preprocess/target/test-classes"
# A fixed, pre-touched heap: the one-hot output alone is 816 MB of fresh doubles.
java -Xms8g -Xmx8g -XX:+AlwaysPreTouch -XX:+UseParallelGC -cp "$CP" org.gyrus.preprocess.W2Benchmark \
    "$DATA/tabular_1M.csv" "$OUT/gyrus_w2.json" "$THREADS"
uptime
/usr/bin/python3 "$HERE/w2_table.py" "$OUT/peer_w2.json" "$OUT/gyrus_w2.json" | tee "$OUT/w2_table.md"
