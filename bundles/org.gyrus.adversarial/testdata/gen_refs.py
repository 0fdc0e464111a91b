"""Reference values for org.gyrus.adversarial's parity tests (run: /usr/bin/python3 gen_refs.py).

Debian python3-torch 1.13, CPU, float32. Writes, next to this script:
- mlp_network.safetensors: mlp.safetensors (copied from /work/shared/data/nn, the MLP of fgsm.json)
  with the network description org.gyrus.nn's NetworkFile reads (metadata "gyrus.network").
- cnn_network.safetensors: a small seeded CNN, Conv2d(1,3,3,p=1) ReLU MaxPool2d(2) Flatten Linear(27,3),
  for 1x6x6 images, saved the same way (random weights: the attack maths, not accuracy, is tested).
- pgd.json: PGD on the CNN as ART's ProjectedGradientDescent computes it (step along sign(grad) for L-inf
  or grad / (per-sample L2 norm + 1e-7) for L2, negated when targeted; clip to [lo, hi]; project the
  change onto the eps-ball: clip to [-eps, eps], or scale by min(1, eps / (L2 norm + 1e-7))), from an
  explicit random start delta0 stored in the file: L-inf untargeted, and L2 targeted.
- halves_network.safetensors + halves.json: a CNN of the same layout with 4 filters and 2 classes, trained
  (seeded, Adam, 400 steps) to tell whether the left or the right half of a 1x6x6 noise image is brighter;
  halves.json holds 30 held-out images, their labels and the network's accuracy on them. The one-pixel
  attack test runs on it: images near the boundary flip with one pixel, clear ones do not.
"""
import json
import struct
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent


def write_network(path, module, description):
    """A safetensors file with PyTorch's state_dict names and the description in the metadata."""
    tensors = {k: v.detach().contiguous().float() for k, v in module.state_dict().items()}
    header = {"__metadata__": {"gyrus.network": json.dumps(description)}}
    blobs, offset = [], 0
    for name, t in tensors.items():
        b = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    path.write_bytes(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def read_safetensors(path):
    raw = path.read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(raw[8 + n + a:8 + n + b]), dtype=torch.float32).reshape(info["shape"])
    return out


def linear(i, o):
    return {"type": "Linear", "in_features": i, "out_features": o, "bias": True}


def pgd(model, x, y, eps, step, steps, norm, targeted, delta0, lo, hi):
    adv = (x + delta0).clamp(lo, hi)
    view = (-1,) + (1,) * (x.dim() - 1)
    for _ in range(steps):
        a = adv.clone().requires_grad_(True)
        g, = torch.autograd.grad(F.cross_entropy(model(a), y), a)
        d = g.sign() if norm == "inf" else g / (g.flatten(1).norm(dim=1).view(view) + 1e-7)
        if targeted:
            d = -d
        adv = (adv + step * d).clamp(lo, hi)
        delta = adv - x
        if norm == "inf":
            delta = delta.clamp(-eps, eps)
        else:
            delta = delta * torch.clamp(eps / (delta.flatten(1).norm(dim=1) + 1e-7), max=1.0).view(view)
        adv = x + delta
    return adv


def halves():
    torch.manual_seed(2)
    g = torch.Generator().manual_seed(3)

    def images(n):
        x = torch.rand(n, 1, 6, 6, generator=g)
        y = (x[:, 0, :, 3:].mean(dim=(1, 2)) > x[:, 0, :, :3].mean(dim=(1, 2))).long()
        return x, y

    net = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                              torch.nn.Flatten(), torch.nn.Linear(36, 2))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(400):
        x, y = images(128)
        opt.zero_grad()
        F.cross_entropy(net(x), y).backward()
        opt.step()
    net.eval()
    write_network(HERE / "halves_network.safetensors", net, {"format": "gyrus-network", "version": 1, "module": {
        "type": "Sequential", "layers": [
            {"type": "Conv2d", "in_channels": 1, "out_channels": 4, "kernel_size": [3, 3], "stride": [1, 1],
             "padding": [1, 1], "dilation": [1, 1], "groups": 1, "bias": True},
            {"type": "ReLU"},
            {"type": "MaxPool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1],
             "ceil_mode": False},
            {"type": "Flatten", "start_dim": 1, "end_dim": -1},
            linear(36, 2)]}})
    x, y = images(30)
    with torch.no_grad():
        accuracy = (net(x).argmax(1) == y).float().mean().item()
    (HERE / "halves.json").write_text(json.dumps({"generator": "gen_refs.py, torch " + torch.__version__,
                                                  "model": "halves_network.safetensors", "x": ref(x),
                                                  "labels": y.tolist(), "accuracy": accuracy}))
    print("halves accuracy", accuracy)


def ref(t):
    return {"shape": list(t.shape), "data": t.detach().flatten().tolist()}


def main():
    mlp = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 4))
    mlp.load_state_dict(read_safetensors(HERE / "mlp.safetensors"))
    write_network(HERE / "mlp_network.safetensors", mlp, {"format": "gyrus-network", "version": 1, "module": {
        "type": "Sequential", "layers": [linear(8, 16), {"type": "ReLU"}, linear(16, 4)]}})

    torch.manual_seed(0)
    cnn = torch.nn.Sequential(torch.nn.Conv2d(1, 3, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                              torch.nn.Flatten(), torch.nn.Linear(27, 3))
    cnn.eval()
    write_network(HERE / "cnn_network.safetensors", cnn, {"format": "gyrus-network", "version": 1, "module": {
        "type": "Sequential", "layers": [
            {"type": "Conv2d", "in_channels": 1, "out_channels": 3, "kernel_size": [3, 3], "stride": [1, 1],
             "padding": [1, 1], "dilation": [1, 1], "groups": 1, "bias": True},
            {"type": "ReLU"},
            {"type": "MaxPool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1],
             "ceil_mode": False},
            {"type": "Flatten", "start_dim": 1, "end_dim": -1},
            linear(27, 3)]}})

    g = torch.Generator().manual_seed(1)
    x = torch.rand(5, 1, 6, 6, generator=g)
    labels = torch.tensor([0, 1, 2, 0, 1])
    targets = torch.tensor([1, 2, 0, 2, 0])
    cases = {}
    eps, step, steps = 0.1, 0.03, 7
    delta = (torch.rand(x.shape, generator=g) * 2 - 1) * eps
    cases["linf"] = {"norm": "inf", "targeted": False, "eps": eps, "step_size": step, "steps": steps,
                     "labels": labels.tolist(), "delta0": ref(delta),
                     "x_adv": ref(pgd(cnn, x, labels, eps, step, steps, "inf", False, delta, 0.0, 1.0))}
    eps2, step2, steps2 = 0.5, 0.15, 6
    d = torch.randn(x.shape, generator=g)
    d = d / d.flatten(1).norm(dim=1).view(-1, 1, 1, 1) * eps2 * torch.rand(5, generator=g).view(-1, 1, 1, 1)
    cases["l2"] = {"norm": "2", "targeted": True, "eps": eps2, "step_size": step2, "steps": steps2,
                   "labels": targets.tolist(), "delta0": ref(d),
                   "x_adv": ref(pgd(cnn, x, targets, eps2, step2, steps2, "2", True, d, 0.0, 1.0))}
    with torch.no_grad():
        logits = cnn(x)
    halves()
    out = {"generator": "gen_refs.py, torch " + torch.__version__, "model": "cnn_network.safetensors",
           "clip": [0.0, 1.0], "x": ref(x), "logits": ref(logits), "cases": cases}
    (HERE / "pgd.json").write_text(json.dumps(out))


if __name__ == "__main__":
    main()
