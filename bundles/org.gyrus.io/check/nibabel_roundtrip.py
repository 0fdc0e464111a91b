#!/usr/bin/python3
"""Checks that nibabel reads the NIfTI files Gyrus wrote the way Gyrus reads them.

The unit test NiftiRoundTripTest (bundles/org.gyrus.io) writes every reference image in each
format (NIfTI-1, NIfTI-2, gzipped, .hdr/.img pair, big-endian) to target/roundtrip/ with a
manifest.json of what Gyrus reads back. This script loads each file with nibabel and compares:
shape, datatype, byte order, header size, qform/sform codes, the chosen affine (1e-5), the
extensions (code, size on disk), descrip, and the SHA-256 of get_fdata() (float64, little-endian,
x fastest) plus its NaN-ignoring sum.

Usage (after `./mvnw verify -pl bundles/org.gyrus.data,bundles/org.gyrus.io`):
    /usr/bin/python3 bundles/org.gyrus.io/check/nibabel_roundtrip.py bundles/org.gyrus.io/target/roundtrip
Needs Debian's python3-nibabel and python3-numpy. Exit status 0 when every file matches, 1 when
any differs, 2 when the folder or manifest is missing.
"""
import hashlib
import json
import os
import sys

import nibabel as nib
import numpy as np


def check(path, exp):
    problems = []
    img = nib.load(path)
    hdr = img.header

    def same(what, got, want):
        if got != want:
            problems.append(f"{what}: nibabel {got!r}, Gyrus {want!r}")

    same("shape", list(img.shape), exp["shape"])
    same("datatype", int(hdr["datatype"]), exp["datatype"])
    same("big_endian", hdr.endianness == ">", exp["big_endian"])
    same("sizeof_hdr", int(hdr["sizeof_hdr"]), exp["sizeof_hdr"])
    same("qform_code", int(hdr["qform_code"]), exp["qform_code"])
    same("sform_code", int(hdr["sform_code"]), exp["sform_code"])
    same("descrip", hdr["descrip"].item().decode("latin-1"), exp["descrip"])
    if not np.allclose(img.affine, np.array(exp["affine"]), atol=1e-5, rtol=0):
        problems.append(f"affine: nibabel {img.affine.tolist()}, Gyrus {exp['affine']}")
    ext = [{"code": int(e.get_code()), "size": int(e.get_sizeondisk())} for e in hdr.extensions]
    same("extensions", ext, exp["extensions"])
    if "stamp_sha256" in exp:
        # The pipeline stamp (docs/pipeline-stamps.md): a comment extension holding the origin JSON.
        stamps = [e.get_content().rstrip(b"\0") for e in hdr.extensions
                  if int(e.get_code()) == 6 and e.get_content().startswith(b'{"format":"gyrus-origin"')]
        if len(stamps) != 1:
            problems.append(f"pipeline stamp: nibabel sees {len(stamps)} stamp extensions, Gyrus wrote 1")
        else:
            same("pipeline stamp sha256", hashlib.sha256(stamps[0]).hexdigest(), exp["stamp_sha256"])
            same("pipeline stamp format", json.loads(stamps[0].decode("ascii"))["format"], "gyrus-origin")
    if "fdata_sha256" in exp:
        data = img.get_fdata(dtype=np.float64)
        sha = hashlib.sha256(data.astype("<f8").tobytes(order="F")).hexdigest()
        if sha != exp["fdata_sha256"]:
            total = float(np.nansum(data))
            problems.append(f"get_fdata() differs: sha256 {sha[:12]}… vs {exp['fdata_sha256'][:12]}…, "
                            f"nansum {total!r} vs {exp['nansum']!r}")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = argv[1]
    manifest_path = os.path.join(folder, "manifest.json")
    if not os.path.isfile(manifest_path):
        print(f"{manifest_path}: missing; run the org.gyrus.io unit tests first", file=sys.stderr)
        return 2
    with open(manifest_path) as f:
        manifest = json.load(f)
    failed = 0
    for name, exp in sorted(manifest.items()):
        try:
            problems = check(os.path.join(folder, name), exp)
        except Exception as e:  # a file nibabel cannot load at all is a failure, not a crash
            problems = [f"nibabel cannot load it: {type(e).__name__}: {e}"]
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"     {p}")
        else:
            print(f"ok   {name}")
    print(f"nibabel {nib.__version__}: {len(manifest) - failed} of {len(manifest)} files read back as Gyrus wrote them")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
