#!/bin/sh
# Fuzzes the pipeline loader (org.gyrus.pipeline.PipelineFuzzTarget) with Jazzer.
#
#   bundles/org.gyrus.pipeline/fuzz/run-jazzer.sh [SECONDS] [WORK_DIR]
#
# Needs the module built with its tests (./mvnw -o verify -pl bundles/org.gyrus.nn,bundles/org.gyrus.data,bundles/org.gyrus.pipeline) and
# Jazzer from Maven Central in ~/.m2; fetch it once with any Maven 3.9:
#   mvn dependency:get -Dartifact=com.code-intelligence:jazzer:0.24.0
# The corpus starts from testdata/fuzz/pipeline (seeds from fuzz/make-seeds.py; PipelineFuzzCorpusTest replays in every build); new
# interesting inputs go to WORK_DIR/corpus, crashes to WORK_DIR (crash-*). Copy small, distinct inputs that
# found bugs into testdata/fuzz/pipeline so they stay regression tests.
set -e
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
SECONDS_TO_RUN=${1:-600}
WORK=${2:-/tmp/gyrus-pipeline-fuzz}
m2=${M2_REPO:-$HOME/.m2/repository}
JAZZER=$m2/com/code-intelligence/jazzer/0.24.0/jazzer-0.24.0.jar:$m2/com/code-intelligence/jazzer-api/0.24.0/jazzer-api-0.24.0.jar
[ -f "${JAZZER%%:*}" ] || { echo "Jazzer not found at ${JAZZER%%:*}; see the comment at the top of $0" >&2; exit 2; }
jar() { ls "$m2/$1" 2>/dev/null | head -1; }
CP="$module/target/classes:$module/target/test-classes:$module/../org.gyrus.data/target/classes:$module/../org.gyrus.nn/target/classes"
for j in com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
         com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
         com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar \
         org/scijava/scijava-common/2.100.1/scijava-common-2.100.1.jar \
         net/imglib2/imglib2/8.0.1/imglib2-8.0.1.jar org/joml/joml/1.10.8/joml-1.10.8.jar; do
  CP="$CP:$(jar "$j")"
done
mkdir -p "$WORK/corpus"
cd "$WORK"
exec java -cp "$JAZZER:$CP" com.code_intelligence.jazzer.Jazzer \
    --cp="$CP" \
    --target_class=org.gyrus.pipeline.PipelineFuzzTarget \
    --instrumentation_includes='org.gyrus.**' \
    --jvm_args=-Xmx1g \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    "$WORK/corpus" "$module/testdata/fuzz/pipeline"
