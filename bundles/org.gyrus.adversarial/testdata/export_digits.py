"""Writes digits.csv.gz: scikit-learn's copy of the UCI optical digits (run: /usr/bin/python3 export_digits.py).

1,797 images of 8x8, values 0-16, one image per line, its 64 pixels row after row and then its label
(0-9), comma-separated, no header. The CSV text equals /work/shared/data/images/digits.csv.gz; the gzip
stream is written with mtime 0 so that rerunning the script gives the same bytes.
"""
import gzip
from pathlib import Path

from sklearn.datasets import load_digits


def main():
    d = load_digits()
    lines = [",".join(str(int(v)) for v in row) + "," + str(int(t)) for row, t in zip(d.data, d.target)]
    text = ("\n".join(lines) + "\n").encode("ascii")
    out = Path(__file__).resolve().parent / "digits.csv.gz"
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text)
    print(out, len(lines), "images")


if __name__ == "__main__":
    main()
