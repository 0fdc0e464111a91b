#!/usr/bin/python3
"""Copies the demo's reconstruction into testdata/volumes for the volume viewer's screenshot.

`./gyrus demo` writes the autoencoder's reconstruction of the first subject as
gyrus-out/demo/reconstruction_first_subject.nii.gz (written by Gyrus's write-volume node). This
script reads it with nibabel and writes demo_reconstruction.f32 (float32 little-endian, x fastest)
and demo_reconstruction.json (shape, affine, source), the form TestVolumes.load reads.
Usage: /usr/bin/python3 check/demo_reconstruction.py gyrus-out/demo/reconstruction_first_subject.nii.gz testdata/volumes
"""
import json
import os
import sys

import nibabel as nib
import numpy as np


def main(src, out):
    img = nib.load(src)
    data = img.get_fdata(dtype=np.float64).astype("<f4")
    np.asfortranarray(data).T.tofile(os.path.join(out, "demo_reconstruction.f32"))
    with open(os.path.join(out, "demo_reconstruction.json"), "w") as f:
        json.dump({"source": "gyrus demo: reconstruction_first_subject.nii.gz", "nibabel": nib.__version__,
                   "shape": list(img.shape), "affine": img.affine.tolist(),
                   "orientation": "".join(nib.aff2axcodes(img.affine))}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
