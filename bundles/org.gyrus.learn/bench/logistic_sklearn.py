"""Peer side of the logistic-regression fit benchmark (issue 13): scikit-learn 1.2's
LogisticRegression(solver='lbfgs', C=1, tol=1e-4, max_iter=100) on 100,000 x 50 standard-normal
features with labels drawn from a logistic model (seed 0).

Writes the data for the Gyrus side (org.gyrus.learn.LogisticBenchmark reads the same files) and
the peer's timings:

    /usr/bin/python3 bench/logistic_sklearn.py /tmp/gyrus-bench-data/logistic   # writes X.f64, y.i8, sklearn.json

1 warm-up and 5 timed fits; wall time of fit() only (data already in memory as float64).
Run with the thread settings stated in BENCHMARKS.md (OpenBLAS threads = Gyrus --threads).
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

N, P, RUNS, WARMUP = 100_000, 50, 5, 1


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((N, P))
    w = rng.standard_normal(P) / np.sqrt(P) * 2
    y = (rng.random(N) < 1 / (1 + np.exp(-(X @ w + 0.3)))).astype(np.int8)
    X.astype("<f8").tofile(os.path.join(out, "X.f64"))
    y.tofile(os.path.join(out, "y.i8"))
    times = []
    for r in range(WARMUP + RUNS):
        t0 = time.perf_counter()
        m = LogisticRegression(C=1.0, tol=1e-4, max_iter=100).fit(X, y)
        t = time.perf_counter() - t0
        if r >= WARMUP:
            times.append(t)
    result = {"peer": "scikit-learn " + sklearn.__version__, "n": N, "p": P, "runs": times,
              "median_s": statistics.median(times), "n_iter": int(m.n_iter_[0]),
              "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])}
    with open(os.path.join(out, "sklearn.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k not in ("coef",)}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gyrus-bench-data/logistic")
