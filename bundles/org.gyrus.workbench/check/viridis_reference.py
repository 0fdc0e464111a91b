#!/usr/bin/python3
"""Writes testdata/viridis.txt: matplotlib's viridis as 256 lines of RRGGBB (rounded 8-bit).

ColorMapTest checks Gyrus's viridis against it. Needs Debian's python3-matplotlib.
Usage: /usr/bin/python3 check/viridis_reference.py testdata/viridis.txt
"""
import sys

import matplotlib
from matplotlib import cm

v = cm.get_cmap("viridis")
with open(sys.argv[1], "w") as f:
    f.write(f"# matplotlib {matplotlib.__version__} viridis, entries 0..255, RRGGBB\n")
    for i in range(256):
        f.write("%02x%02x%02x\n" % tuple(int(round(c * 255)) for c in v(i)[:3]))
