#!/bin/bash
# One session, under /work/bin/gy-bench: scikit-learn's PCA(50, randomized) (W3, bench_peers-like: 1 warm-up
# + 5 timed, same process as sk_phases.py's "whole fit (API)" line), then Gyrus before (PRE=/tmp/pca-old: SignFlip.class compiled
# from HEAD before this change, ahead of target/classes) and after (PRE=/tmp/pca-new), alternating.
here=$(cd "$(dirname "$0")" && pwd)
cat /proc/loadavg
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$here/sk_phases.py" /tmp/gyrus-bench-data/pca_10000x1000.npy 5 | tail -1
for i in 1 2; do
  echo before; PRE=/tmp/pca-old "$here/run-phases.sh" /work/wt-pca /tmp/pca-fit-old 5 W3Fit | grep W3
  echo after; PRE=/tmp/pca-new "$here/run-phases.sh" /work/wt-pca /tmp/pca-fit-new 5 W3Fit | grep W3
done
cat /proc/loadavg
