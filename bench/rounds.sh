#!/bin/sh
# Gyrus against its Python peers, interleaved and repeated: W3 (PCA, scikit-learn), W4 (autoencoder
# epoch), W5 (encoder layer) and W8 (GEMM) against PyTorch/OpenBLAS, on this machine, in one run.
#
#   bench/rounds.sh [ROUNDS] [OUT]        (from the repository root; ROUNDS defaults to 3)
#
# ONLY=W3,W4,W8 (or GYRUS_ROUNDS_ONLY) runs a subset of the workloads; FIRST=N numbers the rounds from N, so that rounds can
# be run one at a time into the same OUT, each under its own exclusive lock:
#   for r in 1 2 3; do FIRST=$r flock -x /work/cpu.lock bench/rounds.sh 1 OUT; done
#
# Each round runs the peer, then the Gyrus side, back to back. The peer runs at its best:
# bench_peers.py unsets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE in its own process (--blas best) and
# records the kernel OpenBLAS then uses (threadpoolctl, in the JSON's meta) and W8's error against
# float64 (in the log). Round 1 also runs the peer with the environment's settings (--blas pinned)
# so that the table can say which setting is faster. Raw outputs, the git commit measured and the
# machine's load go to OUT (default bench/results/<UTC time>); bench/rounds_table.py prints the
# table of BENCHMARKS.md from them.
#
# Needs: Debian's python3-torch, python3-sklearn, python3-threadpoolctl (see bench/README.md), the
# data (/usr/bin/python3 bench/peers/gen_data.py --out /tmp/gyrus-bench-data --only pca,images) and
# the reduce module built (./mvnw -o -B -q verify -DskipTests).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
first=${FIRST:-1}
only=${ONLY:-${GYRUS_ROUNDS_ONLY:-W3,W4,W5,W8}}
nn_only=$(echo "$only" | tr ',' '\n' | grep -v W3 | paste -sd, -)
out=${2:-$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
data=${GYRUS_BENCH_DATA:-/tmp/gyrus-bench-data}
mkdir -p "$out"
M=${M:-$HOME/.m2/repository}
cp="$root/bundles/org.gyrus.reduce/target/classes:$root/bundles/org.gyrus.reduce/target/test-classes"
cp="$cp:$root/bundles/org.gyrus.nn/target/classes:$root/bundles/org.gyrus.data/target/classes"
cp="$cp:$M/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
[ -d "$root/bundles/org.gyrus.reduce/target/test-classes" ] || { echo "build first: ./mvnw -o -B -q verify -DskipTests" >&2; exit 2; }
[ -f "$data/pca_10000x1000.npy" ] && [ -f "$data/images_x.npy" ] || \
    /usr/bin/python3 "$root/bench/peers/gen_data.py" --out "$data" --only pca,images
{
    echo "commit: $(git -C "$root" rev-parse HEAD)$(git -C "$root" diff --quiet HEAD -- bundles || echo ' (with uncommitted changes in bundles/)')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc); flags: $(grep -o -w -e avx2 -e avx512f /proc/cpuinfo | sort -u | tr '\n' ' ')"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "environment: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-}"
    echo "rounds: $first..$((first + rounds - 1)) of $only"
} >> "$out/meta.txt"
cat "$out/meta.txt"
peer() { # round setting
    echo "== round $1 peer ($2) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/python3 "$root/bench/peers/bench_peers.py" --data "$data" --only "$only" --blas "$2" \
        --out "$out/round$1-peer-$2.json" > "$out/round$1-peer-$2.log" 2>&1
}
for r in $(seq "$first" $((first + rounds - 1))); do
    peer "$r" best
    [ "$r" = 1 ] && peer "$r" pinned
    echo "== round $r gyrus $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    [ -z "$nn_only" ] || "$root/bundles/org.gyrus.nn/bench/run.sh" --data "$data" --only "$nn_only" --runs 5 \
        --out "$out/round$r-gyrus-nn.json" > "$out/round$r-gyrus-nn.log" 2>&1
    case ",$only," in *,W3,*) ;; *) continue ;; esac
    java --add-modules jdk.incubator.vector -Xmx4g -cp "$cp" org.gyrus.reduce.bench.PcaBench \
        "$data/pca_10000x1000.npy" 5 1 > "$out/round$r-gyrus-w3.log" 2>&1
done
echo "== done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$root/bench/rounds_table.py" "$out" | tee "$out/table.md"
