"""Step-by-step reference trajectories of DDPM and DDIM sampling for org.gyrus.diffusion's Sampler.

Run with the Debian python (torch 1.13):  /usr/bin/python3 make_sampler_reference.py
Writes sampler_reference.json.

diffusers is not installed here, so the update rules of diffusers 0.2x's DDPMScheduler.step
(variance_type "fixed_small", clip_sample) and DDIMScheduler.step (set_alpha_to_one=True,
steps_offset=0, timestep_spacing "leading", use_clipped_model_output=False) are written out below in
torch float32, as diffusers computes them: betas as float32 tensors (linspace, scaled linear, or
betas_for_alpha_bar for "squaredcos_cap_v2"), alphas_cumprod by torch.cumprod in float32.

The "model" is the exact posterior predictor for Gaussian data x0 ~ N(mu, s^2) (independent
elements), so the trajectories are those of a real denoiser without any weights to commit:
eps(x, t) = sqrt(1-a) (x - sqrt(a) mu) / (a s^2 + 1 - a), v = (eps - sqrt(1-a) x) / sqrt(a), with
a = alphas_cumprod[t] in float64 (numpy) and the result rounded to float32; Java computes the same.
The noise of every step is recorded so that Java consumes exactly the same draws.
"""
import json
import math

import numpy as np
import torch

T = 1000
N, SHAPE = 2, (1, 2, 3)          # two samples of 1x2x3
SIZE = 6
MU = np.linspace(-0.9, 0.7, SIZE)  # some predicted x0 leave [-1, 1] at large t: clipping matters
S = 0.3


def betas_f64(name):
    if name == "linear":
        return np.linspace(1e-4, 0.02, T, dtype=np.float64)
    if name == "scaled-linear":
        return np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T, dtype=np.float64) ** 2
    f = lambda u: math.cos((u + 0.008) / 1.008 * math.pi / 2) ** 2
    return np.array([min(1 - f((i + 1) / T) / f(i / T), 0.999) for i in range(T)], dtype=np.float64)


def betas_f32(name):
    # as diffusers builds them
    if name == "linear":
        return torch.linspace(1e-4, 0.02, T, dtype=torch.float32)
    if name == "scaled-linear":
        return torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T, dtype=torch.float32) ** 2
    return torch.tensor(betas_f64(name), dtype=torch.float32)


def model(x, t, prediction, abar64):
    a = abar64[t]
    x64 = x.double().numpy()
    mu = np.tile(MU, N)
    eps = math.sqrt(1 - a) * (x64 - math.sqrt(a) * mu) / (a * S * S + 1 - a)
    out = eps if prediction == "epsilon" else (eps - math.sqrt(1 - a) * x64) / math.sqrt(a)
    return torch.tensor(out.astype(np.float32))


def to_x0_eps(sample, out, a, prediction):
    b = 1 - a
    if prediction == "epsilon":
        return (sample - b ** 0.5 * out) / a ** 0.5, out
    return a ** 0.5 * sample - b ** 0.5 * out, a ** 0.5 * out + b ** 0.5 * sample


def ddpm(case, gen):
    ac = torch.cumprod(1.0 - betas_f32(case["schedule"]), dim=0)
    abar64 = np.cumprod(1.0 - betas_f64(case["schedule"]))
    betas = betas_f32(case["schedule"])
    x = torch.randn(N * SIZE, generator=gen)
    start = x.clone()
    noises, traj = [], []
    for t in range(case["from"], -1, -1):
        out = model(x, t, case["prediction"], abar64)
        a_t = ac[t]
        a_prev = ac[t - 1] if t > 0 else torch.tensor(1.0)
        beta_prod_t, beta_prod_prev = 1 - a_t, 1 - a_prev
        current_alpha_t = a_t / a_prev
        current_beta_t = 1 - current_alpha_t
        x0, _ = to_x0_eps(x, out, a_t, case["prediction"])
        if case["clip"]:
            x0 = x0.clamp(-1, 1)
        c0 = (a_prev ** 0.5 * current_beta_t) / beta_prod_t
        ct = current_alpha_t ** 0.5 * beta_prod_prev / beta_prod_t
        prev = c0 * x0 + ct * x
        if t > 0:
            z = torch.randn(N * SIZE, generator=gen)
            var = torch.clamp((1 - a_prev) / (1 - a_t) * current_beta_t, min=1e-20)
            prev = prev + var ** 0.5 * z
            noises.append(z.tolist())
        x = prev
        traj.append(x.tolist())
    return start, noises, traj


def ddim(case, gen):
    ac = torch.cumprod(1.0 - betas_f32(case["schedule"]), dim=0)
    abar64 = np.cumprod(1.0 - betas_f64(case["schedule"]))
    steps, eta = case["steps"], case["eta"]
    ratio = T // steps
    timesteps = (np.arange(0, steps) * ratio).round()[::-1].copy().astype(np.int64)
    x = torch.randn(N * SIZE, generator=gen)
    start = x.clone()
    noises, traj = [], []
    for t in timesteps:
        prev_t = t - ratio
        a_t = ac[t]
        a_prev = ac[prev_t] if prev_t >= 0 else torch.tensor(1.0)
        out = model(x, int(t), case["prediction"], abar64)
        x0, eps = to_x0_eps(x, out, a_t, case["prediction"])
        if case["clip"]:
            x0 = x0.clamp(-1, 1)
        variance = ((1 - a_prev) / (1 - a_t)) * (1 - a_t / a_prev)
        std = eta * variance ** 0.5
        direction = (1 - a_prev - std ** 2) ** 0.5 * eps
        prev = a_prev ** 0.5 * x0 + direction
        if eta > 0:
            z = torch.randn(N * SIZE, generator=gen)
            prev = prev + std * z
            noises.append(z.tolist())
        x = prev
        traj.append(x.tolist())
    return start, noises, traj, timesteps.tolist()


def f32(values):
    # 9 significant digits identify a float32 exactly
    return [float("%.9g" % v) for v in values]


CASES = [
    {"name": "ddpm-epsilon-linear-1000", "sampler": "ddpm", "schedule": "linear", "prediction": "epsilon", "clip": True, "from": T - 1},
    {"name": "ddpm-v-scaled-linear-from-99", "sampler": "ddpm", "schedule": "scaled-linear", "prediction": "v", "clip": False, "from": 99},
    {"name": "ddim-epsilon-linear-50-eta0", "sampler": "ddim", "schedule": "linear", "prediction": "epsilon", "clip": True, "steps": 50, "eta": 0.0},
    {"name": "ddim-v-cosine-20-eta0.5", "sampler": "ddim", "schedule": "cosine", "prediction": "v", "clip": True, "steps": 20, "eta": 0.5},
    {"name": "ddim-epsilon-linear-7-eta1-noclip", "sampler": "ddim", "schedule": "linear", "prediction": "epsilon", "clip": False, "steps": 7, "eta": 1.0},
]

out = {"T": T, "n": N, "shape": list(SHAPE), "mu": MU.tolist(), "s": S, "torch": torch.__version__, "cases": []}
for i, case in enumerate(CASES):
    gen = torch.Generator().manual_seed(1000 + i)
    c = dict(case)
    if case["sampler"] == "ddpm":
        start, noises, traj = ddpm(case, gen)
    else:
        start, noises, traj, ts = ddim(case, gen)
        c["timesteps"] = ts
    c["start"] = f32(start.tolist())
    c["noise"] = [f32(z) for z in noises]
    c["trajectory"] = [f32(x) for x in traj]
    out["cases"].append(c)

with open("sampler_reference.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote sampler_reference.json")
