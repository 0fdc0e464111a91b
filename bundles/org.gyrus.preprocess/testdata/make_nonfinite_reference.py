#!/usr/bin/python3
"""Writes nonfinite.sklearn.json: what scikit-learn 1.2.1 (Debian python3-sklearn) does with missing (NaN),
infinite and huge-but-finite values, for the non-finite checks of issue 11 item 3.

    /usr/bin/python3 make_nonfinite_reference.py nonfinite.sklearn.json

- "nan": a small matrix with NaN cells and each estimator's output on it (NaN = missing: ignored in fit,
  kept by the scalers, filled by the imputers).
- "refuses_inf": for each estimator, whether fit and transform refuse a matrix holding +inf, and the message.
- "huge": StandardScaler on 1e200 * the same data (the sum of squares overflows) and MinMaxScaler on a column
  from -1e308 to 1e308 (the range overflows): scikit-learn returns wrong values with a RuntimeWarning
  (unscaled deviations, or zeros); Gyrus computes the true values, which are recorded too ("expected": the
  output on the unscaled data).
"""
import json
import sys
import warnings

import numpy as np
from sklearn.experimental import enable_iterative_imputer  # noqa
from sklearn.feature_selection import VarianceThreshold
from sklearn.impute import IterativeImputer, KNNImputer, SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder, RobustScaler, StandardScaler

X = np.array([[1.0, 10.0, 0.5], [2.0, np.nan, 0.25], [np.nan, 30.0, 0.125], [4.0, 40.0, np.nan],
              [5.0, 20.0, 0.75], [3.5, np.nan, 0.5]])


def mat(a):
    a = np.asarray(a, dtype=float)
    return {"shape": list(a.shape), "data": [None if np.isnan(v) else float(v) for v in a.ravel()]}


def estimators():
    return {
        "StandardScaler": StandardScaler(), "MinMaxScaler": MinMaxScaler(), "RobustScaler": RobustScaler(),
        "SimpleImputer/mean": SimpleImputer(strategy="mean"), "SimpleImputer/median": SimpleImputer(strategy="median"),
        "SimpleImputer/most_frequent": SimpleImputer(strategy="most_frequent"),
        "SimpleImputer/constant": SimpleImputer(strategy="constant", fill_value=0),
        "KNNImputer": KNNImputer(n_neighbors=2), "IterativeImputer": IterativeImputer(random_state=0),
        "VarianceThreshold": VarianceThreshold(), "OneHotEncoder": OneHotEncoder(), "OrdinalEncoder": OrdinalEncoder(),
    }


out = {"X": mat(X), "nan": {}, "refuses_inf": {}, "huge": {}}
for name, est in estimators().items():
    if "Encoder" not in name:
        out["nan"][name] = mat(est.fit_transform(X))
    good = np.nan_to_num(X, nan=1.0)
    bad = good.copy()
    bad[3, 1] = np.inf
    res = {}
    try:
        estimators()[name].fit(bad)
        res["fit"] = None
    except ValueError as e:
        res["fit"] = str(e)
    try:
        estimators()[name].fit(good).transform(bad)
        res["transform"] = None
    except ValueError as e:
        res["transform"] = str(e)
    out["refuses_inf"][name] = res
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out["huge"]["StandardScaler"] = {"input": mat(X * 1e200), "sklearn": mat(StandardScaler().fit_transform(X * 1e200)),
                                     "expected": mat(StandardScaler().fit_transform(X))}
    M = np.array([[-1e308], [1e308], [0.0], [np.nan], [5e307]])
    out["huge"]["MinMaxScaler"] = {"input": mat(M), "sklearn": mat(MinMaxScaler().fit_transform(M)),
                                   "expected": mat(MinMaxScaler().fit_transform(M / 1e300))}
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=1)
