#!/bin/sh
# Fuzzes the NIfTI header parser and reader (org.gyrus.io.nifti.NiftiFuzzTarget) with Jazzer.
#
#   bundles/org.gyrus.io/fuzz/run-jazzer.sh [SECONDS] [WORK_DIR]
#
# Needs the module built with its tests (./mvnw -o verify -pl bundles/org.gyrus.data,bundles/org.gyrus.io) and
# Jazzer from Maven Central in ~/.m2; fetch it once with any Maven 3.9:
#   mvn dependency:get -Dartifact=com.code-intelligence:jazzer:0.24.0
# The corpus starts from testdata/fuzz/nifti (which NiftiFuzzCorpusTest replays in every build); new
# interesting inputs go to WORK_DIR/corpus, crashes to WORK_DIR (crash-*). Copy small, distinct inputs that
# found bugs into testdata/fuzz/nifti so they stay regression tests.
set -e
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
SECONDS_TO_RUN=${1:-600}
WORK=${2:-/tmp/gyrus-io-fuzz}
m2=${M2_REPO:-$HOME/.m2/repository}
JAZZER=$m2/com/code-intelligence/jazzer/0.24.0/jazzer-0.24.0.jar:$m2/com/code-intelligence/jazzer-api/0.24.0/jazzer-api-0.24.0.jar
[ -f "${JAZZER%%:*}" ] || { echo "Jazzer not found at ${JAZZER%%:*}; see the comment at the top of $0" >&2; exit 2; }
CP="$("$module/bench/classpath.sh"):$module/target/test-classes"
mkdir -p "$WORK/corpus"
cd "$WORK"
exec java -cp "$JAZZER:$CP" com.code_intelligence.jazzer.Jazzer \
    --cp="$CP" \
    --target_class=org.gyrus.io.nifti.NiftiFuzzTarget \
    --instrumentation_includes='org.gyrus.**' \
    --jvm_args=-Xmx1g \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -max_len=4096 \
    "$WORK/corpus" "$module/testdata/fuzz/nifti"
