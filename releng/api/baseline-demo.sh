#!/usr/bin/env bash
# Shows that the API baseline check fails an incompatible change whose package version does not say so.
#   1. keeps the repository of the last full build as the baseline (releng/org.gyrus.repository/target/repository),
#   2. rebuilds org.gyrus.pipeline against it unchanged: passes,
#   3. removes a public method from org.gyrus.pipeline.NodeRegistry (an incompatible change) and rebuilds: fails,
#      naming the package and the version it needs,
#   4. puts the source back.
# Run after ./mvnw -B verify; needs the network once (tycho-baseline-plugin). Takes a few minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
baseline="$(mktemp -d "${TMPDIR:-/tmp}/gyrus-baseline.XXXXXX")"
source=bundles/org.gyrus.pipeline/src/main/java/org/gyrus/pipeline/NodeRegistry.java
backup="$baseline/NodeRegistry.java"
cp -r releng/org.gyrus.repository/target/repository "$baseline/repository"
cp "$source" "$backup"
trap 'cp "$backup" "$source"; rm -rf "$baseline"' EXIT
modules=bundles/org.gyrus.nn,bundles/org.gyrus.data,bundles/org.gyrus.pipeline
build() { ./mvnw -B -q verify -pl "$modules" -DskipTests -Dgyrus.baseline="file:$baseline/repository" "$@"; }

echo "== unchanged API against the baseline (must pass)"
build
echo "passed"

echo "== NodeRegistry.duplicates() removed, package version still 0.1.0 (must fail)"
python3 - "$source" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
s2 = re.sub(r"\n    /\*\* Registrations ignored.*?\n    }\n", "\n", s, count=1, flags=re.S)
assert s2 != s, "the method to remove was not found"
open(p, "w").write(s2)
PY
if build >"$baseline/log" 2>&1; then
  echo "UNEXPECTED: the incompatible change passed the baseline check" >&2
  exit 1
fi
grep -E "org.gyrus.pipeline|version" "$baseline/log" | grep -v "^\[INFO\]" | head -20
echo "failed, as it must"
