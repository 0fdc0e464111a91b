#!/bin/sh
# Workload W2 side by side: each scikit-learn case (bench/peers/bench_peers.py's own timing code)
# followed at once by the same Gyrus case (org.gyrus.preprocess.W2Benchmark), in one session;
# then the comparison table.
#
# Needs: a build (./mvnw -B verify -pl bundles/org.gyrus.data,bundles/org.gyrus.pipeline,bundles/org.gyrus.preprocess),
# the data (/usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-bench-data --only csv) and the
# Debian peers (see bench/README.md).
#   ROOT=repo  DATA=/tmp/gyrus-bench-data  OUT=/tmp/gyrus-peer-run  PEERS=bench/peers  THREADS=2
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/../../.." && pwd)}
DATA=${DATA:-/tmp/gyrus-bench-data}
OUT=${OUT:-/tmp/gyrus-peer-run}
PEERS=${PEERS:-$ROOT/bench/peers}
THREADS=${THREADS:-2}
CP="$ROOT/bundles/org.gyrus.data/target/classes:$ROOT/bundles/org.gyrus.nn/target/classes:$ROOT/bundles/org.gyrus.preprocess/target/classes:$ROOT/bundles/org.gyrus.preprocess/target/test-classes"
mkdir -p "$OUT"
uptime
# The Java side runs with a fixed, pre-touched 8 GB heap: the one-hot output alone is 816 MB of doubles.
/usr/bin/python3 "$HERE/w2_side_by_side.py" --peers "$PEERS" --data "$DATA" --out "$OUT" --cp "$CP" --threads "$THREADS"
uptime
/usr/bin/python3 "$HERE/w2_table.py" "$OUT/peer_w2.json" "$OUT/gyrus_w2_interleaved.json" | tee "$OUT/w2_table.md"
