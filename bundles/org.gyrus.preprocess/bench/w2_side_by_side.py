#!/usr/bin/python3
"""Workload W2, scikit-learn and Gyrus interleaved case by case in one session.

For each case, the scikit-learn timing of bench/peers/bench_peers.py (its own bench() and
data loading, unchanged: 1 warm-up + 5 timed runs, waits for a quiet machine, disturbed runs
re-run) is followed at once by the Gyrus timing of the same case in a Java process that holds
the data (org.gyrus.preprocess.W2Benchmark --serve), so that both see the same machine load.

    /usr/bin/python3 w2_side_by_side.py --peers DIR --data DIR --out DIR --cp CLASSPATH [--threads 2]
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers", required=True)
    ap.add_argument("--data", default="/tmp/gyrus-bench-data")
    ap.add_argument("--out", default="/tmp/gyrus-peer-run")
    ap.add_argument("--cp", required=True, help="class path of org.gyrus.data, org.gyrus.preprocess and its test classes")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--java-opts", default="--add-modules jdk.incubator.vector -Xms8g -Xmx8g -XX:+AlwaysPreTouch -XX:+UseParallelGC")
    a = ap.parse_args()
    # bench_peers reads --threads from sys.argv at import to set the BLAS/OpenMP environment.
    sys.argv = [sys.argv[0], "--threads", a.threads]
    sys.path.insert(0, a.peers)
    import bench_peers as bp
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder
    from sklearn.feature_selection import VarianceThreshold
    import numpy as np
    import sklearn

    bp.ARGS = argparse.Namespace(runs=5, warmup=1, quiet_wait=30.0, quiet_threshold=0.10, quiet_max_total=240.0,
                                 noisy_threshold=0.20, max_extra_runs=5, threads=int(a.threads))
    os.makedirs(a.out, exist_ok=True)
    csv = os.path.join(a.data, "tabular_1M.csv")
    java = subprocess.Popen(["java"] + a.java_opts.split() + ["-cp", a.cp, "org.gyrus.preprocess.W2Benchmark", "--serve", csv,
                             os.path.join(a.out, "gyrus_w2.json"), a.threads],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def java_line():
        line = java.stdout.readline()
        if not line:
            raise SystemExit("the Java benchmark process ended early")
        print("  [gyrus] " + line.rstrip(), flush=True)
        return line

    while not java_line().startswith("ready"):
        pass
    Xf, Xc, _y, _tparse, _tcache = bp.load_csv_cached(csv)
    Xi = SimpleImputer(strategy="mean").fit_transform(Xf)
    kw_dense = {"sparse_output": False} if sklearn.__version__ >= "1.2" else {"sparse": False}
    peer_cases = [
        ("mean", "SimpleImputer(mean) 1Mx40 f32", lambda _: SimpleImputer(strategy="mean").fit_transform(Xf)),
        ("median", "SimpleImputer(median) 1Mx40 f32", lambda _: SimpleImputer(strategy="median").fit_transform(Xf)),
        ("onehot", "OneHotEncoder dense 1Mx5 str",
         lambda _: OneHotEncoder(handle_unknown="ignore", dtype=np.float32, **kw_dense).fit_transform(Xc)),
        ("variance", "VarianceThreshold(1.0) 1Mx40 f32 imputed", lambda _: VarianceThreshold(threshold=1.0).fit_transform(Xi)),
    ]
    peer, gyrus = [], []
    for key, name, fn in peer_cases:
        r, _last = bp.bench("W2", name, fn)
        peer.append(r)
        java.stdin.write(key + "\n")
        java.stdin.flush()
        while True:
            line = java_line()
            if line.startswith("RESULT "):
                gyrus.append(json.loads(line[len("RESULT "):]))
                break
    java.stdin.write("quit\n")
    java.stdin.flush()
    java.wait()
    with open(os.path.join(a.out, "peer_w2.json"), "w") as f:
        json.dump({"results": peer, "sklearn": sklearn.__version__, "numpy": np.__version__}, f, indent=1)
    with open(os.path.join(a.out, "gyrus_w2_interleaved.json"), "w") as f:
        json.dump({"results": gyrus}, f, indent=1)


if __name__ == "__main__":
    main()
