"""scikit-learn 1.2.1's PCA(50, svd_solver='randomized', random_state=0).fit_transform on W3, split
into the phases of its _fit_truncated / randomized_svd / randomized_range_finder (the same calls,
with a clock between them). Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset."""
import sys, time
import numpy as np
from scipy import linalg
from sklearn.decomposition import PCA
from sklearn.utils.extmath import svd_flip

X0 = np.load(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gyrus-bench-data/pca_10000x1000.npy")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
names = ["copy+mean+centre", "A@Q x8", "A.T@Q x7", "LU x14", "QR(Y)", "B=Q.T@A", "small SVD+U", "svd_flip+scores", "whole fit (API)"]
T = {n: [] for n in names}
for r in range(-1, runs):
    ph = dict.fromkeys(names, 0.0)
    t = time.perf_counter
    t0 = t()
    X = X0.copy()  # check_array(copy=True) in fit
    mean = np.mean(X, axis=0)
    X -= mean
    ph["copy+mean+centre"] = t() - t0
    rs = np.random.RandomState(0)
    Q = rs.normal(size=(X.shape[1], 60)).astype(X.dtype, copy=False)
    for i in range(7):
        s = t(); Y = X @ Q; ph["A@Q x8"] += t() - s
        s = t(); Q, _ = linalg.lu(Y, permute_l=True); ph["LU x14"] += t() - s
        s = t(); Z = X.T @ Q; ph["A.T@Q x7"] += t() - s
        s = t(); Q, _ = linalg.lu(Z, permute_l=True); ph["LU x14"] += t() - s
    s = t(); Y = X @ Q; ph["A@Q x8"] += t() - s
    s = t(); Q, _ = linalg.qr(Y, mode="economic"); ph["QR(Y)"] += t() - s
    s = t(); B = Q.T @ X; ph["B=Q.T@A"] += t() - s
    s = t(); Uh, S, Vt = linalg.svd(B, full_matrices=False); U = Q @ Uh; ph["small SVD+U"] += t() - s
    s = t(); U, Vt = svd_flip(U[:, :50], Vt[:50]); sc = U * S[:50]; ph["svd_flip+scores"] += t() - s
    s = t(); PCA(50, svd_solver="randomized", random_state=0).fit_transform(X0); ph["whole fit (API)"] = t() - s
    if r >= 0:
        for n in names:
            T[n].append(ph[n] * 1e3)
for n in names:
    v = sorted(T[n])
    print(f"{n:18s} median {v[runs // 2]:7.1f} ms  min {v[0]:7.1f}  max {v[-1]:7.1f}")
