"""Reference values for org.gyrus.diffusion's noise schedules and DDPM/DDIM step arithmetic.

Run with the Debian python (numpy 1.24, torch 1.13):  /usr/bin/python3 make_schedules.py
Writes schedules_reference.json. Everything is float64, following the formulas of
Ho et al. 2020 (DDPM; guided-diffusion's gaussian_diffusion.py names), Nichol & Dhariwal 2021
(cosine), diffusers' "scaled_linear" (Stable Diffusion) and Song et al. 2021 (DDIM), and
Salimans & Ho 2022 (v-prediction). The step functions are also computed with torch in float64
as a second, independent implementation; the script fails if the two disagree.
"""
import json
import math

import numpy as np
import torch

T = 1000
INDICES = [0, 1, 9, 99, 499, 998, 999]


def linear(t, start=1e-4, end=0.02):
    return np.linspace(start, end, t, dtype=np.float64)


def scaled_linear(t, start=0.00085, end=0.012):
    return np.linspace(start ** 0.5, end ** 0.5, t, dtype=np.float64) ** 2


def cosine(t, s=0.008, max_beta=0.999):
    f = lambda u: math.cos((u / t + s) / (1 + s) * math.pi / 2) ** 2
    return np.array([min(1 - f(i + 1) / f(i), max_beta) for i in range(t)], dtype=np.float64)


def derived(betas):
    alphas = 1.0 - betas
    ac = np.cumprod(alphas)
    ac_prev = np.append(1.0, ac[:-1])
    post_var = betas * (1.0 - ac_prev) / (1.0 - ac)
    return {
        "betas": betas,
        "alphas": alphas,
        "alphas_cumprod": ac,
        "alphas_cumprod_prev": ac_prev,
        "sqrt_alphas_cumprod": np.sqrt(ac),
        "sqrt_one_minus_alphas_cumprod": np.sqrt(1.0 - ac),
        "posterior_variance": post_var,
        "posterior_log_variance_clipped": np.log(np.append(post_var[1], post_var[1:])),
        "posterior_mean_coef1": betas * np.sqrt(ac_prev) / (1.0 - ac),
        "posterior_mean_coef2": (1.0 - ac_prev) * np.sqrt(alphas) / (1.0 - ac),
    }


out = {"T": T, "indices": INDICES, "note": "t is 0-based; float64 numpy", "schedules": {}}
schedules = {"linear": linear(T), "cosine": cosine(T), "scaled_linear": scaled_linear(T)}
for name, b in schedules.items():
    d = derived(b)
    out["schedules"][name] = {k: [float(v[i]) for i in INDICES] for k, v in d.items()}

# The step arithmetic on a small random example, for the linear schedule.
rng = np.random.default_rng(16)
n = 7
x0 = rng.standard_normal(n)
eps = rng.standard_normal(n)
noise = rng.standard_normal(n)
d = derived(schedules["linear"])
ac = d["alphas_cumprod"]
steps = []
for t, t_prev, eta in [(999, 899, 0.0), (500, 480, 0.5), (10, 0, 1.0), (50, -1, 0.3)]:
    a_t = ac[t]
    a_prev = ac[t_prev] if t_prev >= 0 else 1.0
    xt = math.sqrt(a_t) * x0 + math.sqrt(1 - a_t) * eps
    x0_from_eps = (xt - math.sqrt(1 - a_t) * eps) / math.sqrt(a_t)
    x0_from_eps2 = math.sqrt(1 / a_t) * xt - math.sqrt(1 / a_t - 1) * eps
    v = math.sqrt(a_t) * eps - math.sqrt(1 - a_t) * x0
    x0_from_v = math.sqrt(a_t) * xt - math.sqrt(1 - a_t) * v
    eps_from_v = math.sqrt(1 - a_t) * xt + math.sqrt(a_t) * v
    mean = d["posterior_mean_coef1"][t] * x0 + d["posterior_mean_coef2"][t] * xt
    sigma = eta * math.sqrt((1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev))
    ddim = math.sqrt(a_prev) * x0 + math.sqrt(1 - a_prev - sigma ** 2) * eps + sigma * noise

    # torch, float64, as diffusers' DDIMScheduler.step writes it (pred_original_sample etc.)
    tx0, te, tn = (torch.tensor(a, dtype=torch.float64) for a in (x0, eps, noise))
    txt = a_t ** 0.5 * tx0 + (1 - a_t) ** 0.5 * te
    pred_x0 = (txt - (1 - a_t) ** 0.5 * te) / a_t ** 0.5
    var = (1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)
    std = eta * var ** 0.5
    dir_xt = (1 - a_prev - std ** 2) ** 0.5 * te
    tddim = a_prev ** 0.5 * pred_x0 + dir_xt + std * tn
    assert np.allclose(tddim.numpy(), ddim, rtol=1e-12, atol=1e-12)
    assert np.allclose(x0_from_eps, x0_from_eps2, rtol=1e-12, atol=1e-12)
    assert np.allclose(x0_from_v, x0, rtol=1e-9, atol=1e-9)
    assert np.allclose(eps_from_v, eps, rtol=1e-9, atol=1e-9)
    steps.append({"t": t, "t_prev": t_prev, "eta": eta, "x_t": xt.tolist(), "x0_from_eps": x0_from_eps.tolist(),
                  "v": v.tolist(), "x0_from_v": x0_from_v.tolist(), "eps_from_v": eps_from_v.tolist(),
                  "posterior_mean": mean.tolist(), "ddim": ddim.tolist()})
out["steps"] = {"schedule": "linear", "x0": x0.tolist(), "eps": eps.tolist(), "noise": noise.tolist(), "cases": steps}

with open("schedules_reference.json", "w") as f:
    json.dump(out, f, indent=1)
