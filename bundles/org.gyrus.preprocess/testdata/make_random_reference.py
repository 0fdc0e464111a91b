#!/usr/bin/python3
"""Writes random.sklearn.json: scikit-learn 1.2.1 (Debian python3-sklearn) on seeded random data that exercises
what the penguins reference does not (KNN ties and k up to 10, several iterative rounds and clipping, one-hot
max_categories / min_frequency fractions / drop with infrequent groups, unknown test categories).

    /usr/bin/python3 make_random_reference.py random.sklearn.json
"""
import json
import sys

import numpy as np
from sklearn.experimental import enable_iterative_imputer  # noqa
from sklearn.impute import KNNImputer, IterativeImputer, SimpleImputer
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, RobustScaler, StandardScaler, MinMaxScaler
rng = np.random.default_rng(3)
cases = []
# numeric data: correlated, rounded to create ties, 15% missing, one column with heavy missingness
n, p = 120, 6
Z = rng.standard_normal((n, 3))
X = np.column_stack([Z[:,0], Z[:,0]*2+Z[:,1], Z[:,1]-Z[:,2], np.round(Z[:,2]*3), rng.integers(0,4,n).astype(float), Z.sum(1)*10])
X = np.round(X, 2)
M = rng.random((n,p)) < 0.15
M[:, 3] = rng.random(n) < 0.4
X[M] = np.nan
def mat(A): return {"shape": list(A.shape), "data": [None if np.isnan(v) else float(v) for v in A.ravel()]}
cases.append({"name": "X", "output": mat(X)})
for k, w in [(3, "uniform"), (5, "distance"), (1, "uniform"), (10, "distance")]:
    cases.append({"name": f"knn/{k}/{w}", "k": k, "w": w, "output": mat(KNNImputer(n_neighbors=k, weights=w).fit_transform(X))})
for mi, tol in [(10, 1e-3), (3, 1e-8), (25, 1e-4)]:
    it = IterativeImputer(max_iter=mi, tol=tol, random_state=0)
    out = it.fit_transform(X)
    cases.append({"name": f"iter/{mi}/{tol}", "max_iter": mi, "tol": tol, "n_iter": it.n_iter_, "output": mat(out)})
it = IterativeImputer(max_iter=10, min_value=-1, max_value=5)
cases.append({"name": "iter/clip", "n_iter": 0, "output": mat(it.fit_transform(X)), "niter": it.n_iter_})
for s in ["mean", "median", "most_frequent"]:
    cases.append({"name": f"simple/{s}", "output": mat(SimpleImputer(strategy=s).fit_transform(X))})
Xf = SimpleImputer().fit_transform(X)
cases.append({"name": "robust", "output": mat(RobustScaler(quantile_range=(10, 80)).fit_transform(Xf))})
# categorical
cats = [["a","b","c","d","e","f"], ["x","y"], ["p","q","r","s"]]
probs = [[.4,.25,.15,.1,.06,.04], [.7,.3], [.5,.3,.15,.05]]
C = np.array([[rng.choice(cats[j], p=probs[j]) for j in range(3)] for _ in range(200)], dtype=object)
C[rng.random((200,3)) < 0.05] = "__missing__"
cases.append({"name": "C", "cats": C.tolist()})
T = np.array([["a","x","p"],["zz","y","s"],["f","x","qq"],["e","y","r"]], dtype=object)
cases.append({"name": "T", "cats": T.tolist()})
combos = [dict(handle_unknown="ignore", max_categories=3), dict(handle_unknown="infrequent_if_exist", min_frequency=0.1),
          dict(handle_unknown="infrequent_if_exist", min_frequency=15, drop="first"), dict(handle_unknown="ignore", drop="if_binary"),
          dict(handle_unknown="infrequent_if_exist", max_categories=2, drop="if_binary"), dict(handle_unknown="infrequent_if_exist", max_categories=4, min_frequency=20)]
for i, kw in enumerate(combos):
    enc = OneHotEncoder(sparse_output=False, **kw).fit(C)
    cases.append({"name": f"onehot/{i}", "params": {k: v for k, v in kw.items()}, "names": list(enc.get_feature_names_out(["c0","c1","c2"])),
                  "train": mat(enc.transform(C)), "test": mat(enc.transform(T))})
oe = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(C)
cases.append({"name": "ordinal", "test": mat(oe.transform(T))})
json.dump({"cases": cases}, open(sys.argv[1] if len(sys.argv) > 1 else "random.sklearn.json", "w"))
print("ok", len(cases))
