#!/bin/sh
# Builds org.gyrus.nn and its benchmark with plain javac and runs it (W4, W5, W8 by default; W9 with --only W9).
#   bench/run.sh [--only W4,W5,W8] [--runs 5] [--warmup 2] [--data /tmp/gyrus-nn-bench-data] [--out file]
# W4 needs images_x.npy from the peers' gen_data.py:
#   /usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-nn-bench-data --only images
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
out=${GYRUS_BENCH_BUILD:-/tmp/gyrus-nn-bench-classes}
rm -rf "$out" && mkdir -p "$out"
javac -nowarn --add-modules jdk.incubator.vector -d "$out" \
    $(find "$here/src/main/java" "$here/bench/src" -name '*.java') 2>&1 | grep -v -e 'incubat' -e '^1 warning' || true
# Extra JVM options via GYRUS_BENCH_JVM_OPTS (e.g. -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0,
# which measured no faster than the default once the kernels were fully inlined).
exec java --add-modules jdk.incubator.vector -Xmx4g -XX:+UseParallelGC \
    ${GYRUS_BENCH_JVM_OPTS:-} -cp "$out" org.gyrus.nn.bench.NnBench "$@"
