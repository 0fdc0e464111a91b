#!/usr/bin/env bash
# Benchmark (BENCHMARKS.md), not a test: how long `./gyrus workbench` takes from the JVM's start to
# the window with the demo pipeline drawn (target < 3 s, product built). Runs it ROUNDS times on
# a virtual display and prints the times the workbench reports. Run on an idle machine:
#   bench/workbench-startup.sh [ROUNDS]      (needs xvfb-run; the product is built if missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
for i in $(seq "$rounds"); do
  log="$(mktemp)"
  # Its own process group, so that stopping it stops the workbench's JVM and the Xvfb too.
  setsid xvfb-run -a "$root/gyrus" workbench >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    grep -q 'gyrus workbench: ready' "$log" && break
    sleep 0.1
  done
  grep -o 'ready [0-9]* ms' "$log" | head -n 1 || echo "round $i: no ready line (see $log)"
  # First the launcher alone, which passes SIGTERM to Java and waits for it: so the first round leaves
  # the start cache that a workbench closed by its user leaves (with Xvfb killed
  # at the same time, GTK ends the process before Java writes anything).
  launcher="$(pgrep -P "$pid" -f "$root/gyrus" || true)"
  if [ -n "$launcher" ]; then
    kill -TERM "$launcher" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
  fi
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
done
