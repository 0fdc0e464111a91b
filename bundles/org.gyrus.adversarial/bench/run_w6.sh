#!/bin/sh
# W6 (adversarial examples), the Gyrus side: compiles the attacks and org.gyrus.nn with plain javac and runs W6Bench.
#   bench/run_w6.sh [--data /tmp/gyrus-bench-data] [--runs 5] [--warmup 1] [--out FILE] [--fgsm 10000] [--pgd 1000]
#                   [--one-pixel 100] [--population 400] [--iterations 100]
# The images come from the peers' generator:
#   /usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-bench-data --only images
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
nn="$here/../org.gyrus.nn/src/main/java"
out=${GYRUS_BENCH_BUILD:-/tmp/gyrus-w6-classes}
rm -rf "$out" && mkdir -p "$out"
# -sourcepath compiles only what the benchmark uses (the attacks and the engine, no OSGi or node classes).
javac -nowarn --add-modules jdk.incubator.vector -d "$out" -sourcepath "$here/src/main/java:$nn" \
    "$here/bench/W6Bench.java" "$here/bench/RunCost.java" 2>&1 | grep -v -e 'incubat' -e '^1 warning' -e '^Note:' || true
# A fixed heap, touched at start-up: a heap that grows while the runs are timed makes every allocation
# of the first pass through the new memory a page fault (15-25 µs each in this VM; a PGD-10 run
# allocating 50 MB then took 3-5x its CPU time), which made the timings bimodal. The peer's timed runs,
# after its warm-up, likewise reuse memory its allocator has already touched.
exec java --add-modules jdk.incubator.vector -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseParallelGC ${GYRUS_BENCH_JVM_OPTS:-} \
    -cp "$out" org.gyrus.adversarial.bench.W6Bench "$@"
