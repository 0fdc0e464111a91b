#!/usr/bin/python3
"""Writes the volume viewer's reference slices, computed with nibabel.

For each NIfTI file named below (from the project's shared reference data, nibabel 5.0.0), writes
into the output folder:
  NAME.f32   the voxels as nibabel's get_fdata(), float32 little-endian, x fastest;
  NAME.json  shape, affine, orientation codes, and for a cursor voxel the world coordinate and the
             three slices through it as a neuroimaging viewer shows them in the neurological
             convention (patient's left on the screen's left): nibabel's as_closest_canonical()
             (RAS+) image, axial = C[:, :, z] with anterior up, coronal = C[:, y, :] with superior up,
             sagittal = C[x, :, :] with anterior right and superior up; rows top to bottom.
The workbench tests build the Volume from NAME.f32 and the affine, and compare VolumeSlicer's
slices with these. Usage:
  /usr/bin/python3 check/slice_reference.py /work/shared/data/nifti testdata/volumes
"""
import json
import os
import sys

import nibabel as nib
import numpy as np

FILES = {"anatomical": ("anatomical.nii", (10, 30, 12)), "reoriented": ("reoriented_anat_moved.nii", (5, 20, 9))}


def main(src, out):
    for name, (fname, cursor) in FILES.items():
        img = nib.load(os.path.join(src, fname))
        data = img.get_fdata(dtype=np.float64).astype("<f4")
        np.asfortranarray(data).T.tofile(os.path.join(out, name + ".f32"))  # x fastest
        canon = nib.as_closest_canonical(img)
        c = canon.get_fdata(dtype=np.float64).astype(np.float32)
        world = img.affine @ np.array([*cursor, 1.0])
        cv = np.rint(np.linalg.inv(canon.affine) @ world).astype(int)[:3]
        axial = c[:, :, cv[2]].T[::-1, :]
        coronal = c[:, cv[1], :].T[::-1, :]
        sagittal = c[cv[0], :, :].T[::-1, :]
        ref = {
            "source": fname,
            "nibabel": nib.__version__,
            "shape": list(img.shape),
            "affine": img.affine.tolist(),
            "orientation": "".join(nib.aff2axcodes(img.affine)),
            "cursor": list(cursor),
            "world": world[:3].tolist(),
            "value": float(data[cursor]),
            "axial": axial.tolist(),
            "coronal": coronal.tolist(),
            "sagittal": sagittal.tolist(),
        }
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(ref, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
