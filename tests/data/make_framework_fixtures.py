#!/usr/bin/python3
"""Regenerates the framework fixtures in this folder: what PyTorch 1.13, llama.cpp's reference
quantizers, numpy.percentile and TensorRT's published entropy calibration give for a few small
tensors. Needs NumPy and PyTorch (Debian: python3-numpy, python3-torch); the tests need neither.

    /usr/bin/python3 tests/data/make_framework_fixtures.py
"""
import json
import math
import pathlib

import numpy as np
import torch

here = pathlib.Path(__file__).resolve().parent


def save(name, array):
    np.save(here / name, array, allow_pickle=False)


# Weights with very different channels: scales over two decades, heavy tails, a few outliers,
# an all-positive channel and a constant one.
rng = np.random.RandomState(21)
w = rng.standard_t(3, size=(16, 72)) * np.exp(np.linspace(-4, 0, 16))[:, None]
w[3, 5] = 25 * np.abs(w[3]).max()
w[7] = np.abs(w[7])
w[11] = 0.375
w = w.astype(np.float32)
save("pt_weights.npy", w)
t = torch.from_numpy(w)

expected = {}


def observe(observer, name, per_channel=False):
    observer(t)
    scale, zero_point = observer.calculate_qparams()
    if per_channel:
        codes = torch.quantize_per_channel(t, scale.double(), zero_point, 0, observer.dtype)
    else:
        codes = torch.quantize_per_tensor(t, float(scale), int(zero_point), observer.dtype)
    save(f"pt_{name}_codes.npy", codes.int_repr().numpy().astype(np.int32))
    expected[name] = {"scale": [float(s) for s in scale.reshape(-1)],
                      "zero_point": [int(z) for z in zero_point.reshape(-1)]}


from torch.ao.quantization.observer import (HistogramObserver, MinMaxObserver,
                                            PerChannelMinMaxObserver)

observe(MinMaxObserver(dtype=torch.quint8, qscheme=torch.per_tensor_affine), "minmax_affine_quint8")
observe(MinMaxObserver(dtype=torch.qint8, qscheme=torch.per_tensor_symmetric), "minmax_symmetric_qint8")
observe(PerChannelMinMaxObserver(ch_axis=0, dtype=torch.qint8, qscheme=torch.per_channel_symmetric),
        "perchannel_symmetric_qint8", per_channel=True)

# HistogramObserver on a heavy-tailed tensor: the MSE calibration must not do worse.
h = (np.random.RandomState(5).laplace(0, 1, 20000)).astype(np.float32)
h[123] = 40.0
save("pt_histogram_input.npy", h)
for name, dtype, qscheme in [("histogram_affine_quint8", torch.quint8, torch.per_tensor_affine),
                             ("histogram_symmetric_qint8", torch.qint8, torch.per_tensor_symmetric)]:
    observer = HistogramObserver(dtype=dtype, qscheme=qscheme)
    observer(torch.from_numpy(h))
    scale, zero_point = observer.calculate_qparams()
    expected[name] = {"scale": [float(scale)], "zero_point": [int(zero_point)]}

# numpy.percentile (default linear interpolation).
expected["percentile"] = {
    "p99.9": [float(np.percentile(h, 0.1)), float(np.percentile(h, 99.9))],
    "p99.99_abs": float(np.percentile(np.abs(h), 99.99)),
    "p97_weights": [float(np.percentile(w, 3)), float(np.percentile(w, 97))],
}


# TensorRT's entropy calibration as published (Migacz, GTC 2017), written independently of the
# C++ implementation: 2048 bins of |x|, candidates 128..2048, 128 levels, smoothing of Q.
def kl_threshold(x, bins=2048, start=128, levels=128, eps=1e-4):
    a = np.abs(x[np.isfinite(x)]).astype(np.float64)
    amax = a.max()
    width = amax / bins
    hist = np.zeros(bins)
    for v in a:
        hist[min(bins - 1, int(v / width))] += 1
    best, best_i = math.inf, bins
    for i in range(start, bins + 1):
        p = hist[:i].copy()
        p[i - 1] += hist[i:].sum()
        merged = i // levels
        q = np.zeros(i)
        for j in range(levels):
            lo = j * merged
            hi = i if j == levels - 1 else lo + merged
            nonzero = (p[lo:hi] > 0).sum()
            if nonzero:
                q[lo:hi] = np.where(p[lo:hi] > 0, hist[lo:hi].sum() / nonzero, 0)
        holes = ((q == 0) & (p > 0)).sum()
        filled = (q > 0).sum()
        give = eps if holes else 0.0
        take = give * holes / filled if filled else 0.0
        pn = p / p.sum()
        qn = np.where(q > 0, q / q.sum() - take, give)
        mask = pn > 0
        d = float(np.sum(pn[mask] * np.log(pn[mask] / qn[mask])))
        if d < best:
            best, best_i = d, i
    return min(amax, (best_i + 0.5) * width), best_i


threshold, bin_ = kl_threshold(h)
expected["kl_laplace"] = {"threshold": threshold, "bin": bin_}


# llama.cpp's quantize_row_q8_0_reference and quantize_row_q4_0_reference, in float32.
def roundf(x):  # C roundf: half away from zero, exact for float32
    t = np.trunc(x)
    return t + np.where(np.abs(x - t) >= 0.5, np.sign(x), 0).astype(np.float32)


def q8_0(row):
    out_d, out_q = [], []
    for block in row.reshape(-1, 32):
        amax = np.float32(np.abs(block).max())
        d = np.float32(amax / np.float32(127))
        inv = np.float32(1) / d if d != 0 else np.float32(0)
        out_d.append(np.float16(d))
        out_q.append(roundf((block * inv).astype(np.float32)))
    return np.array(out_d), np.concatenate(out_q).astype(np.int32)


def q4_0(row):
    out_d, out_q = [], []
    for block in row.reshape(-1, 32):
        peak = block[np.argmax(np.abs(block))]  # the first value of largest magnitude
        d = np.float32(peak / np.float32(-8))
        inv = np.float32(1) / d if d != 0 else np.float32(0)
        out_d.append(np.float16(d))
        v = (block * inv).astype(np.float32) + np.float32(8.5)
        out_q.append(np.minimum(15, np.trunc(v)).astype(np.int32))
    return np.array(out_d), np.concatenate(out_q)


lw = (np.random.RandomState(9).normal(0, 1, (4, 96)) * np.array([[1], [0.01], [5], [1]])).astype(np.float32)
lw[3, :32] = 0.0  # an all-zero block
lw[2, 40] = -30.0  # a negative peak: d > 0
save("llama_weights.npy", lw)
for name, fn in [("q8_0", q8_0), ("q4_0", q4_0)]:
    ds, qs = zip(*(fn(row) for row in lw))
    expected[f"llama_{name}"] = {"d": [float(d) for d in np.concatenate(ds)]}
    save(f"llama_{name}_codes.npy", np.concatenate(qs).reshape(lw.shape).astype(np.int32))

# A real model tensor, when it is beside the project (the same folder CMake's
# QUANTSCOPE_REAL_DATA_DIR defaults to). Only PyTorch's parameters and checksums of its codes
# are stored, never the data.
real = here.parents[1].parent / "shared" / "data" / "real" / "silero_vad_v5" / "encoder.3.reparam_conv.weight.npy"
if real.exists():
    r = torch.from_numpy(np.load(real))
    entry = {}
    for name, observer, per_channel in [
            ("minmax_affine_quint8", MinMaxObserver(dtype=torch.quint8, qscheme=torch.per_tensor_affine), False),
            ("perchannel_symmetric_qint8",
             PerChannelMinMaxObserver(ch_axis=0, dtype=torch.qint8, qscheme=torch.per_channel_symmetric), True),
            ("histogram_symmetric_qint8", HistogramObserver(dtype=torch.qint8, qscheme=torch.per_tensor_symmetric),
             False)]:
        observer(r)
        scale, zero_point = observer.calculate_qparams()
        if per_channel:
            q = torch.quantize_per_channel(r, scale.double(), zero_point, 0, observer.dtype)
        else:
            q = torch.quantize_per_tensor(r, float(scale), int(zero_point), observer.dtype)
        codes = q.int_repr().numpy().astype(np.int64)
        entry[name] = {"scale": [float(x) for x in scale.reshape(-1)],
                       "zero_point": [int(z) for z in zero_point.reshape(-1)],
                       "code_sum": int(codes.sum()), "code_square_sum": int((codes * codes).sum())}
    expected["real_silero_encoder3"] = entry

(here / "framework_expected.json").write_text(json.dumps(expected, indent=1) + "\n")
