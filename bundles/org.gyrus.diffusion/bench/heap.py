#!/usr/bin/python3
"""Peak heap from a JVM unified GC log (-Xlog:gc:file=LOG:uptime,level,tags), split at an uptime.

    heap.py LOG [SPLIT_SECONDS]

Prints, for the events before and after SPLIT_SECONDS (e.g. the end of training), the largest heap
in use just before a collection (the peak: G1 collects when the young generation is full), the
largest heap still in use just after one (the live data) and the largest committed heap, in MB.
"""
import re
import sys

split = float(sys.argv[2]) if len(sys.argv) > 2 else float("inf")
phases = {}
for line in open(sys.argv[1]):
    t = re.match(r"\[([0-9.]+)s\]", line)
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if t and m:
        p = phases.setdefault("before" if float(t.group(1)) < split else "after", [0, 0, 0, 0])
        for i in range(3):
            p[i] = max(p[i], int(m.group(i + 1)))
        p[3] += 1
for name, (peak, live, committed, n) in phases.items():
    print("%s %ss: %d collections, peak used %d MB, largest live after GC %d MB, committed %d MB"
          % (name, split, n, peak, live, committed))
