"""Reference values for org.gyrus.learn's parity tests, from scikit-learn 1.2.1 (Debian).

Run from this folder with Debian's Python:  /usr/bin/python3 make_reference.py
Writes breast_cancer.csv (scikit-learn's bundled Wisconsin diagnostic table, raw values) and
reference.json. penguins.csv is a copy of /work/shared/data/tabular/penguins.csv (Palmer penguins,
Horst, Hill & Gorman 2020, CC0). The tests standardise the features themselves (population
standard deviation, as StandardScaler) and check their scaling against the means and scales here.
"""
import json
import warnings

import numpy as np
import pandas as pd
import sklearn
from scipy import optimize
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

MAX_ITER = 10000
TOL = 1e-8


def objective(X, y_codes, n_classes, coef, intercept, C, sample_weight, fit_intercept=True):
    """sum_i w_i * logloss_i + 0.5/C ||coef||^2 (C None: no penalty) and its gradient (coef, then intercept)."""
    Z = X @ coef.T + intercept
    if coef.shape[0] == 1:
        z = Z[:, 0]
        y = (y_codes == 1).astype(float)
        loss = np.sum(sample_weight * (np.logaddexp(0, z) - y * z))
        r = sample_weight * (np.exp(-np.logaddexp(0, -z)) - y)
        gc, gi = (X.T @ r)[None, :], np.array([r.sum()])
    else:
        m = Z.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(Z - m).sum(axis=1))
        loss = np.sum(sample_weight * (lse - Z[np.arange(len(y_codes)), y_codes]))
        R = sample_weight[:, None] * (np.exp(Z - lse[:, None]) - np.eye(n_classes)[y_codes])
        gc, gi = R.T @ X, R.sum(axis=0)
    if C:
        loss += 0.5 / C * np.sum(coef ** 2)
        gc = gc + coef / C
    return float(loss), np.concatenate([gc.ravel(), gi.ravel() if fit_intercept else []])


def polish(X, y_codes, n_classes, coef, intercept, C, sw, fit_intercept):
    """The exact optimum: scikit-learn's solution refined until the gradient vanishes (no ftol stop)."""
    k, p = coef.shape
    def f(w):
        c = w[:k * p].reshape(k, p)
        b = w[k * p:] if fit_intercept else np.zeros(k)
        return objective(X, y_codes, n_classes, c, b, C, sw, fit_intercept)
    w0 = np.concatenate([coef.ravel(), intercept.ravel() if fit_intercept else []])
    r = optimize.minimize(f, w0, jac=True, method="L-BFGS-B",
                          options={"gtol": 1e-11, "ftol": 0.0, "maxiter": 100000, "maxcor": 30})
    c = r.x[:k * p].reshape(k, p)
    b = r.x[k * p:] if fit_intercept else np.zeros(k)
    return c, b, float(np.max(np.abs(f(r.x)[1])))


def logistic_case(name, X, y, classes, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        try:
            m = LogisticRegression(tol=TOL, max_iter=MAX_ITER, **kw).fit(X, y)
            converged = True
        except ConvergenceWarning:
            warnings.simplefilter("ignore", ConvergenceWarning)
            m = LogisticRegression(tol=TOL, max_iter=MAX_ITER, **kw).fit(X, y)
            converged = False
    y_codes = np.searchsorted(m.classes_, y)
    cw = kw.get("class_weight")
    if cw == "balanced":
        counts = np.bincount(y_codes)
        sw = (len(y) / (len(classes) * counts))[y_codes]
    elif isinstance(cw, dict):
        sw = np.array([cw[v] for v in y], dtype=float)
    else:
        sw = np.ones(len(y))
    C = kw.get("C", 1.0) if kw.get("penalty", "l2") is not None else None
    fi = kw.get("fit_intercept", True)
    obj, grad = objective(X, y_codes, len(m.classes_), m.coef_, m.intercept_, C, sw, fi)
    oc, ob, og = polish(X, y_codes, len(m.classes_), m.coef_, m.intercept_, C, sw, fi)
    params = {k: v for k, v in kw.items()}
    if isinstance(cw, dict):
        params["class_weight"] = {str(k): v for k, v in cw.items()}
    proba = m.predict_proba(X)
    return name, {
        "params": params, "tol": TOL, "max_iter": MAX_ITER, "converged": converged,
        "n_iter": int(m.n_iter_[0]), "classes": [str(c) for c in m.classes_],
        "coef": m.coef_.tolist(), "intercept": m.intercept_.tolist(),
        "objective": obj, "max_abs_gradient": float(np.max(np.abs(grad))),
        "optimum_coef": oc.tolist(), "optimum_intercept": ob.tolist(), "optimum_max_abs_gradient": og,
        # rounded to 12 significant digits to keep the file small; far below the tolerances
        "proba": [[float("%.12g" % v) for v in row] for row in proba],
    }


def main():
    ref = {"sklearn": sklearn.__version__, "numpy": np.__version__, "logistic": {}, "linear": {}}

    bc = load_breast_cancer()
    cols = [n.replace(" ", "_") for n in bc.feature_names]
    df = pd.DataFrame(bc.data, columns=cols)
    df.insert(0, "id", [f"case{i:03d}" for i in range(len(df))])
    df["diagnosis"] = np.array(bc.target_names)[bc.target]  # malignant / benign
    df.to_csv("breast_cancer.csv", index=False)
    scaler = StandardScaler().fit(bc.data)
    X = scaler.transform(bc.data)
    y = df["diagnosis"].to_numpy()
    classes = sorted(set(y))
    ref["breast_cancer"] = {"features": cols, "label": "diagnosis", "mean": scaler.mean_.tolist(),
                            "scale": scaler.scale_.tolist(), "rows": len(df)}
    for name, kw in [("bc_l2_C1", dict(C=1.0)), ("bc_l2_C0.05", dict(C=0.05)),
                     ("bc_l2_C1_balanced", dict(C=1.0, class_weight="balanced")),
                     ("bc_l2_C1_weights", dict(C=1.0, class_weight={"malignant": 3.0, "benign": 0.5})),
                     ("bc_l2_C1_no_intercept", dict(C=1.0, fit_intercept=False)),
                     ("bc_none_five_features", dict(penalty=None))]:
        # Without a penalty all 30 features separate the classes (the loss tends to 0 and the
        # coefficients grow without bound), so the unpenalised case uses the first five.
        Xc = X[:, :5] if name == "bc_none_five_features" else X
        k, v = logistic_case(name, Xc, y, classes, **kw)
        if name == "bc_none_five_features":
            v["features_used"] = cols[:5]
        ref["logistic"][k] = v

    pg = pd.read_csv("penguins.csv")
    feats = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    pg = pg.dropna(subset=feats + ["species"])
    scaler = StandardScaler().fit(pg[feats].to_numpy(float))
    Xp = scaler.transform(pg[feats].to_numpy(float))
    yp = pg["species"].to_numpy()
    ref["penguins"] = {"features": feats, "label": "species", "mean": scaler.mean_.tolist(),
                       "scale": scaler.scale_.tolist(), "rows": len(pg), "dropped_na_in": feats + ["species"]}
    for name, kw in [("pg_l2_C1", dict(C=1.0)), ("pg_l2_C0.05", dict(C=0.05)),
                     ("pg_l2_C1_balanced", dict(C=1.0, class_weight="balanced")),
                     ("pg_none_two_features", dict(penalty=None))]:
        Xc = Xp[:, :2] if name == "pg_none_two_features" else Xp
        k, v = logistic_case(name, Xc, yp, sorted(set(yp)), **kw)
        if name == "pg_none_two_features":
            v["features_used"] = feats[:2]
        ref["logistic"][k] = v

    # Regression: body mass from the other three standardised measurements.
    Xr, yr = Xp[:, :3], pg["body_mass_g"].to_numpy(float)
    for name, m in [("pg_ols", LinearRegression()), ("pg_ridge_10", Ridge(alpha=10.0)),
                    ("pg_ridge_10_no_intercept", Ridge(alpha=10.0, fit_intercept=False))]:
        m.fit(Xr, yr)
        ref["linear"][name] = {"alpha": getattr(m, "alpha", 0.0), "fit_intercept": m.fit_intercept,
                               "features": feats[:3], "target": "body_mass_g",
                               "coef": m.coef_.tolist(), "intercept": float(m.intercept_)}

    with open("reference.json", "w") as f:
        json.dump(ref, f, indent=1)
    for k, v in ref["logistic"].items():
        print(k, "converged" if v["converged"] else "NOT converged", v["n_iter"], "max|g|=%.2e" % v["max_abs_gradient"],
              "polished max|g|=%.2e" % v["optimum_max_abs_gradient"],
              "max rel coef change=%.2e" % (np.max(np.abs(np.subtract(v["coef"], v["optimum_coef"]))) / np.max(np.abs(v["optimum_coef"]))))


if __name__ == "__main__":
    main()
