"""Reference values for org.gyrus.diffusion's classical denoisers, image quality and noise estimates.

Run with the Debian python (numpy 1.24, scipy 1.10.1, scikit-image 0.19.3, PyWavelets 1.1.1):
    /usr/bin/python3 make_denoise_reference.py
Writes denoise_reference.json. Arrays are stored flat in C order of numpy shape (z, y, x), i.e.
x fastest, the order of Gyrus' volumes; "dims" lists the sizes x first.

Non-local means: scikit-image evaluates exp() with Schraudolph's fast approximation. The script
re-implements skimage's slow-mode loop in numpy (nlm_reference) and checks that, with that
approximation swapped in, it reproduces skimage to float rounding; the reference Gyrus tests
against is the same loop with the exact exp (nlm_exact), and skimage's own output is stored too.
"""
import json

import numpy as np
import pywt
import scipy.ndimage as ndi
from skimage.metrics import peak_signal_noise_ratio, structural_similarity
from skimage.restoration import denoise_nl_means, estimate_sigma

rng = np.random.default_rng(1605)


def phantom(shape):
    grids = np.meshgrid(*[np.linspace(-1, 1, n) for n in shape], indexing="ij")
    r2 = sum(g ** 2 for g in grids)
    img = 100.0 * (r2 < 0.7) + 60.0 * (r2 < 0.25) + 30.0 * (grids[-1] > 0.3) * (r2 < 0.7)
    return img


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def dims(a):
    return list(a.shape[::-1])


out = {}

# Gaussian smoothing of a 3-D volume, anisotropic sigma, scipy defaults (mode='reflect', truncate=4.0)
vol = phantom((9, 12, 14)) + rng.normal(0, 10, (9, 12, 14))
vol = vol.astype(np.float32).astype(np.float64)
sig_np = (0.8, 1.7, 3.0)  # numpy axes z, y, x; the x radius (12) is nearly the x size, so reflection wraps
out["gaussian"] = {"dims": dims(vol), "input": flat(vol), "sigma_voxels": list(sig_np[::-1]),
                   "output": flat(ndi.gaussian_filter(vol, sig_np)),
                   "output_truncate_2": flat(ndi.gaussian_filter(vol, sig_np, truncate=2.0)),
                   "output_x_only": flat(ndi.gaussian_filter(vol, (0, 0, 1.2)))}

# Non-local means on a small 2-D image
clean2 = phantom((20, 24))
noisy2 = (clean2 + rng.normal(0, 12, clean2.shape)).astype(np.float32).astype(np.float64)
PATCH, DIST, H, SIGMA = 5, 4, 15.0, 5.0


def fast_exp(y):
    """skimage/_shared/fast_exp.h (Schraudolph 1999), double version."""
    hi = np.int32(np.int64(1512775.3951951856938 * y)) + np.int32(1072632447)
    return np.array([0, hi], dtype=np.int32).view(np.float64)[0]


def nlm_reference(image, s, d, h, var, exp):
    offset = s // 2
    padded = np.pad(image, offset, mode="reflect")
    a = (s - 1.0) / 4.0
    rv = np.arange(-offset, offset + 1, dtype=np.float64)
    gr, gc = np.meshgrid(rv, rv, indexing="ij")
    w = np.exp(-(gr * gr + gc * gc) / (2 * a * a))
    w *= 1.0 / (np.sum(w) * h * h)
    var2 = 2 * var
    n_row, n_col = image.shape
    result = np.empty_like(image)
    for row in range(n_row):
        for col in range(n_col):
            central = padded[row:row + s, col:col + s]
            num = 0.0
            wsum = 0.0
            for i in range(row - min(d, row), row + min(d + 1, n_row - row)):
                for j in range(col - min(d, col), col + min(d + 1, n_col - col)):
                    rows = (w * ((central - padded[i:i + s, j:j + s]) ** 2 - var2)).sum(axis=1)
                    partial = np.concatenate(([0.0], np.cumsum(rows)))
                    if np.any(partial[:s] > 5.0):
                        weight = 0.0
                    else:
                        weight = exp(-max(0.0, partial[s]))
                    wsum += weight
                    num += weight * padded[i + offset, j + offset]
            result[row, col] = num / wsum
    return result


sk = denoise_nl_means(noisy2, patch_size=PATCH, patch_distance=DIST, h=H, sigma=SIGMA, fast_mode=False, preserve_range=True)
mine_fast = nlm_reference(noisy2, PATCH, DIST, H, SIGMA ** 2, fast_exp)
assert np.allclose(mine_fast, sk, rtol=1e-9, atol=1e-9), np.abs(mine_fast - sk).max()
exact = nlm_reference(noisy2, PATCH, DIST, H, SIGMA ** 2, np.exp)
exact_h = nlm_reference(noisy2, PATCH, DIST, 2 * H, SIGMA ** 2, np.exp)
out["nlm"] = {"dims": dims(noisy2), "input": flat(noisy2), "clean": flat(clean2), "patch_size": PATCH, "patch_distance": DIST,
              "h": H, "sigma": SIGMA, "nlm_exact": flat(exact), "nlm_exact_double_h": flat(exact_h), "skimage": flat(sk),
              "max_abs_difference_exact_vs_skimage": float(np.abs(exact - sk).max())}

# PSNR and SSIM (Wang et al. 2004 setting) on a 3-D volume, whole and per slice
clean3 = phantom((12, 16, 18)).astype(np.float32).astype(np.float64)
noisy3 = (clean3 + rng.normal(0, 15, clean3.shape)).astype(np.float32).astype(np.float64)
smooth3 = ndi.gaussian_filter(noisy3, 1.0).astype(np.float32).astype(np.float64)
R = 190.0
ssim_args = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=R)
quality = {"dims": dims(clean3), "clean": flat(clean3), "noisy": flat(noisy3), "smoothed": flat(smooth3), "data_range": R}
for name, img in (("noisy", noisy3), ("smoothed", smooth3)):
    quality[name + "_psnr"] = float(peak_signal_noise_ratio(clean3, img, data_range=R))
    quality[name + "_ssim"] = float(structural_similarity(clean3, img, **ssim_args))
    quality[name + "_psnr_per_slice"] = [float(peak_signal_noise_ratio(clean3[z], img[z], data_range=R)) for z in range(clean3.shape[0])]
    quality[name + "_ssim_per_slice"] = [float(structural_similarity(clean3[z], img[z], **ssim_args)) for z in range(clean3.shape[0])]
out["quality"] = quality

# Noise level: skimage's estimate_sigma (2-D and 3-D) and the Rician background estimate
sigma_cases = []
for shape, s in (((31, 28), 7.0), ((10, 13, 15), 4.0)):
    img = (phantom(shape) + rng.normal(0, s, shape)).astype(np.float32).astype(np.float64)
    est = float(estimate_sigma(img))
    d = pywt.dwtn(img, "db2")["d" * img.ndim]  # the band skimage uses, to document its size
    sigma_cases.append({"dims": dims(img), "input": flat(img), "true_sigma": s, "skimage_estimate_sigma": est,
                        "detail_band_dims": list(d.shape[::-1])})
true_sig = 6.0
mag = np.hypot(phantom((16, 20)) + rng.normal(0, true_sig, (16, 20)), rng.normal(0, true_sig, (16, 20)))
background = phantom((16, 20)) == 0
out["noise"] = {"gaussian": sigma_cases,
                "rician": {"dims": [20, 16], "input": flat(mag.astype(np.float32)), "background": [bool(b) for b in background.ravel()],
                           "true_sigma": true_sig,
                           "estimate": float(np.sqrt(np.mean(mag.astype(np.float32).astype(np.float64)[background] ** 2) / 2))}}



# Non-local means in 3-D (drawn last so that the cases above keep their random numbers)
def nlm_reference_3d(image, s, d, h, var, exp):
    offset = s // 2
    padded = np.pad(image, offset, mode="reflect")
    a = (s - 1.0) / 4.0
    rv = np.arange(-offset, offset + 1, dtype=np.float64)
    gp, gr, gc = np.meshgrid(rv, rv, rv, indexing="ij")
    w = np.exp(-(gp * gp + gr * gr + gc * gc) / (2 * a * a))
    w *= 1.0 / (np.sum(w) * h * h)
    var2 = 2 * var
    n = image.shape
    result = np.empty_like(image)
    for p0 in range(n[0]):
        for r0 in range(n[1]):
            for c0 in range(n[2]):
                central = padded[p0:p0 + s, r0:r0 + s, c0:c0 + s]
                num = 0.0
                wsum = 0.0
                for i in range(p0 - min(d, p0), p0 + min(d + 1, n[0] - p0)):
                    for j in range(r0 - min(d, r0), r0 + min(d + 1, n[1] - r0)):
                        for k in range(c0 - min(d, c0), c0 + min(d + 1, n[2] - c0)):
                            planes = (w * ((central - padded[i:i + s, j:j + s, k:k + s]) ** 2 - var2)).sum(axis=(1, 2))
                            partial = np.concatenate(([0.0], np.cumsum(planes)))
                            weight = 0.0 if np.any(partial[:s] > 5.0) else exp(-max(0.0, partial[s]))
                            wsum += weight
                            num += weight * padded[i + offset, j + offset, k + offset]
                result[p0, r0, c0] = num / wsum
    return result


clean3n = phantom((7, 8, 9))
noisy3n = (clean3n + rng.normal(0, 12, clean3n.shape)).astype(np.float32).astype(np.float64)
sk3 = denoise_nl_means(noisy3n, patch_size=3, patch_distance=2, h=12.0, sigma=6.0, fast_mode=False, preserve_range=True)
assert np.allclose(nlm_reference_3d(noisy3n, 3, 2, 12.0, 36.0, fast_exp), sk3, rtol=1e-9, atol=1e-9)
exact3 = nlm_reference_3d(noisy3n, 3, 2, 12.0, 36.0, np.exp)
out["nlm3d"] = {"dims": dims(noisy3n), "input": flat(noisy3n), "patch_size": 3, "patch_distance": 2, "h": 12.0, "sigma": 6.0,
                "nlm_exact": flat(exact3), "skimage": flat(sk3), "max_abs_difference_exact_vs_skimage": float(np.abs(exact3 - sk3).max())}

with open("denoise_reference.json", "w") as f:
    json.dump(out, f)
print("nlm exact vs skimage max abs difference", out["nlm"]["max_abs_difference_exact_vs_skimage"])
print("estimate_sigma", [c["skimage_estimate_sigma"] for c in sigma_cases], "rician", out["noise"]["rician"]["estimate"])
