#!/usr/bin/python3
"""Side-by-side table of workload W2: scikit-learn (bench_peers.py JSON) and Gyrus (W2Benchmark JSON).

    /usr/bin/python3 w2_table.py peer_w2.json gyrus_w2.json
"""
import json
import sys

TARGETS = {"mean": 0.33, "median": 0.05, "onehot": 0.33, "variance": 0.33}


def key(case):
    c = case.lower()
    if "mean" in c and "imputer" in c:
        return "mean"
    if "median" in c:
        return "median"
    if "onehot" in c and "sparse" not in c:
        return "onehot"
    if "variance" in c:
        return "variance"
    return None


def fmt(s):
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.3f} s"


def main():
    peer = json.load(open(sys.argv[1]))
    gyrus = json.load(open(sys.argv[2]))
    prs = {key(r["case"]): r for r in peer["results"] if r.get("workload") == "W2" and "median_s" in r and key(r["case"])}
    grs = {key(r["case"]): r for r in gyrus["results"] if key(r["case"])}
    print("| case | scikit-learn 1.2.1: median (min - max), other procs max | Gyrus: median (min - max), other procs max "
          "| Gyrus peak extra heap | ratio Gyrus / sklearn | target |")
    print("|---|---:|---:|---:|---:|---:|")
    for k in ("mean", "median", "onehot", "variance"):
        p, g = prs.get(k), grs.get(k)
        if not p or not g:
            continue
        ratio = g["median_s"] / p["median_s"]
        ok = "met" if ratio <= TARGETS[k] else "missed"
        print(f"| {g['case']} | {fmt(p['median_s'])} ({fmt(p['min_s'])} - {fmt(p['max_s'])}), {p['foreign_cpu_frac_max']:.0%} "
              f"| {fmt(g['median_s'])} ({fmt(g['min_s'])} - {fmt(g['max_s'])}), {g['foreign_cpu_frac_max']:.0%} "
              f"| {g['peak_extra_heap_mb']:.0f} MB | **{ratio:.3f}** | ≤ {TARGETS[k]} ({ok}) |")


if __name__ == "__main__":
    main()
