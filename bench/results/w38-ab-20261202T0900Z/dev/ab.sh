#!/bin/sh
# In-JVM A/B of this branch against 60e5377 (before it): W8 GEMM (old/new interleaved) and W3's
# randomized SVD (old/new interleaved). From the repository root, after
#   ./mvnw -o -B -q verify -DskipTests -pl bundles/org.gyrus.data,bundles/org.gyrus.pipeline,bundles/org.gyrus.nn,bundles/org.gyrus.reduce
# and the data (/usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-bench-data --only pca).
#   bench/results/w38-ab-20261202T0900Z/dev/ab.sh [THREADS] [GEMM_N] [TRIALS] [SVD_ROUNDS]
set -e
root=$(pwd); dev=$(cd "$(dirname "$0")" && pwd)
threads=${1:-1}; n=${2:-1024}; trials=${3:-30}; rounds=${4:-8}
w=$(mktemp -d); mkdir -p "$w/src" "$w/classes"
git -C "$root" show 60e5377:bundles/org.gyrus.nn/src/main/java/org/gyrus/nn/linalg/Gemm.java \
    | sed 's/class Gemm\b/class GemmOld/; s/private Gemm()/private GemmOld()/' > "$w/src/GemmOld.java"
git -C "$root" show 60e5377:bundles/org.gyrus.reduce/src/main/java/org/gyrus/reduce/ThinProducts.java \
    | sed 's/class ThinProducts\b/class ThinProductsOld/; s/private ThinProducts()/private ThinProductsOld()/' > "$w/src/ThinProductsOld.java"
git -C "$root" show 60e5377:bundles/org.gyrus.reduce/src/main/java/org/gyrus/reduce/RandomizedSvd.java \
    | sed 's/class RandomizedSvd\b/class RandomizedSvdOld/; s/private RandomizedSvd()/private RandomizedSvdOld()/; s/ThinProducts\./ThinProductsOld./g' > "$w/src/RandomizedSvdOld.java"
cp "$dev/BDev.java" "$dev/RAB.java" "$w/src/"
b=$root/bundles
cp="$b/org.gyrus.reduce/target/classes:$b/org.gyrus.nn/target/classes:$b/org.gyrus.data/target/classes"
javac -nowarn --add-modules jdk.incubator.vector -cp "$cp" -d "$w/classes" "$w"/src/*.java 2>&1 | grep -v -e incubat -e '^1 warning' || true
run() { java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx3g -cp "$w/classes:$cp" "$@" 2>&1 | grep -v 'Using incubator'; }
echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
run org.gyrus.nn.linalg.BDev "$n" "$trials" old,new "$threads"
run org.gyrus.reduce.RAB "$threads" "$rounds"
rm -rf "$w"
