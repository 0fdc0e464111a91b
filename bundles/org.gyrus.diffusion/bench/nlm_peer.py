"""Non-local means peer: scikit-image's denoise_nl_means on a seeded noisy 3-D phantom.

    /usr/bin/python3 nlm_peer.py [--out /tmp/gyrus-bench-data] [--runs 3]

Writes nlm_volume.npy (64 x 64 x 64 float32, z y x; a sphere of 100 in 0 with Gaussian noise
sigma 10, seed 16) if absent, then times denoise_nl_means(patch_size=3, patch_distance=3,
h=0.8*sigma, sigma=sigma, fast_mode=False) after one warm-up. Gyrus's side: NlmBench (run.sh nlm).
"""
import argparse
import os
import time

import numpy as np
from skimage.restoration import denoise_nl_means

p = argparse.ArgumentParser()
p.add_argument("--out", default="/tmp/gyrus-bench-data")
p.add_argument("--runs", type=int, default=3, help="timed runs after one warm-up (at least 1)")
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
path = os.path.join(a.out, "nlm_volume.npy")
sigma = 10.0
if not os.path.exists(path):
    z, y, x = np.mgrid[0:64, 0:64, 0:64]
    clean = np.where((x - 31.5) ** 2 + (y - 31.5) ** 2 + (z - 31.5) ** 2 < 20 ** 2, 100.0, 0.0)
    noisy = clean + np.random.default_rng(16).normal(0, sigma, clean.shape)
    np.save(path, noisy.astype(np.float32))
v = np.load(path).astype(np.float64)
times = []
for r in range(max(1, a.runs) + 1):
    t0 = time.perf_counter()
    denoise_nl_means(v, patch_size=3, patch_distance=3, h=0.8 * sigma, sigma=sigma, fast_mode=False, channel_axis=None)
    times.append((time.perf_counter() - t0) * 1000)
timed = sorted(times[1:])
print(f"NLM skimage 3-D {v.shape} patch 1 search 3  median {timed[len(timed) // 2]:.1f} ms  min {timed[0]:.1f}  "
      f"max {timed[-1]:.1f}  warm-up {times[0]:.1f} ms")
