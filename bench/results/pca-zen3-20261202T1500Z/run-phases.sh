#!/bin/bash
# Compiles W3Phases against a worktree's reduce classes (nn and data: the jars in ~/.m2) and runs it: run-phases.sh WORKTREE OUTDIR [runs]
wt=$1; o=$2; M=$HOME/.m2/repository
cp="${PRE:+$PRE:}$wt/bundles/org.gyrus.reduce/target/classes:$M/org/gyrus/org.gyrus.nn/0.1.0-SNAPSHOT/org.gyrus.nn-0.1.0-SNAPSHOT.jar:$M/org/gyrus/org.gyrus.data/0.1.0-SNAPSHOT/org.gyrus.data-0.1.0-SNAPSHOT.jar:$M/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$o"
javac -d "$o" --add-modules jdk.incubator.vector -cp "$cp" "$here"/src/org/gyrus/reduce/*.java 2>&1 | grep -v incubator
java --add-modules jdk.incubator.vector -Xmx4g -cp "$o:$cp" org.gyrus.reduce.${4:-W3Phases} /tmp/gyrus-bench-data/pca_10000x1000.npy ${3:-5} 2>&1 | grep -v incubator
