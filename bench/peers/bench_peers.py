#!/usr/bin/python3
"""Peer-baseline benchmark: nibabel / scikit-learn / PyTorch (Debian packages) on the CPU.

    /usr/bin/python3 bench_peers.py --data /tmp/gyrus-bench-data --out /tmp/peer_results.json
                                    [--only W1,W5] [--runs 5] [--warmup 1] [--threads 2]

Needs the data written by gen_data.py. Each case runs `--warmup` untimed runs and
`--runs` timed runs (time.perf_counter); the table shows the median and min-max
of the timed runs, and derived throughputs computed from the median (and from
max/min time for the throughput range). Thread settings (OMP/OpenBLAS/MKL env
vars, torch.set_num_threads) are applied before numpy/torch are imported.
"""
import os
import sys


def _early_opt(argv, name, default):
    v = default
    for i, a in enumerate(argv):
        if a == name and i + 1 < len(argv):
            v = argv[i + 1]
        elif a.startswith(name + "="):
            v = a.split("=", 1)[1]
    return v


# Thread settings must be in the environment before numpy / torch / libgomp load.
_NT = _early_opt(sys.argv, "--threads", "2")
_WAIT = _early_opt(sys.argv, "--omp-wait-policy", "PASSIVE")
for _k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
           "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_k] = _NT
if _WAIT.lower() in ("", "unset", "none"):
    os.environ.pop("OMP_WAIT_POLICY", None)
else:
    os.environ["OMP_WAIT_POLICY"] = _WAIT.upper()
# Peer at its best: some machines here pin OpenBLAS to old (256-bit) kernels through
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE. Unset both (together) unless --blas pinned; the meta
# section records the kernel OpenBLAS then runs (threadpoolctl) so a reader can check.
_BLAS = _early_opt(sys.argv, "--blas", "best")
if _BLAS == "best":
    os.environ.pop("OPENBLAS_CORETYPE", None)
    os.environ.pop("OPENBLAS_L2_SIZE", None)

import argparse  # noqa: E402
import csv  # noqa: E402
import gc  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

RESULTS = []
ARGS = None
_CLK = os.sysconf("SC_CLK_TCK")
_NCPU = os.cpu_count() or 1
QUIET_WAITED = {"total_s": 0.0, "events": []}


def cpu_busy_s():
    """Machine-wide busy CPU seconds (all cores) from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / _CLK


def wait_quiet(tag):
    """Wait (bounded) until other processes use < --quiet-threshold of the machine."""
    budget = ARGS.quiet_max_total - QUIET_WAITED["total_s"]
    if ARGS.quiet_wait <= 0 or budget <= 0:
        return
    t0 = time.perf_counter()
    ok = 0
    last = None
    while time.perf_counter() - t0 < min(ARGS.quiet_wait, budget):
        b0, w0 = cpu_busy_s(), time.perf_counter()
        time.sleep(1.0)
        last = (cpu_busy_s() - b0) / ((time.perf_counter() - w0) * _NCPU)
        ok = ok + 1 if last < ARGS.quiet_threshold else 0
        if ok >= 2:
            break
    waited = time.perf_counter() - t0
    QUIET_WAITED["total_s"] += waited
    if waited > 2.5:
        QUIET_WAITED["events"].append({"before": tag, "waited_s": round(waited, 1), "last_foreign_frac": last})
        log(f"  (waited {waited:.0f} s for a quieter machine before {tag}; foreign load now {last:.0%})")


# ----------------------------------------------------------------------------- helpers
def log(msg):
    print(msg, flush=True)


def bench(wl, case, fn, setup=None, runs=None, warmup=None, per_run_items=None, derived=None, notes=None, info=None):
    """Time fn(state) where state = setup() (untimed). derived: dict name -> (numerator, unit)
    giving throughput = numerator / seconds, or name -> callable(seconds) -> value."""
    runs = ARGS.runs if runs is None else runs
    warmup = ARGS.warmup if warmup is None else warmup
    wait_quiet(f"{wl} {case}")
    last = None

    def one_run():
        state = setup() if setup is not None else None
        gc.collect()
        b0, c0 = cpu_busy_s(), time.process_time()
        t0 = time.perf_counter()
        out = fn(state)
        dt = time.perf_counter() - t0
        b1, c1 = cpu_busy_s(), time.process_time()
        del state
        # share of the machine's CPU used by other processes during this run (jiffy resolution 10 ms)
        return out, dt, max(0.0, ((b1 - b0) - (c1 - c0)) / (dt * _NCPU))

    for _ in range(warmup):
        last, _dt, _f = one_run()
    clean, disturbed = [], []
    while len(clean) < runs and len(clean) + len(disturbed) < runs + max(0, ARGS.max_extra_runs):
        if disturbed and disturbed[-1][2]:
            wait_quiet(f"{wl} {case} (rerun)")
        last, dt, fr = one_run()
        if fr <= ARGS.noisy_threshold:
            clean.append((dt, fr))
            if disturbed:
                disturbed[-1] = (disturbed[-1][0], disturbed[-1][1], False)
        else:
            disturbed.append((dt, fr, True))
    kept = clean + sorted(((d, f) for d, f, _w in disturbed), key=lambda x: x[1])[:runs - len(clean)]
    discarded = [(d, f) for d, f, _w in disturbed if (d, f) not in kept]
    if disturbed:
        log(f"  ({wl} {case}: {len(disturbed)} run(s) disturbed by other processes (> {ARGS.noisy_threshold:.0%} "
            f"of the CPUs); {len(discarded)} discarded and re-run)")
    times = [d for d, _f in kept]
    foreign = [f for _d, f in kept]
    med = statistics.median(times)
    r = {
        "workload": wl, "case": case, "unit": "s",
        "median_s": med, "min_s": min(times), "max_s": max(times), "runs_s": times,
        "warmup_runs": warmup, "timed_runs": runs,
        "foreign_cpu_frac_runs": [round(f, 3) for f in foreign], "foreign_cpu_frac_max": round(max(foreign), 3),
        "discarded_disturbed_runs": [{"s": d, "foreign_cpu_frac": round(f, 3)} for d, f in discarded],
    }
    if per_run_items:
        n, label = per_run_items
        r["per_item"] = {"items_per_run": n, "item": label,
                         "median_ms": med / n * 1e3, "min_ms": min(times) / n * 1e3, "max_ms": max(times) / n * 1e3}
    if derived:
        d = {}
        for k, v in derived.items():
            if callable(v):
                d[k] = {"median": v(med), "at_min_time": v(min(times)), "at_max_time": v(max(times))}
            else:
                num, _unit = v
                d[k] = {"median": num / med, "at_min_time": num / min(times), "at_max_time": num / max(times)}
        r["derived"] = d
    if notes:
        r["notes"] = notes
    if info is not None:
        r["info"] = info(last) if callable(info) else info
    RESULTS.append(r)
    log(f"  {wl:3s} {case:44s} median {fmt_t(med)}  [{fmt_t(min(times))} .. {fmt_t(max(times))}]  "
        f"bg<={max(foreign):4.0%}  {derived_str(r)}")
    return r, last


def fmt_t(s):
    if s < 1e-3:
        return f"{s * 1e6:8.1f} us"
    if s < 1.0:
        return f"{s * 1e3:8.2f} ms"
    return f"{s:8.3f} s "


def derived_str(r):
    parts = []
    if "per_item" in r:
        p = r["per_item"]
        parts.append(f"{p['median_ms']:.3f} ms/{p['item']} [{p['min_ms']:.3f}-{p['max_ms']:.3f}]")
    for k, v in r.get("derived", {}).items():
        lo, hi = sorted((v["at_max_time"], v["at_min_time"]))
        parts.append(f"{v['median']:.1f} {k} [{lo:.1f}-{hi:.1f}]")
    return "; ".join(parts)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # pragma: no cover
        return f"<{e}>"


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().strip()


def cpu_facts():
    lscpu = sh("LC_ALL=C lscpu")
    facts = {"lscpu_model": None, "cpus": os.cpu_count(), "mhz": None, "mhz_source": None, "flags_avx2_fma": None}
    for line in lscpu.splitlines():
        k, _, v = line.partition(":")
        k, v = k.strip(), v.strip()
        if k == "Model name":
            facts["lscpu_model"] = v
        elif k == "CPU(s)":
            facts["cpus"] = int(v)
        elif k == "CPU max MHz" and v:
            facts["mhz"], facts["mhz_source"] = float(v), "lscpu CPU max MHz"
        elif k == "Flags":
            fl = v.split()
            facts["flags_avx2_fma"] = ("avx2" in fl and "fma" in fl)
            facts["avx512f"] = "avx512f" in fl
    if facts["mhz"] is None:
        m = re.search(r"CPU MHz:\s*([\d.]+)", lscpu)
        if m:
            facts["mhz"], facts["mhz_source"] = float(m.group(1)), "lscpu CPU MHz"
    if facts["mhz"] is None:
        try:
            with open("/proc/cpuinfo") as f:
                m = re.search(r"cpu MHz\s*:\s*([\d.]+)", f.read())
            if m:
                facts["mhz"], facts["mhz_source"] = float(m.group(1)), "/proc/cpuinfo cpu MHz (VM-reported nominal/TSC clock; boost not visible)"
        except OSError:
            pass
    flops_per_cycle = 32  # Zen3: 2 x 256-bit FMA pipes x 8 fp32 lanes x 2 flops (mul+add)
    if facts["mhz"]:
        facts["theoretical_fp32_peak_gflops"] = facts["cpus"] * facts["mhz"] / 1e3 * flops_per_cycle
        facts["theoretical_fp32_peak_gflops_per_core"] = facts["mhz"] / 1e3 * flops_per_cycle
    facts["peak_assumption"] = ("cores x clock(GHz) x 32 FP32 flop/cycle: AMD Zen3 issues two 256-bit FMAs per cycle "
                                "(8 fp32 lanes x 2 flop x 2 pipes); clock = the clock the VM reports, "
                                "real boost clock unknown, so the true peak may be higher")
    return facts


# ----------------------------------------------------------------------------- W1 nibabel
def w1(data):
    import nibabel as nib
    log("W1 nibabel NIfTI load -> float32")
    p3 = os.path.join(data, "vol3d_256.nii")
    p3gz = os.path.join(data, "vol3d_256.nii.gz")
    p4 = os.path.join(data, "fmri4d_64x64x36x200.nii.gz")
    b3 = 256 ** 3 * 4
    b4 = 64 * 64 * 36 * 200 * 2

    def ld(path, copy=False, **kw):
        def f(_):
            a = nib.load(path, **kw).get_fdata(dtype=np.float32)
            if copy:
                a = np.array(a, dtype=np.float32, copy=True)  # materialise the memory map
            return a
        return f

    def info(a):
        return {"shape": list(a.shape), "type": type(a).__name__,
                "checksum_subsample_sum": float(a[::7, ::7, ::7].sum(dtype=np.float64))}

    bench("W1", "load_3d_nii_float32 (mmap=False)", ld(p3, mmap=False), derived={"MB/s": (b3 / 1e6, "MB/s")},
          notes="nib.load(p, mmap=False).get_fdata(dtype=float32): read into private memory; file in page cache",
          info=info)
    bench("W1", "load_3d_nii_float32 (default mmap + copy)", ld(p3, copy=True), derived={"MB/s": (b3 / 1e6, "MB/s")},
          notes=("nib.load(p) memory-maps the file and get_fdata returns the (lazy) memmap when no scaling/cast is "
                 "needed; np.array(copy=True) makes it a fully materialised array"), info=info)
    bench("W1", "load_3d_niigz_float32", ld(p3gz), derived={"MB/s": (b3 / 1e6, "MB/s")},
          notes=f"gzip (Python zlib) decompress + cast; MB/s of uncompressed data ({b3 / 1e6:.1f} MB)", info=info)
    bench("W1", "load_4d_int16_niigz_scaled_float32", ld(p4), derived={"MB/s": (b4 / 1e6, "MB/s")},
          notes=(f"int16 -> float32 with scl_slope 0.5 / scl_inter 10 applied; MB/s of uncompressed stored int16 "
                 f"data ({b4 / 1e6:.1f} MB; float32 output is {2 * b4 / 1e6:.1f} MB)"), info=info)


# ----------------------------------------------------------------------------- W2 sklearn preprocessing
def load_csv(path, chunk=200_000):
    t0 = time.perf_counter()
    floats, cats, labels = [], [], []
    with open(path, newline="") as fh:
        r = csv.reader(fh)
        header = next(r)
        nf = sum(1 for h in header if h.startswith("f"))
        nc = sum(1 for h in header if h.startswith("cat"))
        while True:
            rows = list(itertools.islice(r, chunk))
            if not rows:
                break
            cols = list(zip(*rows))
            fa = np.array(cols[:nf], dtype="U24")
            fa[fa == ""] = "nan"
            floats.append(fa.astype(np.float32).T.copy())
            ca = np.array(cols[nf:nf + nc], dtype=object).T.copy()
            ca[ca == ""] = None
            cats.append(ca)
            labels.append(np.array(cols[nf + nc], dtype=np.int64))
            del rows, cols, fa
    Xf = np.ascontiguousarray(np.concatenate(floats))
    Xc = np.concatenate(cats)
    y = np.concatenate(labels)
    return Xf, Xc, y, time.perf_counter() - t0


def load_csv_cached(path):
    """Parse the CSV once and keep a .parsed.npz cache beside it (keyed by size + mtime)."""
    st = os.stat(path)
    key = np.array([st.st_size, st.st_mtime_ns], dtype=np.int64)
    cache = path + ".parsed.npz"
    if os.path.exists(cache):
        try:
            z = np.load(cache, allow_pickle=False)
            if np.array_equal(z["key"], key):
                t0 = time.perf_counter()
                vocab = z["vocab"]
                codes = z["cat_codes"]
                Xc = np.empty(codes.shape, dtype=object)
                for j in range(codes.shape[1]):
                    vj = np.array([v if v else None for v in vocab[j]] + [None], dtype=object)
                    Xc[:, j] = vj[codes[:, j]]  # code -1 -> last entry (None)
                return z["floats"], Xc, z["labels"], None, time.perf_counter() - t0
        except Exception as e:  # corrupt cache: re-parse
            log(f"  (ignoring csv cache: {e})")
    Xf, Xc, y, tparse = load_csv(path)
    vocab, codes = [], np.full(Xc.shape, -1, dtype=np.int16)
    width = max(len(c) for j in range(Xc.shape[1]) for c in set(Xc[:, j]) if c is not None)
    for j in range(Xc.shape[1]):
        cats = sorted(c for c in set(Xc[:, j]) if c is not None)
        idx = {c: i for i, c in enumerate(cats)}
        codes[:, j] = [idx[c] if c is not None else -1 for c in Xc[:, j]]
        vocab.append(cats)
    nv = max(len(v) for v in vocab)
    varr = np.array([v + [""] * (nv - len(v)) for v in vocab], dtype=f"U{width}")
    try:
        np.savez(cache, key=key, floats=Xf, cat_codes=codes, vocab=varr, labels=y)
    except OSError as e:
        log(f"  (could not write csv cache: {e})")
    return Xf, Xc, y, tparse, None


def w2(data):
    import sklearn
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder
    from sklearn.feature_selection import VarianceThreshold
    log("W2 scikit-learn preprocessing on 1M rows (CSV parsed once, untimed)")
    Xf, Xc, y, tparse, tcache = load_csv_cached(os.path.join(data, "tabular_1M.csv"))
    if tparse is not None:
        log(f"  (csv parse with csv module + numpy, untimed, single run: {tparse:.1f} s; cached for later runs)")
        RESULTS.append({"workload": "W2", "case": "csv_parse_info_untimed", "unit": "s", "single_run_s": tparse,
                        "notes": "csv.reader + numpy string->float32 conversion; NOT part of the comparison"})
    else:
        log(f"  (csv loaded from .parsed.npz cache in {tcache:.1f} s; delete it to re-parse)")
    log(f"  floats {Xf.shape} {Xf.dtype}, cats {Xc.shape}, missing floats {np.isnan(Xf).mean():.4f}, "
        f"missing cats {np.mean(Xc == None):.4f}")  # noqa: E711
    nrows = Xf.shape[0]
    mb_f = Xf.nbytes / 1e6
    bench("W2", "SimpleImputer(mean) 1Mx40 f32", lambda _: SimpleImputer(strategy="mean").fit_transform(Xf),
          derived={"Mrows/s": (nrows / 1e6, "Mrows/s"), "MB/s": (mb_f, "MB/s")},
          notes="fit_transform on float32 array with NaN for missing")
    bench("W2", "SimpleImputer(median) 1Mx40 f32", lambda _: SimpleImputer(strategy="median").fit_transform(Xf),
          derived={"Mrows/s": (nrows / 1e6, "Mrows/s"), "MB/s": (mb_f, "MB/s")})
    kw_dense = {"sparse_output": False} if sklearn.__version__ >= "1.2" else {"sparse": False}
    kw_sparse = {"sparse_output": True} if sklearn.__version__ >= "1.2" else {"sparse": True}
    _, oh = bench("W2", "OneHotEncoder dense 1Mx5 str", lambda _: OneHotEncoder(handle_unknown="ignore", dtype=np.float32,
                                                                                **kw_dense).fit_transform(Xc),
                  derived={"Mrows/s": (nrows / 1e6, "Mrows/s")},
                  notes="object array of str with None for missing (missing = its own category); dtype float32",
                  info=lambda last: {"out_shape": list(last.shape)})
    del oh
    bench("W2", "OneHotEncoder sparse(CSR) 1Mx5 str", lambda _: OneHotEncoder(handle_unknown="ignore", dtype=np.float32,
                                                                              **kw_sparse).fit_transform(Xc),
          derived={"Mrows/s": (nrows / 1e6, "Mrows/s")},
          info=lambda last: {"out_shape": list(last.shape), "nnz": int(last.nnz), "format": last.format})
    Xi = SimpleImputer(strategy="mean").fit_transform(Xf)
    bench("W2", "VarianceThreshold(1.0) 1Mx40 f32 imputed",
          lambda _: VarianceThreshold(threshold=1.0).fit_transform(Xi),
          derived={"Mrows/s": (nrows / 1e6, "Mrows/s")},
          info=lambda last: {"kept_columns": int(last.shape[1])})
    del Xf, Xc, y, Xi


# ----------------------------------------------------------------------------- W3 PCA
def w3(data):
    from sklearn.decomposition import PCA
    log("W3 scikit-learn PCA(50) on 10,000 x 1,000 float32")
    X = np.load(os.path.join(data, "pca_10000x1000.npy"))
    for solver in ("full", "randomized"):
        kw = {"random_state": 0} if solver == "randomized" else {}

        def f(_, solver=solver, kw=kw):
            p = PCA(n_components=50, svd_solver=solver, **kw)
            Z = p.fit_transform(X)
            return float(p.explained_variance_ratio_.sum()), Z.dtype.name

        bench("W3", f"PCA(50,{solver}).fit_transform", f,
              notes="fit_transform; float32 input kept float32 by sklearn",
              info=lambda last: {"explained_variance_ratio_sum": last[0], "out_dtype": last[1]})


# ----------------------------------------------------------------------------- torch helpers
def load_images(data):
    X = np.load(os.path.join(data, "images_x.npy"))
    y = np.load(os.path.join(data, "images_y.npy"))
    return X.reshape(X.shape[0], -1), y.astype(np.int64)


# ----------------------------------------------------------------------------- W4 autoencoder
def w4(data):
    import torch
    import torch.nn as nn
    log("W4 PyTorch MLP autoencoder 784-256-32-256-784, Adam 1e-3, batch 256, 1 epoch / 20,000")
    Xn, _ = load_images(data)
    X = torch.from_numpy(Xn)
    n = X.shape[0]
    bs = 256

    def make(drop):
        torch.manual_seed(0)
        layers = []
        dims = [784, 256, 32, 256]
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
            if drop:
                layers.append(nn.Dropout(drop))
        layers += [nn.Linear(256, 784), nn.Sigmoid()]
        m = nn.Sequential(*layers)
        m.train()
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        g = torch.Generator().manual_seed(1)
        return m, opt, g

    def epoch(state):
        m, opt, g = state
        perm = torch.randperm(n, generator=g)
        lossf = nn.MSELoss()
        tot = 0.0
        for i in range(0, n, bs):
            xb = X[perm[i:i + bs]]
            out = m(xb)
            loss = lossf(out, xb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            tot += loss.item() * xb.shape[0]
        return tot / n

    for drop in (0.0, 0.2):
        bench("W4", f"autoencoder epoch{' dropout0.2' if drop else ''}", epoch, setup=lambda d=drop: make(d),
              derived={"samples/s": (n, "samples/s")},
              notes=("fresh model per run (untimed); shuffled batches of 256 incl. last partial; "
                     "time includes shuffle, gather, fwd, bwd, Adam, loss.item()"
                     + ("; Dropout(0.2) after each hidden ReLU (256, 32, 256)" if drop else "")),
              info=lambda last: {"mean_epoch_mse": last})


# ----------------------------------------------------------------------------- W5 attention
def w5(data):
    import torch
    import torch.nn as nn
    log("W5 PyTorch TransformerEncoderLayer(d=128,h=4,ff=256) on 32x64x128")
    torch.manual_seed(0)
    B, L, D, H = 32, 64, 128, 4
    x = torch.randn(B, L, D)
    tgt = torch.randn(B, L, D)
    layer = nn.TransformerEncoderLayer(d_model=D, nhead=H, dim_feedforward=256, batch_first=True, dropout=0.0)
    opt = torch.optim.Adam(layer.parameters(), lr=1e-3)
    steps_train, steps_inf = 20, 50

    def train(_):
        layer.train()
        for _ in range(steps_train):
            out = layer(x)
            loss = ((out - tgt) ** 2).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return loss.item()

    bench("W5", "encoder_layer train step (fwd+bwd+Adam)", train, per_run_items=(steps_train, "step"),
          notes=f"{steps_train} steps per timed run; MSE to a fixed random target")

    def infer(_):
        layer.eval()
        with torch.no_grad():
            for _ in range(steps_inf):
                out = layer(x)
        return float(out[0, 0, 0])

    bench("W5", "encoder_layer inference fwd (no_grad, eval)", infer, per_run_items=(steps_inf, "fwd"),
          notes=f"{steps_inf} forwards per timed run; torch 1.13 takes its fused 'fast path' here "
                "(eval + no_grad + batch_first)")

    def infer_grad(_):
        layer.eval()
        for _ in range(steps_inf):
            out = layer(x)
        return float(out[0, 0, 0])

    bench("W5", "encoder_layer fwd, autograd recording (eval)", infer_grad, per_run_items=(steps_inf, "fwd"),
          notes="same forward with grad enabled (no fast path, builds the tape) - closest to an autodiff engine's forward")

    mha = nn.MultiheadAttention(D, H, dropout=0.0, batch_first=True)
    mha.eval()

    def mha_fwd(_):
        with torch.no_grad():
            for _ in range(steps_inf):
                out, _w = mha(x, x, x, need_weights=False)
        return float(out[0, 0, 0])

    bench("W5", "nn.MultiheadAttention fwd (no_grad)", mha_fwd, per_run_items=(steps_inf, "fwd"),
          notes="self-attention with in/out projections, need_weights=False")

    q = torch.randn(B, H, L, D // H)
    k = torch.randn(B, H, L, D // H)
    v = torch.randn(B, H, L, D // H)
    scale = 1.0 / math.sqrt(D // H)

    def sdpa(_):
        with torch.no_grad():
            for _ in range(steps_inf):
                a = torch.softmax(torch.matmul(q, k.transpose(-2, -1)) * scale, dim=-1)
                out = torch.matmul(a, v)
        return float(out[0, 0, 0, 0])

    bench("W5", "plain SDPA softmax(QK^T/sqrt(d))V fwd", sdpa, per_run_items=(steps_inf, "fwd"),
          notes="Q,K,V = 32x4x64x32 (no projections), matmul-softmax-matmul, no_grad")


# ----------------------------------------------------------------------------- W6 adversarial
def w6(data):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    log("W6 PyTorch adversarial examples on MLP 784-256-10")
    Xn, yn = load_images(data)
    X = torch.from_numpy(Xn)
    y = torch.from_numpy(yn)
    Xtr, ytr = X[:10000], y[:10000]
    Xte, yte = X[10000:], y[10000:]
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(2)
    t0 = time.perf_counter()
    for _ep in range(2):
        perm = torch.randperm(Xtr.shape[0], generator=g)
        for i in range(0, Xtr.shape[0], 128):
            idx = perm[i:i + 128]
            loss = F.cross_entropy(model(Xtr[idx]), ytr[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    ttrain = time.perf_counter() - t0
    model.eval()

    def acc(xx, yy):
        with torch.no_grad():
            return float((model(xx).argmax(1) == yy).float().mean())

    clean_acc = acc(Xte, yte)
    log(f"  (classifier trained 2 epochs on samples 0..9999 in {ttrain:.2f}s untimed; clean acc on 10000..19999 = {clean_acc:.4f})")
    eps, alpha, steps = 0.1, 0.01, 10

    def fgsm(_):
        outs = []
        for i in range(0, Xte.shape[0], 1000):
            xb = Xte[i:i + 1000].clone().requires_grad_(True)
            loss = F.cross_entropy(model(xb), yte[i:i + 1000])
            (gx,) = torch.autograd.grad(loss, xb)
            outs.append((xb.detach() + eps * gx.sign()).clamp_(0.0, 1.0))
        return torch.cat(outs)

    r, xadv = bench("W6", "FGSM eps0.1 10,000 samples (10 x 1000)", fgsm, derived={"samples/s": (10000, "samples/s")},
                    notes="attack generation only (fwd+bwd to input, sign step, clamp [0,1]); accuracy measured outside timing")
    r["info"] = {"acc_clean": clean_acc, "acc_adv": acc(xadv, yte), "classifier_train_s_untimed": ttrain}
    log(f"      acc clean {clean_acc:.4f} -> FGSM {r['info']['acc_adv']:.4f}")

    Xp, yp = Xte[:1000], yte[:1000]

    def pgd(_):
        x0 = Xp
        xa = x0.clone()
        for _ in range(steps):
            xa.requires_grad_(True)
            loss = F.cross_entropy(model(xa), yp)
            (gx,) = torch.autograd.grad(loss, xa)
            xa = xa.detach() + alpha * gx.sign()
            xa = torch.min(torch.max(xa, x0 - eps), x0 + eps).clamp_(0.0, 1.0)
        return xa

    r, xadv = bench("W6", "PGD 10 steps eps0.1 a0.01 1,000 samples", pgd, derived={"samples/s": (1000, "samples/s")},
                    notes="L-inf PGD, no random start, one batch of 1000; projection to eps-ball and [0,1]")
    r["info"] = {"acc_clean": acc(Xp, yp), "acc_adv": acc(xadv, yp)}
    log(f"      acc clean {r['info']['acc_clean']:.4f} -> PGD {r['info']['acc_adv']:.4f}")


# ----------------------------------------------------------------------------- W7 DDPM
def w7(data):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    log("W7 PyTorch DDPM: eps-predictor MLP (784+64 -> 512 -> 512 -> 784, SiLU), T=1000 linear betas")
    Xn, _ = load_images(data)
    X = torch.from_numpy(Xn) * 2.0 - 1.0
    n = X.shape[0]
    T = 1000
    betas = torch.linspace(1e-4, 0.02, T)
    alphas = 1.0 - betas
    abar = torch.cumprod(alphas, 0)
    sab, s1mab = abar.sqrt(), (1.0 - abar).sqrt()
    half = 32
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)

    def temb(t):
        a = t.float()[:, None] * freqs[None, :]
        return torch.cat([a.sin(), a.cos()], dim=1)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.l1 = nn.Linear(784 + 64, 512)
            self.l2 = nn.Linear(512, 512)
            self.l3 = nn.Linear(512, 784)

        def forward(self, x, t):
            h = F.silu(self.l1(torch.cat([x, temb(t)], dim=1)))
            h = F.silu(self.l2(h))
            return self.l3(h)

    def make():
        torch.manual_seed(0)
        m = Net()
        return m, torch.optim.Adam(m.parameters(), lr=1e-3), torch.Generator().manual_seed(3)

    bs = 128

    def train_epoch(state):
        m, opt, g = state
        m.train()
        perm = torch.randperm(n, generator=g)
        tot = 0.0
        for i in range(0, n, bs):
            x0 = X[perm[i:i + bs]]
            b = x0.shape[0]
            t = torch.randint(0, T, (b,), generator=g)
            e = torch.randn(x0.shape, generator=g)
            xt = sab[t][:, None] * x0 + s1mab[t][:, None] * e
            loss = F.mse_loss(m(xt, t), e)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            tot += loss.item() * b
        return tot / n

    bench("W7", "DDPM train epoch (20,000, batch 128)", train_epoch, setup=make,
          derived={"samples/s": (n, "samples/s")},
          notes="fresh model per run (untimed); t~U{0..999}, eps~N(0,I), MSE on eps, Adam 1e-3; sinusoidal time embedding (64)",
          info=lambda last: {"mean_epoch_loss": last})

    m, opt, g = make()
    train_epoch((m, opt, g))  # a trained-for-one-epoch model to sample from
    m.eval()

    def sample(_):
        gs = torch.Generator().manual_seed(4)
        with torch.no_grad():
            x = torch.randn((64, 784), generator=gs)
            for ti in range(T - 1, -1, -1):
                t = torch.full((64,), ti, dtype=torch.long)
                eps = m(x, t)
                x = (x - (betas[ti] / s1mab[ti]) * eps) / alphas[ti].sqrt()
                if ti > 0:
                    x = x + betas[ti].sqrt() * torch.randn((64, 784), generator=gs)
        return x

    bench("W7", "DDPM reverse sampling 1000 steps x 64", sample, per_run_items=(T, "step"),
          notes="ancestral sampling, sigma_t^2 = beta_t, no_grad; model trained 1 epoch (untimed)",
          info=lambda last: {"sample_mean": float(last.mean()), "sample_std": float(last.std())})


# ----------------------------------------------------------------------------- W8 raw compute
def w8(data):
    import torch
    log("W8 raw float32 matmul")
    facts = cpu_facts()
    peak = facts.get("theoretical_fp32_peak_gflops")
    for n, reps in ((1024, 10), (4096, 1)):
        flop = 2.0 * n ** 3 * reps
        torch.manual_seed(0)
        a, b = torch.randn(n, n), torch.randn(n, n)

        def tm(_, a=a, b=b, reps=reps):
            for _ in range(reps):
                c = torch.matmul(a, b)
            return float(c[0, 0])

        bench("W8", f"torch.matmul {n}x{n} f32", tm, derived={"GFLOP/s": (flop / 1e9, "GFLOP/s")},
              notes=f"{reps} matmul(s) per timed run" + (f"; peak assumed {peak:.1f} GFLOP/s" if peak else ""))
        an, bn = a.numpy(), b.numpy()
        # The peer at its best must still be right: compare a block of the float32 product with
        # float64 (a kernel chosen by unsetting OPENBLAS_CORETYPE is a different code path).
        ref = an[:64].astype(np.float64) @ bn.astype(np.float64)
        got = torch.matmul(a[:64], b).numpy()
        rel = float(np.abs(got - ref).max() / np.abs(ref).max())
        log(f"W8 {n}x{n}: max |float32 - float64| / max |float64| = {rel:.2e} (torch.matmul)")
        if rel > 1e-4:
            sys.exit(f"W8 {n}x{n}: torch.matmul is wrong by {rel:.2e} relative to float64")
        facts[f"W8_{n}_rel_error_vs_float64"] = rel

        def nm(_, an=an, bn=bn, reps=reps):
            for _ in range(reps):
                c = an @ bn
            return float(c[0, 0])

        bench("W8", f"numpy matmul {n}x{n} f32", nm, derived={"GFLOP/s": (flop / 1e9, "GFLOP/s")},
              notes=f"{reps} matmul(s) per timed run (OpenBLAS sgemm)")
    return facts


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5, "W6": w6, "W7": w7, "W8": w8}


def meta_info():
    import torch
    import sklearn
    import scipy
    import nibabel
    m = {
        "python": sys.version.split()[0], "executable": sys.executable,
        "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
        "nibabel": nibabel.__version__, "torch": torch.__version__,
        "torch_num_threads": torch.get_num_threads(), "torch_num_interop_threads": torch.get_num_interop_threads(),
        "torch_config": torch.__config__.show(), "torch_parallel_info": torch.__config__.parallel_info(),
        "platform": platform.platform(),
        "env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                                "OPENBLAS_CORETYPE", "OMP_WAIT_POLICY", "OMP_PROC_BIND", "GOMP_CPU_AFFINITY")},
        "cpu": cpu_facts(),
    }
    try:
        import threadpoolctl
        m["threadpoolctl"] = threadpoolctl.threadpool_info()
    except Exception as e:  # pragma: no cover
        m["threadpoolctl"] = f"<{e}>"
    return m


def print_table(results):
    log("")
    log(f"{'WL':3s} | {'case':46s} | {'median':>11s} | {'min .. max':>23s} | {'bg':>4s} | derived (median [range])")
    log("-" * 140)
    for r in results:
        if "median_s" not in r:
            log(f"{r['workload']:3s} | {r['case']:46s} | {fmt_t(r['single_run_s']):>11s} | {'(single, untimed)':>23s} | {'':>4s} |")
            continue
        log(f"{r['workload']:3s} | {r['case']:46s} | {fmt_t(r['median_s']):>11s} | "
            f"{fmt_t(r['min_s']) + ' .. ' + fmt_t(r['max_s']):>23s} | {r['foreign_cpu_frac_max']:4.0%} | {derived_str(r)}")


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/tmp/gyrus-bench-data")
    ap.add_argument("--out", default="/tmp/gyrus-peer-results.json", help="JSON results path")
    ap.add_argument("--only", default=",".join(WORKLOADS), help="comma list, e.g. W1,W5")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=int(_NT),
                    help="OMP/OpenBLAS/MKL threads and torch.set_num_threads (default 2)")
    ap.add_argument("--torch-threads", type=int, default=None,
                    help="override torch.set_num_threads only (default: --threads)")
    ap.add_argument("--blas", choices=["best", "pinned"], default="best",
                    help="best: unset OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (default); pinned: keep the environment's")
    ap.add_argument("--omp-wait-policy", default="PASSIVE",
                    help="OMP_WAIT_POLICY for libgomp (PASSIVE default; 'unset' to leave libgomp's spin-wait default)")
    ap.add_argument("--quiet-wait", type=float, default=30.0,
                    help="before each case wait up to this many s until other processes use < --quiet-threshold (0=off)")
    ap.add_argument("--quiet-threshold", type=float, default=0.10, help="fraction of all cores (default 0.10)")
    ap.add_argument("--quiet-max-total", type=float, default=240.0, help="cap on total waiting for quiet, s")
    ap.add_argument("--noisy-threshold", type=float, default=0.20,
                    help="a timed run during which other processes used more than this share of the CPUs is re-run")
    ap.add_argument("--max-extra-runs", type=int, default=5,
                    help="at most this many extra runs per case to replace disturbed ones (default 5)")
    ARGS = ap.parse_args()
    import torch
    try:  # BLAS pools only: an 'openmp' limit would also override torch's intra-op thread count
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=ARGS.threads, user_api="blas")
    except Exception:
        pass
    torch.set_num_threads(ARGS.torch_threads if ARGS.torch_threads else ARGS.threads)
    sel = [w.strip().upper() for w in ARGS.only.split(",") if w.strip()]
    for w in sel:
        if w not in WORKLOADS:
            sys.exit(f"unknown workload {w}")
    if not os.path.exists(os.path.join(ARGS.data, "manifest.json")):
        sys.exit(f"no data in {ARGS.data}: run gen_data.py --out {ARGS.data} first")
    load_start = loadavg()
    uptime_start = sh("uptime")
    log(f"peer bench: threads={ARGS.threads} torch_threads={torch.get_num_threads()} "
        f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')} runs={ARGS.runs} warmup={ARGS.warmup} data={ARGS.data}")
    log(f"uptime at start: {uptime_start}")
    meta = meta_info()
    t_all = time.perf_counter()
    wl_wall = {}
    for w in sel:
        t0 = time.perf_counter()
        WORKLOADS[w](ARGS.data)
        wl_wall[w] = time.perf_counter() - t0
        gc.collect()
    total = time.perf_counter() - t_all
    uptime_end = sh("uptime")
    meta.update({"loadavg_start": load_start, "loadavg_end": loadavg(), "uptime_start": uptime_start,
                 "uptime_end": uptime_end, "total_wall_s": total, "workload_wall_s": wl_wall,
                 "runs": ARGS.runs, "warmup": ARGS.warmup, "threads": ARGS.threads,
                 "torch_threads_set": torch.get_num_threads(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
                 "quiet_wait": QUIET_WAITED, "quiet_threshold": ARGS.quiet_threshold,
                 "foreign_cpu_note": ("foreign_cpu_frac = (machine busy CPU - this process's CPU) / (wall x cores) "
                                      "during each timed run, from /proc/stat (10 ms jiffies)"),
                 "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "timing": "time.perf_counter wall clock; median/min/max over timed runs after warm-up"})
    with open(os.path.join(ARGS.data, "manifest.json")) as f:
        meta["data_manifest_seed"] = json.load(f).get("seed")
    print_table(RESULTS)
    log(f"\nuptime at end:   {uptime_end}")
    log(f"total wall {total:.1f} s")
    out = {"schema": "gyrus-peer-bench/1", "meta": meta, "results": RESULTS}
    os.makedirs(os.path.dirname(os.path.abspath(ARGS.out)), exist_ok=True)
    with open(ARGS.out, "w") as f:
        json.dump(out, f, indent=1)
    log(f"results -> {ARGS.out}")


if __name__ == "__main__":
    main()
