#!/bin/sh
# In-JVM A/B of W9 (old tree vs this one): bench/ab/ab.sh OLD_COMMIT [rounds] [extra JVM options...]
# Compiles org.gyrus.nn at OLD_COMMIT and the working tree (each with W9Cases), then runs AbMain.
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
old=${1:?old commit}; shift
rounds=${1:-6}; [ $# -gt 0 ] && shift
work=${GYRUS_AB_DIR:-/tmp/gyrus-w9-ab}
rm -rf "$work" && mkdir -p "$work/oldsrc" "$work/old" "$work/new" "$work/main"
git -C "$repo" archive "$old" bundles/org.gyrus.nn/src/main bundles/org.gyrus.nn/bench/src | tar -x -C "$work/oldsrc"
build() { javac -nowarn --add-modules jdk.incubator.vector -d "$1" $(find "$2/src/main/java" "$2/bench/src" -name '*.java') "$here/bench/ab/W9Cases.java" 2>&1 | grep -v -e 'incubat' -e '^1 warning' || true; }
build "$work/old" "$work/oldsrc/bundles/org.gyrus.nn"
build "$work/new" "$here"
javac -d "$work/main" "$here/bench/ab/AbMain.java"
exec java --add-modules jdk.incubator.vector -Xmx4g -XX:+UseParallelGC "$@" -cp "$work/main" AbMain "$work/old" "$work/new" "$rounds"
