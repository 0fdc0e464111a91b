"""Per-fold metrics of the out-of-fold predictions in breast_cancer_predictions.csv (scikit-learn 1.2.1).

Run from this folder with Debian's Python:  /usr/bin/python3 make_fold_reference.py
The folds are those of make_reference.py's cross-validation, StratifiedKFold(5, shuffle=True,
random_state=0) on the malignant indicator. For each fold, at the threshold P(malignant) >= 0.5,
scikit-learn's AUC, recall (sensitivity), specificity (recall of benign), precision (PPV), NPV,
accuracy, balanced accuracy and F1; then their mean and sample standard deviation (ddof=1) over
the folds. Writes fold_reference.json, read by nodes/NodesTest.
"""
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, f1_score, precision_score, recall_score,
                             roc_auc_score)
from sklearn.model_selection import StratifiedKFold

df = pd.read_csv("breast_cancer_predictions.csv")
y = (df["diagnosis"] == "malignant").astype(int).to_numpy()
p = df["p_full"].to_numpy()
fold = np.full(len(y), -1)
for f, (_, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros((len(y), 1)), y)):
    fold[test] = f
metrics = {"AUC": [], "sensitivity": [], "specificity": [], "PPV": [], "NPV": [], "accuracy": [],
           "balanced accuracy": [], "F1": []}
for f in range(5):
    yy, pp = y[fold == f], p[fold == f]
    hat = (pp >= 0.5).astype(int)
    metrics["AUC"].append(roc_auc_score(yy, pp))
    metrics["sensitivity"].append(recall_score(yy, hat))
    metrics["specificity"].append(recall_score(1 - yy, 1 - hat))
    metrics["PPV"].append(precision_score(yy, hat))
    metrics["NPV"].append(precision_score(1 - yy, 1 - hat))
    metrics["accuracy"].append(accuracy_score(yy, hat))
    metrics["balanced accuracy"].append(balanced_accuracy_score(yy, hat))
    metrics["F1"].append(f1_score(yy, hat))
out = {"sklearn": sklearn.__version__, "fold": fold.tolist(),
       "metrics": {m: {"per_fold": v, "mean": float(np.mean(v)), "sd": float(np.std(v, ddof=1))} for m, v in metrics.items()}}
with open("fold_reference.json", "w") as f:
    json.dump(out, f, indent=1)
print({m: round(v["mean"], 4) for m, v in out["metrics"].items()})
