#!/usr/bin/python3
"""Times nibabel on the NIfTI writes Gyrus' IoBenchmark does (bench_peers.py W1 times the loads).

Each case: 1 untimed warm-up, then N timed runs (time.perf_counter); prints one JSON line per case.
Usage: /usr/bin/python3 nibabel_io.py DATA_DIR OUT_DIR [runs]
"""
import json
import os
import statistics
import sys
import time

import nibabel as nib
import numpy as np


def bench(name, fn, runs):
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"case": name, "median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
                      "max_ms": round(max(times), 1), "runs_ms": [round(t, 1) for t in times]}), flush=True)


def main(data, out, runs):
    os.makedirs(out, exist_ok=True)
    v3 = nib.load(os.path.join(data, "vol3d_256.nii"))
    vol = v3.get_fdata(dtype=np.float32)
    f4 = nib.load(os.path.join(data, "fmri4d_64x64x36x200.nii.gz"))
    fmri = f4.get_fdata(dtype=np.float32)

    def save3(name):
        def f():
            img = nib.Nifti1Image(vol, v3.affine, v3.header)  # float32 header, as loaded
            nib.save(img, os.path.join(out, name))
        return f

    def save4():
        hdr = f4.header.copy()
        hdr.set_data_dtype(np.int16)  # int16 on disk: nibabel computes scl_slope/scl_inter from the data
        nib.save(nib.Nifti1Image(fmri, f4.affine, hdr), os.path.join(out, "w4d.nii.gz"))

    bench("save_3d_nii_float32", save3("w3d.nii"), runs)
    bench("save_3d_niigz_float32", save3("w3d.nii.gz"), runs)
    bench("save_4d_niigz_int16_scaled", save4, runs)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
