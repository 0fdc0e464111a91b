"""Fold assignments of scikit-learn 1.2.1's KFold, StratifiedKFold and GroupKFold (Debian numpy 1.24).

Run from this folder with Debian's Python:  /usr/bin/python3 make_folds_reference.py
Writes folds_reference.json: for each case its inputs (labels or groups, n, k, shuffle, seed)
and the fold of every row (the index of the split whose test set holds it). FoldsTest reads it.
Also the out-of-fold probabilities of cross_val_predict(make_pipeline(StandardScaler(),
LogisticRegression()), cv=StratifiedKFold(5, shuffle=True, random_state=0)) on breast_cancer.csv
(raw features), which CrossValidateNodeTest compares with the cross-validation node's.
Shuffled KFold/StratifiedKFold draw from numpy's legacy RandomState(seed) (MT19937), which
org.gyrus.learn.Folds reproduces. GroupKFold orders groups of equal size with numpy's default
(unstable) argsort; a case is kept only when that order equals the stable one, which Folds uses.
"""
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def folds_of(splitter, n, y=None, groups=None):
    fold = np.full(n, -1)
    for i, (_, test) in enumerate(splitter.split(np.zeros((n, 1)), y, groups)):
        assert (fold[test] == -1).all()
        fold[test] = i
    assert (fold >= 0).all()
    return fold.tolist()


rng = np.random.RandomState(20261201)
cases = []
for n, k in [(10, 3), (11, 5), (100, 7), (1000, 10), (5, 5)]:
    cases.append({"kind": "kfold", "n": n, "k": k, "shuffle": False, "seed": 0,
                  "folds": folds_of(KFold(k), n)})
    for seed in [0, 42, 4294967295]:
        cases.append({"kind": "kfold", "n": n, "k": k, "shuffle": True, "seed": seed,
                      "folds": folds_of(KFold(k, shuffle=True, random_state=seed), n)})
for n, k, classes in [(30, 3, ["b", "a"]), (101, 5, ["x", "y", "z"]), (569, 10, ["malignant", "benign"]),
                      (40, 4, ["0", "1", "2", "3"])]:
    y = [classes[i] for i in rng.choice(len(classes), n, p=np.linspace(1, 2, len(classes)) / np.linspace(1, 2, len(classes)).sum())]
    for shuffle, seed in [(False, 0), (True, 0), (True, 7), (True, 123456789)]:
        cases.append({"kind": "stratified", "n": n, "k": k, "shuffle": shuffle, "seed": seed, "labels": y,
                      "folds": folds_of(StratifiedKFold(k, shuffle=shuffle, random_state=seed if shuffle else None), n, y)})
for n, k, n_groups in [(20, 3, 6), (60, 5, 12), (300, 4, 15), (500, 10, 200)]:
    for trial in range(3):
        groups = ["sub-%03d" % g for g in rng.randint(0, n_groups, n)]
        _, inv = np.unique(groups, return_inverse=True)
        counts = np.bincount(inv)
        if not np.array_equal(np.argsort(counts), np.argsort(counts, kind="stable")):
            continue
        cases.append({"kind": "grouped", "n": n, "k": k, "shuffle": False, "seed": 0, "groups": groups,
                      "folds": folds_of(GroupKFold(k), n, groups=groups)})

bc = pd.read_csv("breast_cancer.csv")
X = bc.drop(columns=["id", "diagnosis"]).to_numpy()
y = bc["diagnosis"].to_numpy()
cv = StratifiedKFold(5, shuffle=True, random_state=0)
oof = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression()), X, y, cv=cv, method="predict_proba")
breast_cancer_cv = {"folds": folds_of(cv, len(y), y.tolist()), "proba_1": oof[:, 1].tolist()}

with open("folds_reference.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases,
               "breast_cancer_cv": breast_cancer_cv}, f)
print(len(cases), "cases;", sum(c["kind"] == "grouped" for c in cases), "grouped")
