#!/usr/bin/python3
"""W6 side by side, one table: per round and case, Gyrus's median (min-max, process CPU) against PyTorch's median at
each thread setting, and the ratio to the faster setting (the peer at its best).

    summary_w6.py OUTDIR      (the directory side_by_side_w6.sh wrote: gyrus_R.json, peer_R_Tt.json)
"""
import glob
import json
import os
import re
import sys


def case_key(name):
    return name.split()[0]  # "FGSM ..." / "PGD ..." / "one-pixel ..."


def ms(s):
    return f"{s * 1e3:.1f}" if s < 10 else f"{s:.2f} s"


def main(out):
    rounds = sorted(int(m.group(1)) for f in glob.glob(os.path.join(out, "gyrus_*.json"))
                    if (m := re.search(r"gyrus_(\d+)\.json$", f)))
    kernels = set()
    print("| case | round | Gyrus median (min–max), ms | Gyrus process CPU median, ms | PyTorch median (min–max) per threads, ms | ratio to the faster |")
    print("|---|---:|---:|---:|---|---:|")
    rows = []
    for r in rounds:
        with open(os.path.join(out, f"gyrus_{r}.json")) as f:
            gyrus = {case_key(c["case"]): c for c in json.load(f)["results"]}
        peers = {}
        for pf in sorted(glob.glob(os.path.join(out, f"peer_{r}_*t.json"))):
            threads = int(re.search(r"_(\d+)t\.json$", pf).group(1))
            with open(pf) as f:
                doc = json.load(f)
            for info in doc["meta"].get("threadpoolctl") or []:
                if isinstance(info, dict) and info.get("internal_api") == "openblas":
                    kernels.add(f"OpenBLAS {info.get('version')} {info.get('architecture')}")
            peers[threads] = {case_key(c["case"]): c for c in doc["results"] if c.get("workload") == "W6"}
        for key, g in gyrus.items():
            cells = []
            best = None
            for threads, cases in sorted(peers.items()):
                p = cases.get(key)
                if p is None:
                    continue
                cells.append(f"{threads} t: {ms(p['median_s'])} ({ms(p['min_s'])}–{ms(p['max_s'])})")
                best = p["median_s"] if best is None else min(best, p["median_s"])
            ratio = f"{g['median_s'] / best:.2f}" if best else "—"
            cpu = ms(g["cpu_median_s"]) if "cpu_median_s" in g else "—"
            rows.append((key, r, f"| {g['case']} | {r} | {ms(g['median_s'])} ({ms(g['min_s'])}–{ms(g['max_s'])}) | {cpu} | "
                                  f"{'; '.join(cells) or '—'} | {ratio} |"))
    for _, _, line in sorted(rows, key=lambda t: (t[0], t[1])):
        print(line)
    print()
    print("Peer BLAS kernel (threadpoolctl): " + (", ".join(sorted(kernels)) or "not recorded"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
