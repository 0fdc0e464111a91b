#!/bin/sh
# Fuzzes the NIfTI header parser and reader (org.gyrus.io.nifti.NiftiFuzzTarget) or the CSV/TSV
# reader (org.gyrus.io.table.CsvFuzzTarget) with Jazzer.
#
#   bundles/org.gyrus.io/fuzz/run-jazzer.sh [SECONDS] [WORK_DIR] [nifti|csv]
#
# Needs the module built with its tests (./mvnw -o verify -pl bundles/org.gyrus.data,bundles/org.gyrus.io) and
# Jazzer from Maven Central in ~/.m2; fetch it once with any Maven 3.9:
#   mvn dependency:get -Dartifact=com.code-intelligence:jazzer:0.24.0
# The corpus starts from testdata/fuzz/nifti or testdata/fuzz/csv (which NiftiFuzzCorpusTest and
# CsvFuzzCorpusTest replay in every build); new interesting inputs go to WORK_DIR/corpus, crashes to
# WORK_DIR (crash-*). Copy small, distinct inputs that found bugs into testdata/fuzz/<target> as found-*
# so they stay regression tests.
set -e
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
SECONDS_TO_RUN=${1:-600}
TARGET=${3:-nifti}
WORK=${2:-/tmp/gyrus-io-fuzz-$TARGET}
case "$TARGET" in
    nifti) TARGET_CLASS=org.gyrus.io.nifti.NiftiFuzzTarget; MAX_LEN=4096 ;;
    csv) TARGET_CLASS=org.gyrus.io.table.CsvFuzzTarget; MAX_LEN=8192 ;;
    *) echo "unknown target $TARGET: use nifti or csv" >&2; exit 2 ;;
esac
m2=${M2_REPO:-$HOME/.m2/repository}
JAZZER=$m2/com/code-intelligence/jazzer/0.24.0/jazzer-0.24.0.jar:$m2/com/code-intelligence/jazzer-api/0.24.0/jazzer-api-0.24.0.jar
[ -f "${JAZZER%%:*}" ] || { echo "Jazzer not found at ${JAZZER%%:*}; see the comment at the top of $0" >&2; exit 2; }
CP="$("$module/bench/classpath.sh"):$module/target/test-classes"
mkdir -p "$WORK/corpus"
cd "$WORK"
exec java -cp "$JAZZER:$CP" com.code_intelligence.jazzer.Jazzer \
    --cp="$CP" \
    --target_class=$TARGET_CLASS \
    --instrumentation_includes='org.gyrus.**' \
    --jvm_args=-Xmx1g \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -max_len=$MAX_LEN \
    "$WORK/corpus" "$module/testdata/fuzz/$TARGET"
