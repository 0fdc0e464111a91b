#!/bin/sh
# The bootstrap timing of issue 13 (target: < 2 s for all binary metrics on 100,000 predictions).
# Needs a build: ./mvnw -o -B -q verify -pl bundles/org.gyrus.nn,bundles/org.gyrus.data,bundles/org.gyrus.pipeline,bundles/org.gyrus.evaluate
# Run on a quiet machine:  bundles/org.gyrus.evaluate/bench/run.sh [threads]
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$HERE/.." && pwd)
M2=${M2:-$HOME/.m2/repository}
CP="$B/target/classes:$B/target/test-classes:$B/../org.gyrus.data/target/classes:$B/../org.gyrus.nn/target/classes:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
uptime
java --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" org.gyrus.evaluate.BootstrapBenchmark "$@"
uptime
