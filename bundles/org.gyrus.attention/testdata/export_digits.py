#!/usr/bin/python3
"""Exports scikit-learn's digits (1,797 images of 8x8, values 0-16) to digits.csv.gz:
64 pixel values row by row, then the label; no header. Run with /usr/bin/python3 (scikit-learn 1.2)."""
import gzip
import os

from sklearn.datasets import load_digits

d = load_digits()
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits.csv.gz")
with gzip.GzipFile(out, "wb", mtime=0) as f:
    for x, y in zip(d.data.astype(int), d.target):
        f.write((",".join(str(v) for v in x) + "," + str(y) + "\n").encode("ascii"))
