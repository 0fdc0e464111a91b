#!/usr/bin/python3
"""Prints the Markdown table of a bench/run.sh run: Gyrus vs nibabel medians, spreads and ratios."""
import json
import os
import sys

TARGETS = {"load_3d_nii_float32": 1.0, "load_3d_niigz_float32": 0.8, "load_4d_int16_niigz_scaled_float32": 0.6}
NIB_LOAD = {  # Gyrus case -> bench_peers.py W1 case
    "load_3d_nii_float32": "load_3d_nii_float32 (default mmap + copy)",
    "load_3d_niigz_float32": "load_3d_niigz_float32",
    "load_4d_int16_niigz_scaled_float32": "load_4d_int16_niigz_scaled_float32",
}


def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.startswith("{")]


def main(out):
    gyrus = {r["case"]: r for r in lines(os.path.join(out, "gyrus.jsonl"))}
    nib = {r["case"]: r for r in lines(os.path.join(out, "nibabel_writes.jsonl"))}
    with open(os.path.join(out, "peer_w1.json")) as f:
        for r in json.load(f)["results"]:
            nib[r["case"]] = {"median_ms": r["median_s"] * 1e3, "min_ms": r["min_s"] * 1e3, "max_ms": r["max_s"] * 1e3}
    print(open(os.path.join(out, "machine.txt")).read().strip().replace("\n", "  \n"))
    print()
    print("| case | Gyrus median (min–max) | nibabel median (min–max) | ratio Gyrus/nibabel | target |")
    print("|---|---:|---:|---:|---:|")
    for case, g in gyrus.items():
        if "median_ms" not in g:
            continue
        n = nib.get(NIB_LOAD.get(case, case))
        cell = lambda r: f"{r['median_ms']:.1f} ms ({r['min_ms']:.1f}–{r['max_ms']:.1f})"
        ratio = f"{g['median_ms'] / n['median_ms']:.2f}" if n else "–"
        target = f"≤ {TARGETS[case]}" if case in TARGETS else ""
        print(f"| {case} | {cell(g)} | {cell(n) if n else '–'} | {ratio} | {target} |")
    if "load_3d_nii_float32 (mmap=False)" in nib:
        n = nib["load_3d_nii_float32 (mmap=False)"]
        g = gyrus["load_3d_nii_float32"]
        print(f"| load_3d_nii_float32 vs nibabel mmap=False | {g['median_ms']:.1f} ms | {n['median_ms']:.1f} ms "
              f"({n['min_ms']:.1f}–{n['max_ms']:.1f}) | {g['median_ms'] / n['median_ms']:.2f} | |")
    if "read_csv_1M_MBps" in gyrus:
        c = gyrus["read_csv_1M_MBps"]
        g = gyrus["read_csv_1M"]
        print(f"\nCSV: tabular_1M.csv ({c['bytes'] / 1e6:.0f} MB, 1,000,000 rows × 46 columns) read into a Table in "
              f"{g['median_ms'] / 1e3:.2f} s median ({g['min_ms'] / 1e3:.2f}–{g['max_ms'] / 1e3:.2f}): {c['MB_per_s']:.0f} MB/s.")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gyrus-io-bench-run")
