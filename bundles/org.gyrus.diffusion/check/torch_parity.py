#!/usr/bin/python3
"""PyTorch parity of the diffusion models this bundle trains (run with /usr/bin/python3, torch 1.13).

    /usr/bin/python3 bundles/org.gyrus.diffusion/check/torch_parity.py

For each model that Gyrus trained and saved (testdata/parity_unet{2d,3d}.safetensors, network
artifacts written by ParityModels.java): reads the artifact's metadata (key "gyrus.metadata"),
checks that it describes a diffusion model, rebuilds the U-Net in PyTorch from the description in
its entry "network", loads Gyrus's weights strictly by PyTorch's parameter names, and runs the
network on the fixed x_t of testdata/parity_inputs.safetensors at each recorded timestep (the whole
batch at one timestep, as a sampler calls it). The outputs (ε or v), and the predicted x0 they
imply on the model's schedule, go to testdata/parity_torch.json, which TorchParityTest compares
with Gyrus's own.

The U-Net twin is org.gyrus.nn's (testdata/gen_conv_refs.py), the same one its U-Net parity uses.
"""
import importlib.util
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "..", "testdata")
TWIN = os.path.join(HERE, "..", "..", "org.gyrus.nn", "testdata", "gen_conv_refs.py")


def load_twin():
    spec = importlib.util.spec_from_file_location("gen_conv_refs", TWIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alphas_cumprod(schedule, steps):
    """ᾱ_t in float64, as diffusers' schedulers (and NoiseSchedule.named) define them."""
    if schedule == "linear":
        betas = torch.linspace(1e-4, 0.02, steps, dtype=torch.float64)
    elif schedule == "scaled-linear":
        betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, steps, dtype=torch.float64) ** 2
    elif schedule == "cosine":
        f = lambda t: math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
        betas = torch.tensor([min(1 - f((i + 1) / steps) / f(i / steps), 0.999) for i in range(steps)], dtype=torch.float64)
    else:
        raise ValueError("unknown schedule " + schedule)
    return torch.cumprod(1 - betas, 0)


def tensor(t):
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]}


def main():
    torch.set_grad_enabled(False)
    twin = load_twin()
    inputs, _ = twin.read_safetensors(os.path.join(TESTDATA, "parity_inputs.safetensors"))
    out = {"generator": "check/torch_parity.py", "torch": torch.__version__, "cases": {}}
    for name in ("unet2d", "unet3d"):
        file = "parity_%s.safetensors" % name
        state, header = twin.read_safetensors(os.path.join(TESTDATA, file))
        meta = json.loads(header["gyrus.metadata"])
        assert header["gyrus.kind"] == "network" and meta["task"] == "diffusion", (file, header.get("gyrus.kind"), meta.get("task"))
        description = meta["network"]
        assert description["format"] == twin.FORMAT and description["version"] <= twin.VERSION
        net = twin.build(description["module"])
        missing, unexpected = net.load_state_dict(state, strict=True)
        net.eval()
        abar = alphas_cumprod(meta["schedule"], int(meta["train_steps"]))
        case = {"file": file, "loaded_strict": True, "missing_keys": list(missing), "unexpected_keys": list(unexpected),
                "parameters": sum(p.numel() for p in net.parameters()), "output": meta["output"],
                "schedule": meta["schedule"], "steps": {}}
        for key in sorted(k for k in inputs if k.startswith(name + "/")):
            t = int(key.split("/t")[1])
            x = inputs[key]
            y = net(x, torch.full((x.shape[0],), float(t)))
            a = abar[t]
            xd, yd = x.double(), y.double()
            if meta["output"] == "epsilon":
                x0 = (xd - (1 - a).sqrt() * yd) / a.sqrt()
            else:
                x0 = a.sqrt() * xd - (1 - a).sqrt() * yd
            case["steps"][str(t)] = {"input": key, "output": tensor(y), "x0": tensor(x0)}
        out["cases"][name] = case
    with open(os.path.join(TESTDATA, "parity_torch.json"), "w") as f:
        json.dump(out, f)
    print("wrote parity_torch.json: " + ", ".join("%s %d parameters, %d timesteps" % (k, c["parameters"], len(c["steps"]))
                                                   for k, c in out["cases"].items()))


if __name__ == "__main__":
    main()
