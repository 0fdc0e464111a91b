#!/usr/bin/python3
"""PyTorch reference values for org.gyrus.nn's image and volume operations.

    /usr/bin/python3 bundles/org.gyrus.nn/testdata/gen_conv_refs.py

Run with Debian's python3-torch (1.13, CPU, float32) from the repository root or anywhere: it
writes next to itself.

conv_ops.json + conv_ops.safetensors
    one case per operation and option set (odd shapes, stride 2 on odd sizes, groups > 1, "same"
    padding, dilation, ceil mode, align_corners both ways, train and eval statistics), on random
    data and on real images: scikit-learn's 8x8 digits (flat zero background: ReLU at exactly zero
    and ties in max pooling) and a crop of the MNI avg152 T1 template (flat background at the brain's
    edge). For each case: the inputs, the output, and the gradients of
    loss = sum(output * linspace(-1, 1, n)) with respect to every input that takes one.

The network part (U-Net parity, weights crossing between PyTorch and Gyrus) is written by the
second half of this script; see write_network_refs().
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("GYRUS_SHARED_DATA", "/work/shared/data")


# --------------------------------------------------------------------------- safetensors

def write_safetensors(path, tensors, metadata=None):
    """Minimal safetensors writer (the `safetensors` package is not in Debian 12)."""
    header = {}
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    blobs = []
    off = 0
    for name, a in tensors.items():
        if isinstance(a, torch.Tensor):
            a = a.detach().cpu().numpy()
        if a.dtype == np.int64:
            dt, b = "I64", np.ascontiguousarray(a, dtype="<i8").tobytes()
        else:
            dt, b = "F32", np.ascontiguousarray(a, dtype="<f4").tobytes()
        header[name] = {"dtype": dt, "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        off += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def read_safetensors(path):
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


# --------------------------------------------------------------------------- real images

def digits(n):
    """The first n of scikit-learn's 8x8 digits (values 0..16), as [n, 1, 8, 8]."""
    with gzip.open(os.path.join(SHARED, "images", "digits.csv.gz"), "rt") as f:
        rows = [list(map(float, line.split(",")[:64])) for _, line in zip(range(n), f)]
    return torch.tensor(rows, dtype=torch.float32).reshape(n, 1, 8, 8)


def mni_crop():
    """A 9x10x8 crop of the MNI avg152 T1 template at the brain's edge (part flat background), / 255."""
    import nibabel as nib
    img = nib.load(os.path.join(SHARED, "nifti", "avg152T1_LR_nifti.nii.gz"))
    v = np.asarray(img.dataobj, dtype=np.float32)
    crop = v[40:49, 2:12, 30:38] / 255.0
    return torch.from_numpy(np.ascontiguousarray(crop)).reshape(1, 1, 9, 10, 8)


# --------------------------------------------------------------------------- cases

def linspace_like(y):
    return torch.linspace(-1, 1, y.numel()).reshape(y.shape)


def rnd(g, *shape, scale=1.0):
    return (torch.randn(*shape, generator=g) * scale).float()


def op_cases():
    g = torch.Generator().manual_seed(1234)
    cases = []

    def case(name, op, args, inputs, fn, grads=None, extra=None):
        """fn(**tensors) -> output. grads: names of inputs that take a gradient (default: all)."""
        ts = {k: v.clone().requires_grad_(grads is None or k in grads) for k, v in inputs.items()}
        y = fn(**ts)
        (y * linspace_like(y)).sum().backward()
        tensors = {"%s/%s" % (name, k): v.detach() for k, v in inputs.items()}
        tensors["%s/output" % name] = y.detach()
        for k, v in ts.items():
            if v.grad is not None:
                tensors["%s/grad_%s" % (name, k)] = v.grad
        if extra:
            for k, v in extra(ts).items():
                tensors["%s/%s" % (name, k)] = v
        cases.append(({"name": name, "op": op, "args": args, "inputs": list(inputs.keys()),
                       "grads": [k for k, v in ts.items() if v.grad is not None]}, tensors))

    def conv(name, nd, x, w, b, stride, padding, dilation, groups, same=False):
        f = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[nd]
        inputs = {"x": x, "weight": w}
        if b is not None:
            inputs["bias"] = b
        args = {"stride": stride, "padding": "same" if same else padding, "dilation": dilation, "groups": groups}
        case(name, "conv%dd" % nd, args, inputs,
             lambda x, weight, bias=None: f(x, weight, bias, stride=stride, padding="same" if same else padding,
                                            dilation=dilation, groups=groups))

    def convt(name, nd, x, w, b, stride, padding, output_padding, dilation, groups):
        f = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[nd]
        inputs = {"x": x, "weight": w}
        if b is not None:
            inputs["bias"] = b
        args = {"stride": stride, "padding": padding, "output_padding": output_padding, "dilation": dilation,
                "groups": groups}
        case(name, "conv_transpose%dd" % nd, args, inputs,
             lambda x, weight, bias=None: f(x, weight, bias, stride=stride, padding=padding,
                                            output_padding=output_padding, groups=groups, dilation=dilation))

    # Convolutions on random data
    conv("conv2d_stride_pad_dil", 2, rnd(g, 2, 3, 7, 6), rnd(g, 4, 3, 3, 2), rnd(g, 4), [2, 1], [1, 0], [1, 2], 1)
    conv("conv2d_groups_stride2_odd", 2, rnd(g, 2, 4, 9, 7), rnd(g, 6, 2, 3, 3), rnd(g, 6), [2, 2], [1, 1], [1, 1], 2)
    conv("conv2d_same_even_kernel", 2, rnd(g, 1, 2, 6, 5), rnd(g, 3, 2, 4, 3), None, [1, 1], None, [1, 1], 1, same=True)
    conv("conv2d_same_dilated", 2, rnd(g, 2, 2, 5, 7), rnd(g, 2, 2, 3, 2), rnd(g, 2), [1, 1], None, [2, 3], 1, same=True)
    conv("conv2d_1x1", 2, rnd(g, 2, 5, 4, 3), rnd(g, 3, 5, 1, 1), rnd(g, 3), [1, 1], [0, 0], [1, 1], 1)
    conv("conv2d_depthwise_dilated", 2, rnd(g, 2, 3, 8, 7), rnd(g, 6, 1, 3, 3), rnd(g, 6), [1, 1], [2, 2], [2, 2], 3)
    conv("conv1d_stride2", 1, rnd(g, 2, 3, 11), rnd(g, 4, 3, 3), rnd(g, 4), [2], [1], [1], 1)
    conv("conv3d_mixed", 3, rnd(g, 1, 2, 5, 6, 4), rnd(g, 3, 2, 3, 3, 2), rnd(g, 3), [1, 2, 1], [1, 1, 0], [1, 1, 1], 1)
    conv("conv3d_groups_dilated", 3, rnd(g, 2, 4, 5, 5, 5), rnd(g, 4, 2, 2, 2, 2), None, [1, 1, 1], [0, 1, 0], [2, 2, 2], 2)
    convt("conv_transpose2d_stride2_outpad", 2, rnd(g, 2, 4, 5, 4), rnd(g, 4, 3, 3, 3), rnd(g, 3), [2, 2], [1, 1],
          [1, 0], [1, 1], 1)
    convt("conv_transpose2d_groups_dilated", 2, rnd(g, 1, 4, 3, 5), rnd(g, 4, 2, 2, 3), None, [1, 2], [0, 1], [0, 1],
          [2, 1], 2)
    convt("conv_transpose2d_2x2_s2", 2, rnd(g, 2, 3, 3, 4), rnd(g, 3, 2, 2, 2), rnd(g, 2), [2, 2], [0, 0], [0, 0],
          [1, 1], 1)
    convt("conv_transpose3d_stride2", 3, rnd(g, 1, 3, 3, 4, 2), rnd(g, 3, 2, 2, 3, 2), rnd(g, 2), [2, 2, 2],
          [0, 1, 0], [1, 0, 1], [1, 1, 1], 1)

    # Real images: digits (zero background) through conv -> ReLU -> max pool; MNI crop through pooling.
    dig = digits(4) / 16.0
    wd = rnd(g, 3, 1, 3, 3, scale=0.5)
    case("digits_conv_relu_maxpool", "conv_relu_maxpool", {"padding": [1, 1], "kernel": [2, 2]},
         {"x": dig, "weight": wd},
         lambda x, weight: F.max_pool2d(F.relu(F.conv2d(x, weight, None, padding=1)), 2))
    case("digits_maxpool3_s2", "max_pool2d", {"kernel": [3, 3], "stride": [2, 2], "padding": [1, 1],
                                               "dilation": [1, 1], "ceil_mode": False},
         {"x": dig}, lambda x: F.max_pool2d(x, 3, 2, 1))
    mni = mni_crop()
    case("mni_maxpool3d_ceil", "max_pool3d", {"kernel": [2, 2, 2], "stride": [2, 2, 2], "padding": [0, 0, 0],
                                              "dilation": [1, 1, 1], "ceil_mode": True},
         {"x": mni}, lambda x: F.max_pool3d(x, 2, 2, 0, ceil_mode=True))
    case("mni_avgpool3d", "avg_pool3d", {"kernel": [3, 2, 2], "stride": [2, 2, 2], "padding": [1, 0, 1],
                                         "ceil_mode": False, "count_include_pad": True},
         {"x": mni}, lambda x: F.avg_pool3d(x, (3, 2, 2), 2, (1, 0, 1)))

    # Pooling on random data
    def maxpool(name, nd, x, k, s, p, d, ceil):
        f = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[nd]
        case(name, "max_pool%dd" % nd, {"kernel": k, "stride": s, "padding": p, "dilation": d, "ceil_mode": ceil},
             {"x": x}, lambda x: f(x, k, s, p, d, ceil_mode=ceil))

    def avgpool(name, nd, x, k, s, p, ceil, cip, div=None):
        f = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[nd]
        args = {"kernel": k, "stride": s, "padding": p, "ceil_mode": ceil, "count_include_pad": cip}
        if div:
            args["divisor_override"] = div
        kw = {"divisor_override": div} if nd > 1 else {}
        case(name, "avg_pool%dd" % nd, args, {"x": x}, lambda x: f(x, k, s, p, ceil, cip, **kw))

    maxpool("maxpool2d_k3s2p1", 2, rnd(g, 2, 3, 9, 8), [3, 3], [2, 2], [1, 1], [1, 1], False)
    maxpool("maxpool2d_dilated_ceil", 2, rnd(g, 1, 2, 7, 9), [2, 3], [2, 2], [1, 1], [1, 2], True)
    maxpool("maxpool3d_k3s2p1", 3, rnd(g, 1, 2, 5, 6, 7), [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], False)
    # Rounded values: many exact ties inside windows.
    maxpool("maxpool2d_ties", 2, torch.round(rnd(g, 1, 2, 6, 7)), [2, 2], [1, 1], [0, 0], [1, 1], False)
    avgpool("avgpool2d_include_pad", 2, rnd(g, 2, 2, 7, 6), [3, 3], [2, 2], [1, 1], False, True)
    avgpool("avgpool2d_exclude_pad_ceil", 2, rnd(g, 1, 2, 5, 7), [2, 2], [2, 2], [1, 1], True, False)
    avgpool("avgpool2d_divisor", 2, rnd(g, 1, 1, 5, 5), [2, 3], [1, 2], [0, 1], False, True, div=5)
    avgpool("avgpool3d", 3, rnd(g, 1, 2, 4, 5, 6), [2, 2, 2], [1, 2, 2], [0, 1, 1], False, True)
    case("adaptive_avgpool2d", "adaptive_avg_pool2d", {"output_size": [3, 4]}, {"x": rnd(g, 2, 2, 7, 9)},
         lambda x: F.adaptive_avg_pool2d(x, (3, 4)))
    case("adaptive_avgpool3d", "adaptive_avg_pool3d", {"output_size": [2, 3, 2]}, {"x": rnd(g, 1, 2, 5, 7, 3)},
         lambda x: F.adaptive_avg_pool3d(x, (2, 3, 2)))

    # Normalisation
    def bn(name, x, train, mom=0.1, eps=1e-5):
        c = x.shape[1]
        rm0 = rnd(g, c, scale=0.3)
        rv0 = torch.rand(c, generator=g) + 0.5
        state = {}

        def f(x, weight, bias):
            rm, rv = rm0.clone(), rv0.clone()
            y = F.batch_norm(x, rm, rv, weight, bias, training=train, momentum=mom, eps=eps)
            state["rm"], state["rv"] = rm, rv
            return y
        case(name, "batch_norm", {"training": train, "momentum": mom, "eps": eps},
             {"x": x, "weight": rnd(g, c), "bias": rnd(g, c)}, f,
             extra=lambda ts: {"running_mean_before": rm0, "running_var_before": rv0,
                               "running_mean_after": state["rm"], "running_var_after": state["rv"]})

    bn("batchnorm2d_train", rnd(g, 3, 4, 5, 6, scale=2.0) + 1.0, True)
    bn("batchnorm2d_eval", rnd(g, 2, 3, 4, 5), False)
    bn("batchnorm3d_train_momentum", rnd(g, 2, 3, 3, 4, 5), True, mom=0.3, eps=1e-3)
    case("groupnorm2d", "group_norm", {"groups": 3, "eps": 1e-5},
         {"x": rnd(g, 2, 6, 5, 4, scale=3.0), "weight": rnd(g, 6), "bias": rnd(g, 6)},
         lambda x, weight, bias: F.group_norm(x, 3, weight, bias, 1e-5))
    case("groupnorm3d", "group_norm", {"groups": 2, "eps": 1e-5},
         {"x": rnd(g, 2, 4, 3, 3, 2), "weight": rnd(g, 4), "bias": rnd(g, 4)},
         lambda x, weight, bias: F.group_norm(x, 2, weight, bias, 1e-5))

    # Upsampling
    def interp(name, x, size=None, scale=None, mode="nearest", align=None):
        args = {"size": size, "scale_factor": scale, "mode": mode, "align_corners": align}
        case(name, "interpolate", args, {"x": x},
             lambda x: F.interpolate(x, size=size, scale_factor=scale, mode=mode, align_corners=align))

    interp("nearest2d_scale2", rnd(g, 1, 2, 3, 4), scale=2.0)
    interp("nearest2d_size", rnd(g, 1, 2, 3, 4), size=[5, 7])
    interp("nearest3d_scale2", rnd(g, 1, 1, 2, 3, 2), scale=2.0)
    interp("bilinear_size_align_false", rnd(g, 1, 2, 4, 3), size=[7, 5], mode="bilinear", align=False)
    interp("bilinear_scale2_align_true", rnd(g, 2, 1, 3, 4), scale=2.0, mode="bilinear", align=True)
    interp("bilinear_scale1.5_align_false", rnd(g, 1, 1, 4, 6), scale=1.5, mode="bilinear", align=False)
    interp("trilinear_align_false", rnd(g, 1, 2, 3, 4, 2), size=[5, 6, 4], mode="trilinear", align=False)
    interp("trilinear_align_true", rnd(g, 1, 1, 3, 2, 4), size=[4, 5, 7], mode="trilinear", align=True)
    interp("linear1d_align_false", rnd(g, 2, 2, 5), size=[8], mode="linear", align=False)
    return cases


def write_op_refs():
    cases = op_cases()
    meta = [c for c, _ in cases]
    tensors = {}
    for _, t in cases:
        tensors.update(t)
    write_safetensors(os.path.join(HERE, "conv_ops.safetensors"), tensors)
    with open(os.path.join(HERE, "conv_ops.json"), "w") as f:
        json.dump({"generator": "gen_conv_refs.py", "torch": torch.__version__,
                   "loss": "sum(output * linspace(-1, 1, output.numel()).reshape(output.shape))",
                   "cases": meta}, f, indent=1)
    print("conv_ops: %d cases, %d tensors" % (len(cases), len(tensors)))



# --------------------------------------------------------------------------- networks
#
# PyTorch twins of Gyrus's blocks (same children, same names, same forward), and a builder that
# makes a torch module from a Gyrus network description (docs/network-format.md), so that one
# description drives both sides.

import math  # noqa: E402

from torch import nn  # noqa: E402


class SinusoidalEmbedding(nn.Module):
    def __init__(self, dim, max_period=10000.0):
        super().__init__()
        self.dim, self.max_period = dim, max_period

    def forward(self, t):
        half = self.dim // 2
        exponent = -math.log(self.max_period) * torch.arange(half, dtype=torch.float32) / (half - 1)
        args = t[:, None].float() * torch.exp(exponent)[None]
        emb = torch.cat([torch.sin(args), torch.cos(args)], dim=1)
        return F.pad(emb, (0, 1)) if self.dim % 2 else emb


def conv_nd(dims):
    return nn.Conv2d if dims == 2 else nn.Conv3d


class ResidualBlock(nn.Module):
    def __init__(self, dims, in_channels, out_channels, time_channels=0, groups=8, dropout=0.0):
        super().__init__()
        conv = conv_nd(dims)
        self.dims = dims
        self.norm1 = nn.GroupNorm(groups, in_channels)
        self.conv1 = conv(in_channels, out_channels, 3, padding=1)
        self.time_proj = nn.Linear(time_channels, out_channels) if time_channels else None
        self.norm2 = nn.GroupNorm(groups, out_channels)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = conv(out_channels, out_channels, 3, padding=1)
        self.skip = conv(in_channels, out_channels, 1) if in_channels != out_channels else None

    def forward(self, x, temb=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.time_proj is not None:
            h = h + self.time_proj(F.silu(temb)).reshape(h.shape[0], h.shape[1], *([1] * self.dims))
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        return (x if self.skip is None else self.skip(x)) + h


class AttentionBlock(nn.Module):
    def __init__(self, channels, heads=1, groups=8):
        super().__init__()
        self.norm = nn.GroupNorm(groups, channels)
        self.attn = nn.MultiheadAttention(channels, heads, batch_first=True)

    def forward(self, x):
        b, c = x.shape[:2]
        seq = self.norm(x).reshape(b, c, -1).transpose(1, 2)
        a, _ = self.attn(seq, seq, seq, need_weights=False)
        return x + a.transpose(1, 2).reshape(x.shape)


class Level(nn.Module):
    pass


class UNet(nn.Module):
    def __init__(self, dims, in_channels, out_channels, channels, attention_levels=(), mid_attention=True,
                 heads=1, groups=8, time_embedding=False, dropout=0.0):
        super().__init__()
        conv = conv_nd(dims)
        ch = list(channels)
        levels = len(ch)
        tdim = 4 * ch[0] if time_embedding else 0
        self.inc = conv(in_channels, ch[0], 3, padding=1)
        self.time_mlp = nn.Sequential(SinusoidalEmbedding(ch[0]), nn.Linear(ch[0], tdim), nn.SiLU(),
                                      nn.Linear(tdim, tdim)) if time_embedding else None
        self.down = nn.ModuleList()
        prev = ch[0]
        for i in range(levels):
            lv = Level()
            lv.res = ResidualBlock(dims, prev, ch[i], tdim, groups, dropout)
            if i in attention_levels:
                lv.attn = AttentionBlock(ch[i], heads, groups)
            if i < levels - 1:
                lv.down = conv(ch[i], ch[i], 3, stride=2, padding=1)
            self.down.append(lv)
            prev = ch[i]
        deep = ch[-1]
        self.mid = Level()
        self.mid.res1 = ResidualBlock(dims, deep, deep, tdim, groups, dropout)
        if mid_attention:
            self.mid.attn = AttentionBlock(deep, heads, groups)
        self.mid.res2 = ResidualBlock(dims, deep, deep, tdim, groups, dropout)
        self.up = nn.ModuleList()
        for i in reversed(range(levels)):
            below = deep if i == levels - 1 else ch[i + 1]
            lv = Level()
            if i < levels - 1:
                lv.upsample = conv(below, below, 3, padding=1)
            lv.res = ResidualBlock(dims, below + ch[i], ch[i], tdim, groups, dropout)
            if i in attention_levels:
                lv.attn = AttentionBlock(ch[i], heads, groups)
            self.up.append(lv)
        self.out_norm = nn.GroupNorm(groups, ch[0])
        self.out_conv = conv(ch[0], out_channels, 3, padding=1)
        self.levels = levels

    def forward(self, x, timesteps=None):
        temb = self.time_mlp(timesteps) if self.time_mlp is not None else None
        h = self.inc(x)
        skips = []
        for lv in self.down:
            h = lv.res(h, temb)
            if hasattr(lv, "attn"):
                h = lv.attn(h)
            skips.append(h)
            if hasattr(lv, "down"):
                h = lv.down(h)
        h = self.mid.res1(h, temb)
        if hasattr(self.mid, "attn"):
            h = self.mid.attn(h)
        h = self.mid.res2(h, temb)
        for j, lv in enumerate(self.up):
            i = self.levels - 1 - j
            if hasattr(lv, "upsample"):
                h = lv.upsample(F.interpolate(h, size=skips[i].shape[2:], mode="nearest"))
            h = lv.res(torch.cat([h, skips[i]], dim=1), temb)
            if hasattr(lv, "attn"):
                h = lv.attn(h)
        return self.out_conv(F.silu(self.out_norm(h)))


FORMAT, VERSION = "gyrus-network", 1


def build(spec):
    """A torch module from one module of a Gyrus network description."""
    t = spec["type"]
    o = {k: v for k, v in spec.items() if k != "type"}
    simple = {"Conv1d": nn.Conv1d, "Conv2d": nn.Conv2d, "Conv3d": nn.Conv3d, "ConvTranspose2d": nn.ConvTranspose2d,
              "ConvTranspose3d": nn.ConvTranspose3d, "MaxPool2d": nn.MaxPool2d, "MaxPool3d": nn.MaxPool3d,
              "AvgPool2d": nn.AvgPool2d, "AvgPool3d": nn.AvgPool3d, "AdaptiveAvgPool2d": nn.AdaptiveAvgPool2d,
              "AdaptiveAvgPool3d": nn.AdaptiveAvgPool3d, "BatchNorm2d": nn.BatchNorm2d, "BatchNorm3d": nn.BatchNorm3d,
              "GroupNorm": nn.GroupNorm, "LayerNorm": nn.LayerNorm, "Upsample": nn.Upsample, "Flatten": nn.Flatten,
              "Dropout": nn.Dropout, "Linear": nn.Linear, "ReLU": nn.ReLU, "LeakyReLU": nn.LeakyReLU, "ELU": nn.ELU,
              "GELU": nn.GELU, "SiLU": nn.SiLU, "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "Softplus": nn.Softplus,
              "SinusoidalEmbedding": SinusoidalEmbedding, "ResidualBlock": ResidualBlock,
              "AttentionBlock": AttentionBlock, "UNet": UNet}
    if t == "Sequential":
        return nn.Sequential(*[build(m) for m in o["layers"]])
    if t == "ModuleList":
        return nn.ModuleList([build(m) for m in o["modules"]])
    if t not in simple:
        raise ValueError("unknown layer type %r" % t)
    if "kernel_size" in o and isinstance(o.get("padding"), list):
        o["padding"] = tuple(o["padding"])
    for k in ("kernel_size", "stride", "dilation", "output_padding", "output_size", "size"):
        if isinstance(o.get(k), list):
            o[k] = tuple(o[k])
    return simple[t](**o)


def from_description(text):
    d = json.loads(text)
    if d.get("format") != FORMAT:
        raise ValueError("not a gyrus network description")
    if d["version"] > VERSION:
        raise ValueError("description version %d is newer than %d" % (d["version"], VERSION))
    return build(d["module"])


def description(module_spec):
    return json.dumps({"format": FORMAT, "version": VERSION, "module": module_spec}, separators=(",", ":"))


def state_dict_tensors(m):
    return {k: v.detach().clone() for k, v in m.state_dict().items()}


def grads_of(m, x, cond, tag, tensors):
    """Output and gradients of sum(out * linspace) w.r.t. the input and every parameter."""
    x = x.clone().requires_grad_(True)
    y = m(x) if cond is None else m(x, cond)
    (y * linspace_like(y)).sum().backward()
    tensors[tag + "/output"] = y.detach()
    tensors[tag + "/grad_x"] = x.grad
    for k, p in m.named_parameters():
        tensors[tag + "/grad/" + k] = p.grad.clone()
    return y


UNET2D = {"type": "UNet", "dims": 2, "in_channels": 1, "out_channels": 1, "channels": [4, 8, 8],
          "attention_levels": [1], "mid_attention": True, "heads": 2, "groups": 2, "time_embedding": True,
          "dropout": 0.0}
UNET3D = {"type": "UNet", "dims": 3, "in_channels": 2, "out_channels": 1, "channels": [2, 4],
          "attention_levels": [], "mid_attention": False, "heads": 1, "groups": 2, "time_embedding": False,
          "dropout": 0.0}
CLASSIFIER = {"type": "Sequential", "layers": [
    {"type": "Conv2d", "in_channels": 1, "out_channels": 4, "kernel_size": [3, 3], "stride": [1, 1],
     "padding": [1, 1], "dilation": [1, 1], "groups": 1, "bias": True},
    {"type": "BatchNorm2d", "num_features": 4, "eps": 1e-5, "momentum": 0.1, "affine": True,
     "track_running_stats": True},
    {"type": "ReLU"},
    {"type": "MaxPool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1],
     "ceil_mode": False},
    {"type": "Conv2d", "in_channels": 4, "out_channels": 8, "kernel_size": [3, 3], "stride": [2, 2],
     "padding": [1, 1], "dilation": [1, 1], "groups": 2, "bias": False},
    {"type": "GELU", "approximate": "tanh"},
    {"type": "Upsample", "size": None, "scale_factor": 2.0, "mode": "bilinear", "align_corners": False},
    {"type": "AvgPool2d", "kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0], "ceil_mode": False,
     "count_include_pad": True, "divisor_override": None},
    {"type": "AdaptiveAvgPool2d", "output_size": [1, 1]},
    {"type": "Flatten", "start_dim": 1, "end_dim": -1},
    {"type": "Linear", "in_features": 8, "out_features": 3, "bias": True}]}


def write_network_refs():
    torch.manual_seed(7)
    tensors = {}
    meta = {"generator": "gen_conv_refs.py", "torch": torch.__version__,
            "loss": "sum(output * linspace(-1, 1, output.numel()).reshape(output.shape))", "networks": {}}

    # PyTorch -> Gyrus: each network is built from its description, initialised by PyTorch, saved as a
    # network file (description in the metadata), and its output and gradients recorded.
    g = torch.Generator().manual_seed(99)
    nets = [("unet2d", UNET2D, rnd(g, 2, 1, 12, 10), torch.tensor([3.0, 41.0])),
            ("unet3d", UNET3D, rnd(g, 1, 2, 6, 5, 4), None),
            ("classifier", CLASSIFIER, digits(6) / 16.0, None)]
    for name, spec, x, cond in nets:
        net = from_description(description(spec))
        # Non-default norm affine values so the parity also covers them.
        with torch.no_grad():
            for k, p in net.named_parameters():
                if "norm" in k or k.startswith("1."):
                    p.add_(0.1 * torch.randn(p.shape, generator=g))
        write_safetensors(os.path.join(HERE, name + "_torch.safetensors"), state_dict_tensors(net),
                          {"gyrus.network": description(spec)})
        net.train()
        tensors[name + "/x"] = x
        if cond is not None:
            tensors[name + "/timesteps"] = cond
        grads_of(net, x, cond, name + "/train", tensors)
        entry = {"file": name + "_torch.safetensors", "timesteps": cond is not None}
        if name == "classifier":
            # Training mode updated the running statistics: record them, then the evaluation output.
            for k, v in net.state_dict().items():
                if "running" in k:
                    tensors[name + "/after_train/" + k] = v.clone()
            net.eval()
            with torch.no_grad():
                tensors[name + "/eval/output"] = net(x)
            entry["eval"] = True
        meta["networks"][name] = entry

    # Gyrus -> PyTorch: the network file Gyrus wrote (NetworkFileTest writes it with
    # -Dgyrus.nn.regenerate=true) is rebuilt from its own description and run here.
    gyrus_file = os.path.join(HERE, "unet_gyrus.safetensors")
    if os.path.exists(gyrus_file):
        state, fmeta = read_safetensors(gyrus_file)
        net = from_description(fmeta["gyrus.network"])
        missing, unexpected = net.load_state_dict(state, strict=True)
        net.eval()
        x = tensors["unet2d/x"]
        with torch.no_grad():
            y = net(x, tensors["unet2d/timesteps"])
        meta["gyrus_to_torch"] = {"file": "unet_gyrus.safetensors", "loaded_strict": True,
                                  "missing_keys": list(missing), "unexpected_keys": list(unexpected),
                                  "parameters": sum(p.numel() for p in net.parameters()),
                                  "input": "unet2d/x", "timesteps": "unet2d/timesteps"}
        tensors["gyrus_to_torch/output"] = y
    else:
        print("no unet_gyrus.safetensors yet: skipped the Gyrus -> PyTorch check", file=sys.stderr)
    write_safetensors(os.path.join(HERE, "networks.safetensors"), tensors)
    with open(os.path.join(HERE, "networks.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print("networks: %d tensors" % len(tensors))


if __name__ == "__main__":
    torch.manual_seed(0)
    write_op_refs()
    write_network_refs()
