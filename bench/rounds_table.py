#!/usr/bin/python3
"""Table of bench/rounds.sh's results: per case, the Gyrus and peer medians of every round, the ratio
of medians per round (Gyrus time / peer time, lower is better) and the worst round; the peer setting
reported is the faster of 'best' (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset) and 'pinned' in round 1.

    bench/rounds_table.py OUT_DIR
"""
import glob
import json
import os
import re
import sys

# (workload, Gyrus case as NnBench names it or 'w3:<solver>', peer case as bench_peers.py names it)
PAIRS = [
    ("W8", "Gemm.sgemm 1024x1024", "torch.matmul 1024x1024 f32"),
    ("W8", "Gemm.sgemm 4096x4096", "torch.matmul 4096x4096 f32"),
    ("W4", "autoencoder epoch", "autoencoder epoch"),
    ("W5", "encoder_layer train step", "encoder_layer train step (fwd+bwd+Adam)"),
    ("W5", "encoder_layer inference fwd", "encoder_layer inference fwd (no_grad, eval)"),
    ("W3", "w3:full", "PCA(50,full).fit_transform"),
    ("W3", "w3:randomized", "PCA(50,randomized).fit_transform"),
]
W3 = re.compile(r"W3 PCA\(50,(\w+)\)\.fit_transform\s+median ([\d.]+) ms\s+min ([\d.]+)\s+max ([\d.]+)")


def gyrus_round(out, r):
    rows = {}
    nn = os.path.join(out, f"round{r}-gyrus-nn.json")
    if os.path.exists(nn):
        for x in json.load(open(nn))["results"]:
            rows[(x["workload"], x["case"])] = (x["median_s"], x["min_s"], x["max_s"])
    w3 = os.path.join(out, f"round{r}-gyrus-w3.log")
    if os.path.exists(w3):
        for m in W3.finditer(open(w3).read()):
            rows[("W3", "w3:" + m.group(1))] = tuple(float(m.group(i)) / 1e3 for i in (2, 3, 4))
    return rows


def find(rows, wl, case):
    for (w, c), v in rows.items():  # NnBench appends shapes and options to its case names
        if w == wl and (c == case or (c.startswith(case) and "dropout" not in c)):
            return v
    return None


def peer_rows(path):
    if not os.path.exists(path):
        return {}, None
    j = json.load(open(path))
    kernels = sorted({i.get("architecture", "?") for i in j["meta"].get("threadpoolctl", [])
                      if isinstance(i, dict) and i.get("internal_api") == "openblas"})
    return {(x["workload"], x["case"]): (x["median_s"], x["min_s"], x["max_s"])
            for x in j["results"] if "median_s" in x}, ",".join(kernels) or "?"


def ms(v):
    return "%.1f (%.1f–%.1f)" % tuple(1e3 * t for t in v)


def main():
    out = sys.argv[1]
    rounds = sorted(int(re.search(r"round(\d+)-peer-best", p).group(1))
                    for p in glob.glob(os.path.join(out, "round*-peer-best.json")))
    best1, kbest = peer_rows(os.path.join(out, "round1-peer-best.json"))
    pinned1, kpinned = peer_rows(os.path.join(out, "round1-peer-pinned.json"))
    print(f"Peer OpenBLAS kernel: 'best' (variables unset) {kbest}; 'pinned' (environment's) {kpinned}.\n")
    print("| WL | case | round | Gyrus ms median (min–max) | peer ms median (min–max) | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for wl, gcase, pcase in PAIRS:
        ratios = []
        for r in rounds:
            g = find(gyrus_round(out, r), wl, gcase)
            p = peer_rows(os.path.join(out, f"round{r}-peer-best.json"))[0].get((wl, pcase))
            if r == 1 and (wl, pcase) in pinned1 and p and pinned1[(wl, pcase)][0] < p[0]:
                p = pinned1[(wl, pcase)]  # the environment's setting was faster here: report against it
                note = " (pinned faster)"
            else:
                note = ""
            if g is None or p is None:
                continue
            ratios.append(g[0] / p[0])
            print(f"| {wl} | {pcase} | {r} | {ms(g)} | {ms(p)}{note} | {g[0] / p[0]:.2f} |")
        if ratios:
            print(f"| {wl} | {pcase} | **worst** | | | **{max(ratios):.2f}** |")


if __name__ == "__main__":
    main()
