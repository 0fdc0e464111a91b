"""Reference values of the 1-D Wasserstein distance (scipy 1.10 stats.wasserstein_distance).

Run with the Debian python:  /usr/bin/python3 make_histogram_reference.py   (writes histogram_reference.json)
Two seeded float32 samples of different sizes, with ties (rounded values), and their distance.
"""
import json

import numpy as np
from scipy.stats import wasserstein_distance

rng = np.random.default_rng(16)
a = np.round(rng.normal(10, 3, 200), 1).astype(np.float32)
b = np.round(np.concatenate([rng.normal(8, 1, 90), rng.exponential(4, 47)]), 1).astype(np.float32)
cases = [{"a": a.tolist(), "b": b.tolist(), "distance": float(wasserstein_distance(a.astype(np.float64), b.astype(np.float64)))},
         {"a": [0.0, 1.0, 3.0], "b": [5.0, 6.0, 8.0], "distance": float(wasserstein_distance([0, 1, 3], [5, 6, 8]))}]
with open("histogram_reference.json", "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "cases": cases}, f)
print([c["distance"] for c in cases])
