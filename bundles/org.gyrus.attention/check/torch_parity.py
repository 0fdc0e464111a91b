#!/usr/bin/python3
"""PyTorch parity of the attention bundle's transformers (run with /usr/bin/python3, torch 1.13).

Builds each network that Gyrus saved (testdata/parity_{table,image,volume}.safetensors, network
artifacts written by ParityNetworks.java) from its own description with the PyTorch twins below,
loads Gyrus's weights by name (strict), and records on the fixed inputs of
testdata/parity_inputs.safetensors the outputs (logits, or the standardised value of the
regressor), every layer's per-head attention weights, and the attention rollout (Abnar & Zuidema
2020) in testdata/parity_torch.json, which ParityTest compares with Gyrus's own numbers.

The twins use PyTorch's nn.TransformerEncoderLayer and nn.MultiheadAttention; only the
tokenizers and the [CLS]/head wiring, which PyTorch has no built-in for, are written here,
following docs/network-format.md.
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "..", "testdata")


def read_safetensors(path):
    """Minimal safetensors reader (the `safetensors` package is not in Debian 12)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        b, e_ = e["data_offsets"]
        dt = {"F32": "<f4", "I64": "<i8", "F64": "<f8", "I32": "<i4"}[e["dtype"]]
        out[name] = torch.from_numpy(np.frombuffer(data[b:e_], dtype=dt).reshape(e["shape"]).copy())
    return out, meta


class FeatureTokenizer(nn.Module):
    def __init__(self, n_numeric, categories, d_token):
        super().__init__()
        self.n_numeric, self.categories = n_numeric, list(categories)
        if n_numeric > 0:
            self.numeric_weight = nn.Parameter(torch.empty(n_numeric, d_token))
            self.numeric_bias = nn.Parameter(torch.empty(n_numeric, d_token))
        if self.categories:
            self.category_bias = nn.Parameter(torch.empty(len(self.categories), d_token))
            offsets = np.concatenate([[0], np.cumsum([k + 1 for k in self.categories])[:-1]])
            self.register_buffer("category_offsets", torch.tensor(offsets, dtype=torch.int64))
            self.category_embeddings = nn.Embedding(sum(k + 1 for k in self.categories), d_token)

    def forward(self, x):
        parts = []
        if self.n_numeric > 0:
            parts.append(x[:, :self.n_numeric, None] * self.numeric_weight[None] + self.numeric_bias[None])
        if self.categories:
            codes = x[:, self.n_numeric:]
            k = torch.tensor(self.categories, dtype=x.dtype)
            bad = torch.isnan(codes) | (codes < 0) | (codes >= k)
            codes = torch.where(bad, k.expand_as(codes), codes).long()
            parts.append(self.category_embeddings(codes + self.category_offsets[None]) + self.category_bias[None])
        return torch.cat(parts, dim=1)


class PatchEmbedding(nn.Module):
    def __init__(self, dims, in_channels, image_size, patch_size, d_model):
        super().__init__()
        conv = nn.Conv2d if dims == 2 else nn.Conv3d
        self.proj = conv(in_channels, d_model, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class MaskedPatchEmbedding(nn.Module):
    def __init__(self, patches, patch_voxels, d_model, max_wavelength=1000.0):
        super().__init__()
        self.patches, self.patch_voxels, self.d_model, self.max_wavelength = patches, patch_voxels, d_model, max_wavelength
        self.register_buffer("coordinates", torch.zeros(patches, 3))
        self.proj = nn.Linear(patch_voxels, d_model)

    def positional_encoding(self):
        k = self.d_model // 6
        c = self.coordinates.double()
        pe = torch.zeros(self.patches, self.d_model, dtype=torch.float64)
        for a in range(3):
            for i in range(k):
                w = self.max_wavelength ** (-i / k)
                pe[:, 2 * k * a + 2 * i] = torch.sin(c[:, a] * w)
                pe[:, 2 * k * a + 2 * i + 1] = torch.cos(c[:, a] * w)
        return pe.float()[None]

    def forward(self, x):
        return self.proj(x.reshape(x.shape[0], self.patches, self.patch_voxels)) + self.positional_encoding()


class TokenTransformer(nn.Module):
    def __init__(self, tokenizer, tokens, d_model, depth, nhead, dim_feedforward, dropout, activation, norm_first,
                 layer_norm_eps, positional, num_outputs):
        super().__init__()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d_model))
        if positional == "learned":
            self.pos_embedding = nn.Parameter(torch.zeros(1, tokens + 1, d_model))
        else:
            self.pos_embedding = None
        self.tokenizer = tokenizer
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation,
                                                                layer_norm_eps, batch_first=True, norm_first=norm_first)
                                     for _ in range(depth)])
        self.norm = nn.LayerNorm(d_model, eps=layer_norm_eps)
        self.head = nn.Linear(d_model, num_outputs)
        self.norm_first = norm_first

    def forward(self, x):
        t = self.tokenizer(x)
        h = torch.cat([self.cls_token.expand(t.shape[0], -1, -1), t], dim=1)
        if self.pos_embedding is not None:
            h = h + self.pos_embedding
        h = self.dropout(h)
        weights = []
        for layer in self.layers:
            a_in = layer.norm1(h) if self.norm_first else h
            _, w = layer.self_attn(a_in, a_in, a_in, need_weights=True, average_attn_weights=False)
            weights.append(w)
            h = layer(h)
        return self.head(self.norm(h)[:, 0]), weights


def build(spec):
    t = spec["type"]
    if t == "FeatureTokenizer":
        return FeatureTokenizer(spec["n_numeric"], spec.get("categories", []), spec["d_token"])
    if t == "PatchEmbedding":
        return PatchEmbedding(spec["dims"], spec["in_channels"], spec["image_size"], spec["patch_size"], spec["d_model"])
    if t == "MaskedPatchEmbedding":
        return MaskedPatchEmbedding(spec["patches"], spec["patch_voxels"], spec["d_model"], spec.get("max_wavelength", 1000.0))
    if t == "TokenTransformer":
        return TokenTransformer(build(spec["tokenizer"]), spec["tokens"], spec["d_model"], spec["depth"], spec["nhead"],
                                spec["dim_feedforward"], spec["dropout"], spec["activation"], spec["norm_first"],
                                spec["layer_norm_eps"], spec["positional"], spec["num_outputs"])
    raise ValueError("unknown type " + t)


def rollout(weights, sample):
    """Abnar & Zuidema 2020: row 0 of prod_l (0.5 mean_h A_l + 0.5 I), last layer leftmost; without [CLS]."""
    r = None
    for w in weights:
        a = w[sample].double().mean(0)
        a = 0.5 * a + 0.5 * torch.eye(a.shape[0], dtype=torch.float64)
        r = a if r is None else a @ r
    return r[0, 1:]


def tensor(t):
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]}


def main():
    torch.set_grad_enabled(False)
    inputs, _ = read_safetensors(os.path.join(TESTDATA, "parity_inputs.safetensors"))
    out = {"generator": "check/torch_parity.py", "torch": torch.__version__, "cases": {}}
    for name in ("table", "image", "volume"):
        state, meta = read_safetensors(os.path.join(TESTDATA, "parity_%s.safetensors" % name))
        description = json.loads(meta["gyrus.metadata"])["network"]
        assert description["format"] == "gyrus-network" and description["version"] <= 1
        net = build(description["module"])
        net.load_state_dict(state, strict=True)
        net.eval()
        logits, weights = net(inputs[name])
        out["cases"][name] = {
            "file": "parity_%s.safetensors" % name,
            "output": tensor(logits),
            "attention": [tensor(w) for w in weights],
            "rollout": tensor(torch.stack([rollout(weights, s) for s in range(logits.shape[0])])),
        }
    with open(os.path.join(TESTDATA, "parity_torch.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
