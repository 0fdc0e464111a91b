#!/usr/bin/python3
"""Merges peer result JSONs (bench_peers.py, w9_peer.py) and a Java result JSON (NnBench --out)
into the Markdown table of BENCHMARKS.md: medians, spreads, foreign CPU, ratio Java/PyTorch, GFLOP/s.

    bench/side_by_side.py peer.json[,peer_w9_best.json,peer_w9_pinned.json] java.json --peak 332

With several peer files the fastest median of each case is kept (e.g. the two OpenBLAS settings).
When both sides record "checks" (W9: values computed from the same data), they are compared.
"""
import json
import sys

PAIRS = [  # (workload, Java case prefix, peer case, flop per timed run or None)
    ("W8", "Gemm.sgemm 1024x1024", "torch.matmul 1024x1024 f32", 10 * 2 * 1024 ** 3),
    ("W8", "Gemm.sgemm 4096x4096", "torch.matmul 4096x4096 f32", 2 * 4096 ** 3),
    ("W4", "autoencoder epoch", "autoencoder epoch", None),
    ("W4", "autoencoder epoch dropout0.2", "autoencoder epoch dropout0.2", None),
    ("W5", "encoder_layer train step", "encoder_layer train step (fwd+bwd+Adam)", None),
    ("W5", "encoder_layer inference fwd", "encoder_layer inference fwd (no_grad, eval)", None),
    ("W9", "conv2d 3x3 32->64", "conv2d 3x3 32->64 b32 28x28 fwd+bwd", 10 * 3 * 2 * 32 * 64 * 32 * 9 * 28 * 28),
    ("W9", "residual stack train step", "residual stack train step b32 1x28x28", None),
    ("W9", "conv3d 3x3x3 16->16", "conv3d 3x3x3 16->16 1x64^3 fwd", 2 * 16 * 16 * 27 * 64 ** 3),
]


def fmt(s, items):
    if items > 1:
        return "%.2f ms/%s" % (s * 1e3 / items, "item")
    return "%.3f s" % s if s >= 1 else "%.1f ms" % (s * 1e3)


def main():
    peer = {}
    peer_checks = {}
    for name in sys.argv[1].split(","):
        doc = json.load(open(name))
        peer_checks.update(doc.get("checks", {}))
        setting = doc.get("meta", {}).get("blas_setting")
        for r in doc["results"]:
            key = (r["workload"], r["case"])
            if setting:
                r = dict(r, blas=setting)
            if key not in peer or r["median_s"] < peer[key]["median_s"]:
                peer[key] = r
    java_doc = json.load(open(sys.argv[2]))
    java = java_doc["results"]
    peak = float(sys.argv[sys.argv.index("--peak") + 1]) if "--peak" in sys.argv else None
    print("| WL | case | Gyrus median (min - max) | foreign CPU | PyTorch median (min - max) | foreign CPU | ratio Gyrus/PyTorch time | GFLOP/s Gyrus / PyTorch |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for wl, jcase, pcase, flop in PAIRS:
        j = next((r for r in java if r["workload"] == wl and r["case"].startswith(jcase)
                  and (("dropout" in r["case"]) == ("dropout" in jcase))), None)
        p = peer.get((wl, pcase))
        if j is None or p is None:
            continue
        items = max(1, j["items_per_run"])
        pitems = items
        ratio = j["median_s"] / p["median_s"]
        g = ""
        if flop:
            gj, gp = flop / j["median_s"] / 1e9, flop / p["median_s"] / 1e9
            g = "%.0f / %.0f" % (gj, gp)
            if peak:
                g += " (%.0f%% / %.0f%% of peak)" % (100 * gj / peak, 100 * gp / peak)
        print("| %s | %s | %s (%s - %s) | %.0f%% | %s (%s - %s) | %.0f%% | **%.2f** | %s |" % (
            wl, pcase, fmt(j["median_s"], items), fmt(j["min_s"], items), fmt(j["max_s"], items),
            100 * j["foreign_cpu_frac_max"], fmt(p["median_s"], pitems), fmt(p["min_s"], pitems),
            fmt(p["max_s"], pitems), 100 * p["foreign_cpu_frac_max"], ratio, g))


    checks = java_doc.get("checks", {})
    common = sorted(set(checks) & set(peer_checks))
    if common:
        bad = [k for k in common
               if abs(checks[k] - peer_checks[k]) > 1e-4 * max(abs(checks[k]), abs(peer_checks[k]), 1e-3)]
        print()
        print("checks: %d of %d values computed from the same data agree within 1e-4 relative%s" % (
            len(common) - len(bad), len(common), "; differ: " + ", ".join(
                "%s Gyrus %g PyTorch %g" % (k, checks[k], peer_checks[k]) for k in bad) if bad else ""))


if __name__ == "__main__":
    main()
