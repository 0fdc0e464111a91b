#!/usr/bin/env bash
# Times `gyrus install` of the example plug-in from a local repository and `gyrus plugins`
# (issue 17: install < 10 s, plugins < 2 s), on a copy of the built product so the real one is
# untouched. Each round installs, lists and uninstalls; prints every time and the medians.
#   bench/plugins.sh [ROUNDS]          (default 5; needs ./mvnw verify done, and the example built:
#                                       cd examples/intensity-normalisation && ../../mvnw -o -B verify
#                                         -Dgyrus.repository=file:$PWD/../../releng/org.gyrus.repository/target/repository)
# Run it on a quiet machine: the times are wall-clock times of whole commands (JVM start included).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
repo="$root/examples/intensity-normalisation/org.example.intensity.repository/target/repository"
[ -d "$repo" ] || { echo "build the example first (see the header of $0)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/gyrus-plugins-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -a "$root/releng/org.gyrus.repository/target/products/org.gyrus.headless/linux/gtk/x86_64" "$work/gyrus"
export GYRUS_PRODUCT="$work/gyrus"
"$root/gyrus" plugins >/dev/null   # the first look moves the profile to the copy; not timed
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
install=(); list=()
for i in $(seq "$rounds"); do
  install+=("$(seconds "$root/gyrus" install "$repo" org.example.intensity.feature --trust-unsigned)")
  list+=("$(seconds "$root/gyrus" plugins)")
  "$root/gyrus" uninstall org.example.intensity.feature >/dev/null
  printf 'round %d: install %.2f s, plugins %.2f s\n' "$i" "${install[-1]}" "${list[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
printf 'median of %d: install %.2f s (goal < 10 s), plugins %.2f s (goal < 2 s)\n' "$rounds" "$(median "${install[@]}")" "$(median "${list[@]}")"
