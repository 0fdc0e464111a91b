#!/usr/bin/python3
"""The PyTorch peer of AttentionBench (bundles/org.gyrus.attention/src/test/java/.../bench):
A1, one epoch of the digits ViT (8x8 digits, 16 patches of 2x2, depth 2, 4 heads, width 32,
feed-forward 64, GELU, pre-norm, AdamW lr 1e-3 weight decay 1e-2, batch 64, shuffled), the same
architecture as Gyrus's (the twins of bundles/org.gyrus.attention/check/torch_parity.py); A2,
attention maps ([CLS] attention of every layer and head, and the rollout) of 1,000 digits. Median
of `runs` timed repetitions after one warm-up. Run with /usr/bin/python3 (torch 1.13) from the
repository root:

    /usr/bin/python3 bench/peers/attention_peer.py [runs] [--threads N]
"""
import argparse
import gzip
import json
import os
import sys
import time

import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bundles", "org.gyrus.attention", "check"))
from torch_parity import PatchEmbedding, TokenTransformer, rollout  # noqa: E402


def digits():
    path = os.path.join(ROOT, "bundles", "org.gyrus.attention", "testdata", "digits.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = [list(map(float, line.split(","))) for line in f]
    t = torch.tensor(rows, dtype=torch.float32)
    return (t[:, :64] / 16).reshape(-1, 1, 8, 8), t[:, 64].long()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, y = digits()
    net = TokenTransformer(PatchEmbedding(2, 1, [8, 8], [2, 2], 32), 16, 32, 2, 4, 64, 0.0, "gelu", True, 1e-5, "learned", 10)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-2)
    loss_fn = torch.nn.CrossEntropyLoss()
    epochs = []
    for epoch in range(a.runs + 1):
        t0 = time.perf_counter()
        net.train()
        perm = torch.randperm(x.shape[0])
        for b in range(0, x.shape[0], 64):
            idx = perm[b:b + 64]
            opt.zero_grad()
            logits, _ = net(x[idx])
            loss_fn(logits, y[idx]).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
        epochs.append((time.perf_counter() - t0) * 1000)
    net.eval()
    maps = []
    with torch.no_grad():
        for r in range(a.runs + 1):
            t0 = time.perf_counter()
            _, w = net(x[:1000])
            cls = [layer[:, :, 0, 1:] for layer in w]
            roll = torch.stack([rollout(w, s) for s in range(1000)])
            maps.append((time.perf_counter() - t0) * 1000)
            assert roll.shape == (1000, 16) and cls[0].shape == (1000, 4, 16)

    def summary(v):
        s = sorted(v)
        return {"median_ms": s[len(s) // 2], "min_ms": s[0], "max_ms": s[-1], "runs_ms": v}

    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "A1_digits_vit_epoch": summary(epochs[1:]), "A1_warmup_ms": epochs[0],
                      "A2_attention_maps_1000": summary(maps[1:])}, indent=1))


if __name__ == "__main__":
    main()
