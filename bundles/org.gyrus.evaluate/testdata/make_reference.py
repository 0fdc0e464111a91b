#!/usr/bin/python3
"""Reference values for org.gyrus.evaluate's parity tests.

Run with Debian's Python (scikit-learn 1.2, statsmodels 0.13) and R's pROC (Debian r-cran-proc):
    /usr/bin/python3 make_reference.py
It writes, next to itself:
  breast_cancer_predictions.csv  out-of-fold probabilities of two logistic regressions on
                                 scikit-learn's bundled breast-cancer (Wisconsin diagnostic) table
  iris_predictions.csv           out-of-fold probabilities of a multinomial logistic regression on iris
  reference.json                 what statsmodels, scikit-learn and pROC compute from them
Tests read only these committed files.
"""
import json
import os
import subprocess

import numpy as np
import sklearn
import statsmodels
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, precision_recall_curve,
                             precision_recall_fscore_support, roc_auc_score, roc_curve)
from sklearn.calibration import calibration_curve
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
cv = StratifiedKFold(5, shuffle=True, random_state=0)

# --- binary: breast cancer, malignant (target 0) is the positive class ---------------------------
X, t = load_breast_cancer(return_X_y=True)
y = (t == 0).astype(int)
full = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
small = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
pa = cross_val_predict(full, X, y, cv=cv, method="predict_proba")[:, 1]
pb = cross_val_predict(small, X[:, [0, 1]], y, cv=cv, method="predict_proba")[:, 1]
pt = np.round(pa, 1)  # heavily tied scores
rng = np.random.default_rng(13)
site = rng.choice(["north", "south", "east"], size=len(y), p=[0.5, 0.3, 0.2])
with open(os.path.join(HERE, "breast_cancer_predictions.csv"), "w") as f:
    f.write("id,diagnosis,site,p_full,p_small,p_tied\n")
    for i in range(len(y)):
        f.write("bc%03d,%s,%s,%r,%r,%r\n" % (i, "malignant" if y[i] else "benign", site[i], pa[i], pb[i], pt[i]))

def proportions(pred):
    tp = int(((pred == 1) & (y == 1)).sum()); fn = int(((pred == 0) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum()); tn = int(((pred == 0) & (y == 0)).sum())
    out = {"counts": [tp, fn, fp, tn]}
    for name, k, n in [("sensitivity", tp, tp + fn), ("specificity", tn, tn + fp), ("PPV", tp, tp + fp),
                       ("NPV", tn, tn + fn), ("accuracy", tp + tn, len(y)), ("prevalence", tp + fn, len(y))]:
        out[name] = {"k": k, "n": n}
        for level in (0.95, 0.90):
            for method in ("wilson", "beta"):
                lo, hi = proportion_confint(k, n, alpha=1 - level, method=method)
                out[name]["%s_%g" % (method, level)] = [float(lo), float(hi)]
    return out

ref = {"versions": {"sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__}}
ref["full_at_0.5"] = proportions((pa >= 0.5).astype(int))
ref["small_at_0.3"] = proportions((pb >= 0.3).astype(int))

def curves(score):
    fpr, tpr, thr = roc_curve(y, score)
    fpr2, tpr2, thr2 = roc_curve(y, score, drop_intermediate=False)
    prec, rec, pthr = precision_recall_curve(y, score)
    cal = {}
    for bins, strategy in [(10, "uniform"), (5, "quantile")]:
        pt_, pp_ = calibration_curve(y, score, n_bins=bins, strategy=strategy)
        cal["%s_%d" % (strategy, bins)] = {"observed": pt_.tolist(), "predicted": pp_.tolist()}
    return {"roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()},
            "roc_all": {"fpr": fpr2.tolist(), "tpr": tpr2.tolist(), "thresholds": thr2.tolist()},
            "auc": roc_auc_score(y, score),
            "pr": {"precision": prec.tolist(), "recall": rec.tolist(), "thresholds": pthr.tolist()},
            "average_precision": average_precision_score(y, score),
            "brier": brier_score_loss(y, score), "calibration": cal,
            "youden_threshold": float(thr2[np.argmax(tpr2 - fpr2)])}

ref["curves"] = {"full": curves(pa), "small": curves(pb), "tied": curves(pt)}

for name, pred_a, pred_b in [("full_vs_small_at_0.5", pa >= 0.5, pb >= 0.5)]:
    ca = pred_a == (y == 1); cb = pred_b == (y == 1)
    table = [[int((ca & cb).sum()), int((ca & ~cb).sum())], [int((~ca & cb).sum()), int((~ca & ~cb).sum())]]
    ex = mcnemar(table, exact=True); ch = mcnemar(table, exact=False, correction=True)
    ref["mcnemar_" + name] = {"b": table[0][1], "c": table[1][0], "exact_p": float(ex.pvalue),
                              "chi2": float(ch.statistic), "chi2_p": float(ch.pvalue)}
ref["mcnemar_small"] = {}
for b, c in [(3, 9), (0, 5), (12, 12), (40, 22)]:
    tab = [[10, b], [c, 10]]
    ref["mcnemar_small"]["%d_%d" % (b, c)] = {"exact_p": float(mcnemar(tab, exact=True).pvalue),
                                              "chi2": float(mcnemar(tab, exact=False).statistic),
                                              "chi2_p": float(mcnemar(tab, exact=False).pvalue)}

# --- bootstrap intervals: scipy's unstratified row bootstrap, many resamples ----------------------
# Different random numbers from ours, so tests compare within Monte Carlo error only.
from scipy.stats import bootstrap
correct = ((pb >= 0.5) == (y == 1)).astype(float)
boot = {}
for method in ("percentile", "BCa"):
    r = bootstrap((correct,), np.mean, n_resamples=50000, method=method, random_state=0, vectorized=True)
    boot["accuracy_small_0.5_" + method] = [float(r.confidence_interval.low), float(r.confidence_interval.high)]
def f1(yy, pp, axis=-1):
    tp = ((yy == 1) & (pp == 1)).sum(axis=axis); fp = ((yy == 0) & (pp == 1)).sum(axis=axis)
    fn = ((yy == 1) & (pp == 0)).sum(axis=axis)
    return 2 * tp / (2 * tp + fp + fn)
for method in ("percentile", "BCa"):
    r = bootstrap((y, (pb >= 0.5).astype(int)), f1, n_resamples=50000, method=method, random_state=0, paired=True,
                  vectorized=True)
    boot["f1_small_0.5_" + method] = [float(r.confidence_interval.low), float(r.confidence_interval.high)]
ref["scipy_bootstrap"] = boot

# --- DeLong: an independent numpy implementation of Sun & Xu's fast DeLong, and R's pROC ---------
def midrank(x):
    order = np.argsort(x, kind="mergesort"); z = x[order]; n = len(x)
    t = np.zeros(n); i = 0
    while i < n:
        j = i
        while j < n and z[j] == z[i]:
            j += 1
        t[i:j] = 0.5 * (i + j - 1) + 1
        i = j
    out = np.empty(n); out[order] = t
    return out

def fast_delong(scores):  # scores: k x n, positives first? no: use masks
    pos = y == 1; m = pos.sum(); n = (~pos).sum()
    v10 = []; v01 = []; aucs = []
    for s in scores:
        x = s[pos]; yy = s[~pos]
        tx = midrank(x); ty = midrank(yy); tz = midrank(np.concatenate([x, yy]))
        aucs.append(tz[:m].sum() / m / n - (m + 1.0) / 2.0 / n)
        v10.append((tz[:m] - tx) / n); v01.append(1.0 - (tz[m:] - ty) / m)
    s10 = np.atleast_2d(np.cov(np.array(v10))); s01 = np.atleast_2d(np.cov(np.array(v01)))
    return np.array(aucs), s10 / m + s01 / n

from scipy.stats import norm
dl = {}
for name, s in [("full", pa), ("small", pb), ("tied", pt)]:
    a, cov = fast_delong([s])
    dl[name] = {"auc": float(a[0]), "variance": float(cov[0, 0])}
a, cov = fast_delong([pa, pb])
d = a[0] - a[1]; se = np.sqrt(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1])
dl["full_vs_small"] = {"difference": float(d), "se": float(se), "z": float(d / se), "p": float(2 * norm.sf(abs(d / se)))}
ref["delong_numpy"] = dl

r_script = os.path.join(HERE, "proc_reference.R")
out = subprocess.run(["Rscript", r_script, os.path.join(HERE, "breast_cancer_predictions.csv")],
                     check=True, capture_output=True, text=True).stdout
ref["delong_pROC"] = json.loads(out)

# --- multiclass: iris, multinomial logistic regression, one-vs-rest -------------------------------
Xi, yi = load_iris(return_X_y=True)
names = ["setosa", "versicolor", "virginica"]
P = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, C=0.05)), Xi, yi, cv=cv,
                      method="predict_proba")
with open(os.path.join(HERE, "iris_predictions.csv"), "w") as f:
    f.write("id,species," + ",".join("proba_" + n for n in names) + "\n")
    for i in range(len(yi)):
        f.write("iris%03d,%s,%s\n" % (i, names[yi[i]], ",".join(repr(v) for v in P[i])))
pred = P.argmax(axis=1)
mc = {"auc_ovr_macro": roc_auc_score(yi, P, multi_class="ovr", average="macro"),
      "auc_ovr_weighted": roc_auc_score(yi, P, multi_class="ovr", average="weighted"),
      "auc_per_class": [roc_auc_score(yi == k, P[:, k]) for k in range(3)]}
for avg in ("macro", "weighted"):
    p_, r_, f_, _ = precision_recall_fscore_support(yi, pred, average=avg)
    mc[avg] = {"precision": p_, "recall": r_, "f1": f_}
p_, r_, f_, s_ = precision_recall_fscore_support(yi, pred, average=None)
mc["per_class"] = {"precision": p_.tolist(), "recall": r_.tolist(), "f1": f_.tolist(), "support": s_.tolist()}
mc["accuracy"] = float((pred == yi).mean())
ref["iris"] = mc

with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(ref, f, indent=1, default=float)
print("wrote reference.json")
