#!/usr/bin/env python3
"""Makes the hostile-geometry NIfTI files of testdata/nifti-geometry and records, in refs.json, what
nibabel does with each and what Gyrus must do.

    /usr/bin/python3 bundles/org.gyrus.io/check/geometry_refs.py bundles/org.gyrus.io/testdata/nifti-geometry

Each file is a small valid image (int16, 2x3x4, qform and sform set to diag(2, 3, 4)) with one or
more header fields broken in place. For each, refs.json holds nibabel's outcome of nib.load (the
affine, or the exception), nibabel's own sform, qform and pixdim-only affine of the header, and the
expected Gyrus outcome: nibabel's choice (sform if its code > 0, else qform if its code > 0, else
the pixdim affine), skipping an xform that is not usable -- a non-finite number, a quaternion
longer than nibabel's threshold (nibabel refuses the file), a singular sform -- and refusing the
file when no finite affine is left. Wherever nibabel loads a finite affine without exception and
skips nothing, the expected affine is nibabel's (checked below).
"""
import json
import os
import struct
import sys
import warnings

import nibabel as nib
import numpy as np

warnings.simplefilter('ignore')
NAN = float('nan')
INF = float('inf')


def base_image(nifti2=False):
    data = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
    cls = nib.Nifti2Image if nifti2 else nib.Nifti1Image
    img = cls(data, np.diag([2.0, 3.0, 4.0, 1.0]))
    img.header.set_qform(np.diag([2.0, 3.0, 4.0, 1.0]), 1)
    img.header.set_sform(np.diag([2.0, 3.0, 4.0, 1.0]), 1)
    return img


def f32(b, off, v):
    b[off:off + 4] = struct.pack('<f', v)


def s16(b, off, v):
    b[off:off + 2] = struct.pack('<h', v)


def f64(b, off, v):
    b[off:off + 8] = struct.pack('<d', v)


def i32(b, off, v):
    b[off:off + 4] = struct.pack('<i', v)


# NIfTI-1 offsets: pixdim 76 (+4i), scl_slope 112, scl_inter 116, qform_code 252, sform_code 254,
# quatern_b/c/d 256/260/264, qoffset 268/272/276, srow_x/y/z 280/296/312.
CASES = {
    'quatern-nan-sform-ok': lambda b: f32(b, 256, NAN),
    'quatern-nan-no-sform': lambda b: (f32(b, 256, NAN), s16(b, 254, 0)),
    'quatern-not-unit-no-sform': lambda b: (f32(b, 256, 0.9), f32(b, 260, 0.9), s16(b, 254, 0)),
    'quatern-not-unit-sform-ok': lambda b: (f32(b, 256, 0.9), f32(b, 260, 0.9)),
    'quatern-just-above-one': lambda b: (f32(b, 256, 1.0000001), s16(b, 254, 0)),
    'qoffset-inf-no-sform': lambda b: (f32(b, 268, INF), s16(b, 254, 0)),
    'pixdim-nan-qform-only': lambda b: (f32(b, 80, NAN), s16(b, 254, 0)),
    'pixdim-nan-sform-ok': lambda b: f32(b, 80, NAN),
    'pixdim-nan-no-xforms': lambda b: (f32(b, 80, NAN), s16(b, 254, 0), s16(b, 252, 0)),
    'pixdim-zero-no-xforms': lambda b: (f32(b, 84, 0.0), s16(b, 254, 0), s16(b, 252, 0)),
    'pixdim-negative-qform-only': lambda b: (f32(b, 80, -2.0), s16(b, 254, 0)),
    'pixdim-negative-no-xforms': lambda b: (f32(b, 80, -2.0), s16(b, 254, 0), s16(b, 252, 0)),
    'srow-nan-qform-ok': lambda b: f32(b, 280, NAN),
    'srow-nan-no-qform': lambda b: (f32(b, 280, NAN), s16(b, 252, 0)),
    'srow-inf-offset-qform-ok': lambda b: f32(b, 292, INF),
    'srow-singular-qform-ok': lambda b: (f32(b, 280, 0.0),),
    'srow-zero-no-qform': lambda b: ([f32(b, 280 + 4 * i, 0.0) for i in range(12)], s16(b, 252, 0)),
    'everything-nan': lambda b: (f32(b, 256, NAN), f32(b, 280, NAN), f32(b, 80, NAN)),
    'scl-inter-nan': lambda b: (f32(b, 112, 2.0), f32(b, 116, NAN)),
    'scl-inter-inf': lambda b: (f32(b, 112, 2.0), f32(b, 116, INF)),
    'scl-inter-nan-slope-one': lambda b: (f32(b, 112, 1.0), f32(b, 116, NAN)),
    'scl-slope-nan': lambda b: (f32(b, 112, NAN), f32(b, 116, 3.0)),
    'scl-slope-inf': lambda b: (f32(b, 112, INF), f32(b, 116, 3.0)),
    'scl-slope-zero-inter-nan': lambda b: (f32(b, 112, 0.0), f32(b, 116, NAN)),
}

# NIfTI-2 offsets: pixdim 104 (+8i), scl 176/184, qform_code 344, sform_code 348, quatern 352,
# qoffset 376, srow 400.
CASES2 = {
    'n2-srow-nan-qform-ok': lambda b: f64(b, 400, NAN),
    'n2-quatern-not-unit-no-sform': lambda b: (f64(b, 352, 0.8), f64(b, 360, 0.8), i32(b, 348, 0)),
    'n2-scl-inter-nan': lambda b: (f64(b, 176, 2.0), f64(b, 184, NAN)),
    # |b| = 1 + 1e-9: within NIfTI-1's float32 tolerance, beyond NIfTI-2's float64 one.
    'n2-quatern-slightly-long-no-sform': lambda b: (f64(b, 352, 1 + 1e-9), i32(b, 348, 0)),
    'n2-pixdim-huge-no-xforms': lambda b: (f64(b, 128, 1.7e308), i32(b, 344, 0), i32(b, 348, 0)),
    'n2-pixdim-huge-qform-only': lambda b: (f64(b, 128, 1.7e308), i32(b, 348, 0)),
}


def finite(a):
    return a is not None and bool(np.all(np.isfinite(a)))


def expected(hdr):
    """Gyrus's rule, from nibabel's own pieces of the header."""
    slope, inter = float(hdr['scl_slope']), float(hdr['scl_inter'])
    if np.isfinite(slope) and slope != 0 and not np.isfinite(inter):
        return {'refused': 'scl_inter'}, False
    skipped = False
    sform_code, qform_code = int(hdr['sform_code']), int(hdr['qform_code'])
    if sform_code > 0:
        s = hdr.get_sform()
        if finite(s) and np.linalg.det(s[:3, :3]) != 0:
            return {'affine': s.tolist(), 'source': 'sform', 'code': sform_code}, skipped
        skipped = True
    if qform_code > 0:
        bcd = np.array([hdr['quatern_b'], hdr['quatern_c'], hdr['quatern_d']], float)
        pix = np.array(hdr['pixdim'][1:4], float)
        off = np.array([hdr['qoffset_x'], hdr['qoffset_y'], hdr['qoffset_z']], float)
        if finite(bcd) and finite(pix) and finite(off) and 1 - bcd @ bcd >= hdr.quaternion_threshold and finite(hdr.get_qform()):
            return {'affine': hdr.get_qform().tolist(), 'source': 'qform', 'code': qform_code}, skipped
        skipped = True
    rank = int(hdr['dim'][0])
    if not finite(np.array(hdr['pixdim'][1:1 + min(3, rank)], float)):
        bad = next(i for i in range(1, 1 + min(3, rank)) if not np.isfinite(hdr['pixdim'][i]))
        return {'refused': 'pixdim[%d]' % bad}, skipped
    base = hdr.get_base_affine()
    if not finite(base):
        bad = next(i for i in range(3) if not (np.isfinite(base[i, i]) and np.isfinite(base[i, 3])))
        return {'refused': 'pixdim[%d]' % (bad + 1)}, skipped
    return {'affine': base.tolist(), 'source': 'pixdim', 'code': 0}, skipped


def strict_json(x):
    """Non-finite numbers as the strings "nan", "inf", "-inf" (plain JSON has no NaN)."""
    if isinstance(x, dict):
        return {k: strict_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [strict_json(v) for v in x]
    if isinstance(x, float) and not np.isfinite(x):
        return str(x)
    return x


def main(out):
    os.makedirs(out, exist_ok=True)
    refs = {'generated_by': 'check/geometry_refs.py with nibabel ' + nib.__version__, 'files': {}}
    for nifti2, cases in ((False, CASES), (True, CASES2)):
        for name, breaker in cases.items():
            path = os.path.join(out, name + '.nii')
            nib.save(base_image(nifti2), path)
            with open(path, 'rb') as f:
                b = bytearray(f.read())
            breaker(b)
            with open(path, 'wb') as f:
                f.write(b)
            header_class = nib.Nifti2Header if nifti2 else nib.Nifti1Header
            with open(path, 'rb') as f:
                # The header alone, with the fixes nibabel makes on load (zero or negative pixdim), never raises.
                hdr = header_class.from_fileobj(f, check=True)
            entry = {}
            try:
                img = nib.load(path)
                entry['nibabel'] = {'affine': np.asarray(img.affine).tolist(), 'finite': finite(img.affine),
                                    'data_sum': float(np.sum(img.get_fdata()))}
            except Exception as e:  # noqa: BLE001 -- recording what nibabel does is the point
                entry['nibabel'] = {'error': type(e).__name__ + ': ' + str(e)}
            exp, skipped = expected(hdr)
            entry['expected'] = exp
            entry['expected']['warning'] = skipped
            nb = entry['nibabel']
            if 'affine' in exp and 'affine' in nb and nb['finite'] and not skipped:
                assert np.allclose(exp['affine'], nb['affine']), name
            refs['files'][name + '.nii'] = entry
            entry['header'] = hdr
    # data sums: what the scaled values add up to, for the cases Gyrus reads
    for name, entry in refs['files'].items():
        hdr = entry.pop('header')
        if 'affine' in entry['expected']:
            slope, inter = float(hdr['scl_slope']), float(hdr['scl_inter'])
            raw = np.arange(24, dtype=np.float64)
            scaled = np.isfinite(slope) and slope != 0 and not (slope == 1 and inter == 0)
            entry['expected']['data_sum'] = float(np.sum(raw * slope + inter) if scaled else np.sum(raw))
            nb = entry['nibabel']
            if 'data_sum' in nb:
                assert np.isclose(nb['data_sum'], entry['expected']['data_sum']), name
    with open(os.path.join(out, 'refs.json'), 'w') as f:
        json.dump(strict_json(refs), f, indent=1, sort_keys=True, allow_nan=False)
        f.write('\n')
    print('wrote', len(refs['files']), 'cases to', out)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'testdata', 'nifti-geometry'))
