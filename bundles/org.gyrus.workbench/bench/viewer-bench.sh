#!/usr/bin/env bash
# Runs org.gyrus.workbench.viewers.ViewerBenchmark (issue 10's viewer goals) under Xvfb.
# From the repository root, after building the bundles and their tests:
#   ./mvnw -o -B -q verify -pl bundles/org.gyrus.data,bundles/org.gyrus.nn,bundles/org.gyrus.pipeline,bundles/org.gyrus.batch,bundles/org.gyrus.workbench -DskipTests
#   bundles/org.gyrus.workbench/bench/viewer-bench.sh
# The class path is the bundles' classes plus the jars of the local Maven repository they need.
set -euo pipefail
cd "$(dirname "$0")/../../.."
M="${MAVEN_REPO:-$HOME/.m2/repository}"
CP=bundles/org.gyrus.data/target/classes:bundles/org.gyrus.nn/target/classes:bundles/org.gyrus.pipeline/target/classes
CP=$CP:bundles/org.gyrus.workbench/target/classes:bundles/org.gyrus.workbench/target/test-classes
for d in net/imglib2/imglib2/8.0.1 org/joml/joml/1.10.8 org/eclipse/platform/org.eclipse.swt.gtk.linux.x86_64/3.132.0; do
  CP=$CP:$(ls "$M/$d"/*.jar | head -n 1)
done
xvfb-run -a -s "-screen 0 1280x1024x24" java --add-modules jdk.incubator.vector -cp "$CP" org.gyrus.workbench.viewers.ViewerBenchmark
