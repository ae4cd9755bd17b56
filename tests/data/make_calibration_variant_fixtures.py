#!/usr/bin/python3
"""Regenerates the calibration-variant fixtures in this folder: calib_variant_*.npy (small generated
float32 tensors) and calibration_variants_expected.json (what pytorch-quantization, onnxruntime and
MXNet compute for them and for a few real weight tensors). Each framework's calibration is restated
here from its published source in NumPy (and PyTorch for the torch ops), independently of the C++
code; the comments name the repository and function restated. Needs NumPy and SciPy, and PyTorch for
torch.histc / torch.linspace / the fake quantisation (Debian: python3-numpy, python3-scipy,
python3-torch; without PyTorch an emulation is used and "torch" is null in the json). The real
tensors are read from the data folder given as the first argument (default ../../../shared/data/real
from this folder) and are referenced by path and member, never copied here.

    /usr/bin/python3 tests/data/make_calibration_variant_fixtures.py [DATA_DIR]

Conventions of the json (one case per line):
  amax        pytorch-quantization and mxnet: the threshold (float32 value, exact in a double).
  range       onnxruntime: the (lo, hi) pair (float32 values).
  acceptable  every result whose score lies within a relative 1e-6 (pytorch KL: float64 scores) or
              1e-5 (float32 scores: onnxruntime, mxnet, pytorch MSE) of the best score, in the order
              of the source's candidate loop; always contains the chosen one.
  best_score  the divergence / mse at the choice (null for percentile).
  candidate   the source's loop variable at the choice: pytorch KL bin i (amax = edges[i]), pytorch
              MSE i (amax = centers[i]), onnxruntime / mxnet entropy the half width i, percentile the
              searchsorted idx (onnxruntime two-sided: idx_right, with idx_left in candidate_left).
"""
import ctypes
import ctypes.util
import json
import pathlib
import sys
import time

import numpy as np
import scipy
from scipy.stats import entropy

try:
    import torch
except ImportError:  # the emulations below reproduce torch 1.13 on x86-64 (AVX2 kernels)
    torch = None

here = pathlib.Path(__file__).resolve().parent
data_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / ".." / ".." / ".." / "shared" / "data" / "real"
f32 = np.float32
REL_F64 = 1e-6
REL_F32 = 1e-5


# ---------------------------------------------------------------------------------------------
# Tensors
# ---------------------------------------------------------------------------------------------
def generated_tensors():
    """Heavy-tailed tensors, reproducible with np.random.RandomState."""
    out = []
    rs = np.random.RandomState(101)
    out.append(("student_t3", rs.standard_t(3, 20000)))
    rs = np.random.RandomState(102)
    out.append(("laplace", rs.laplace(0.0, 0.5, 20000)))
    # ReLU-like: non-negative, a natural spike of exact zeros plus 15 % more forced to zero.
    rs = np.random.RandomState(103)
    r = np.maximum(rs.standard_t(5, 12000) * 0.8 + 0.3, 0.0)
    r[rs.rand(12000) < 0.15] = 0.0
    out.append(("relu_spike", r))
    # 300 values with a few outliers: most histogram bins are empty.
    rs = np.random.RandomState(104)
    s = rs.normal(0.0, 0.05, 300)
    s[[7, 100, 201, 299]] = [2.5, -1.75, 4.0, 0.9]
    out.append(("small_outliers", s))
    # 300 values in two clusters away from zero, outliers setting th = 4 and a single value at
    # 0.062 * th: pytorch-quantization's bins[:128] are not all empty (no 0/0), while onnxruntime
    # (2048 bins, half widths 64..127) and mxnet (half widths 127..247) meet an empty centre,
    # q all zero and an infinite divergence.
    rs = np.random.RandomState(106)
    g = rs.choice([-1.0, 1.0], 300) * np.clip(0.8 + 0.08 * rs.standard_normal(300), 0.6, 1.0)
    g[[3, 150, 260]] = [4.0, -3.0, 2.2]
    g[42] = 0.062 * 4.0
    out.append(("small_gap", g))
    # Mostly positive (gamma) with a long negative (Pareto) tail.
    rs = np.random.RandomState(105)
    a = np.concatenate([rs.gamma(2.0, 0.5, 15000), -0.5 * rs.pareto(1.5, 1000)])
    rs.shuffle(a)
    out.append(("asymmetric", a))
    return [(name, np.ascontiguousarray(v, dtype=f32)) for name, v in out]


REAL = [
    ("silero_vad_v5/silero_vad_v5_16k.npz", "encoder.0.reparam_conv.weight"),
    ("silero_vad_v5/silero_vad_v5_16k.npz", "encoder.3.reparam_conv.weight"),
    ("silero_vad_v5/silero_vad_v5_16k.npz", "decoder.rnn.weight_ih"),
    ("upscaler_tfjs/upscaler_default.npz", "F_0__kernel"),
    ("upscaler_tfjs/upscaler_default.npz", "UPN1__kernel"),
]


# ---------------------------------------------------------------------------------------------
# torch.linspace / torch.histc (float32, CPU). With torch present the real ops are used; the
# emulations are what torch 1.13 computes on x86-64 (checked by check_torch_emulation below).
# ---------------------------------------------------------------------------------------------
def emulated_linspace(end, steps):
    """pytorch/pytorch aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp linspace_kernel, start 0,
    float32, AVX2 (Vectorized<float>::size() == 8): vectorised blocks of 8 whose base is
    start + step*idx (idx < steps/2) or end - step*(steps-idx-1) rounded once (FMA-contracted), then
    base + k*step for k = 0..7; the tail (steps % 16 elements) uses the scalar formula."""
    end = f32(end)
    step = f32(end / f32(steps - 1))
    half = steps // 2
    out = np.empty(steps, f32)

    def base(i):
        if i < half:
            return f32(np.float64(step) * i)
        return f32(np.float64(end) - np.float64(step) * (steps - i - 1))

    vec = 8
    i = 0
    while i <= steps - 2 * vec:
        for _ in range(2):
            b = base(i)
            out[i:i + vec] = b + np.arange(vec, dtype=f32) * step
            i += vec
    for j in range(i, steps):
        out[j] = base(j)
    return out


def emulated_histc(x, bins, x_max):
    """pytorch/pytorch aten/src/ATen/native/cpu/HistogramKernel.cpp, LINEAR_INTERPOLATION (histc:
    no local search): pos = (int64)((x - leftmost) * bins / (rightmost - leftmost)) in float32,
    pos == bins -> bins - 1."""
    pos = np.trunc((x * f32(bins)) / f32(x_max)).astype(np.int64)
    pos[pos == bins] = bins - 1
    return np.bincount(pos, minlength=bins).astype(f32)


def pq_collect(x, num_bins=2048):
    """NVIDIA/TensorRT tools/pytorch-quantization/pytorch_quantization/calib/histogram.py
    HistogramCalibrator.collect (torch_hist=True, first batch) followed by compute_amax's
    `calib_hist = self._calib_hist.int().cpu().numpy()`, `calib_bin_edges = ....numpy()`."""
    if torch is not None:
        t = torch.from_numpy(x)
        if torch.min(t) < 0.:
            t = t.abs()
        t = t.float()
        with torch.no_grad():
            x_max = t.max()
            hist = torch.histc(t, bins=num_bins, min=0, max=x_max)
            edges = torch.linspace(0, x_max, num_bins + 1)
        return hist.int().numpy(), edges.numpy()
    a = np.abs(x) if x.min() < 0 else x
    x_max = a.max()
    return emulated_histc(a, num_bins, x_max).astype(np.int32), emulated_linspace(x_max, num_bins + 1)


def check_torch_emulation(tensors):
    """Prints whether torch.linspace(0, m, 2049) equals the scalar formula and the emulation, and
    whether torch.histc equals the truncation formula, for the |x| of every tensor."""
    if torch is None:
        print("torch not available: emulated histc / linspace used")
        return
    lin_scalar_bad, lin_emul_bad, histc_bad, idx_bad = 0, 0, 0, []
    for _, x in tensors:
        a = np.abs(x) if x.min() < 0 else x
        m = f32(a.max())
        t = torch.from_numpy(a)
        e = torch.linspace(0, t.max(), 2049).numpy()
        steps = 2049
        step = f32(m / f32(steps - 1))
        i = np.arange(steps)
        scalar = np.where(i < steps // 2, f32(0) + step * i.astype(f32),
                          m - step * (steps - i - 1).astype(f32)).astype(f32)
        bad = np.nonzero(e != scalar)[0]
        lin_scalar_bad += bool(bad.size)
        idx_bad.append(bad.size)
        lin_emul_bad += not np.array_equal(e, emulated_linspace(m, steps))
        h = torch.histc(t, bins=2048, min=0, max=t.max()).numpy()
        histc_bad += not np.array_equal(h, emulated_histc(a, 2048, m))
    print(f"torch.linspace vs scalar formula: {lin_scalar_bad}/{len(tensors)} tensors differ "
          f"(differing indices per tensor: {idx_bad}); vs emulation: {lin_emul_bad} differ")
    print(f"torch.histc vs truncation formula: {histc_bad}/{len(tensors)} tensors differ")


# ---------------------------------------------------------------------------------------------
# pytorch-quantization (NVIDIA/TensorRT tools/pytorch-quantization)
# ---------------------------------------------------------------------------------------------
def pq_entropy(calib_hist, calib_bin_edges, num_bits, unsigned, start_bin=128):
    """calib/histogram.py _compute_amax_entropy (stride 1). The per-bin Python loops of the source
    are vectorised with bincount; the sums are of integers in float64, hence exact in any order."""
    bins = calib_hist.copy()  # the source's `bins = calib_hist[:]` view; the hist is rebuilt per call
    bins[0] = bins[1]
    total_data = np.sum(bins)
    nbins = 1 << (num_bits - 1 + int(unsigned))
    divergences, arguments = [], []
    for i in range(start_bin, len(bins) + 1):
        space = np.linspace(0, i, num=nbins + 1)
        digitized_space = np.digitize(range(i), space) - 1
        digitized_space[bins[:i] == 0] = -1
        keep = digitized_space != -1
        levels = digitized_space[keep]
        new_density_counts = np.bincount(levels, weights=bins[:i][keep], minlength=nbins)
        counter = np.bincount(levels, minlength=nbins)
        nonempty = counter > 0
        new_density_counts[nonempty] = new_density_counts[nonempty] / counter[nonempty]
        new_density = np.zeros(i, dtype=np.float64)
        new_density[keep] = new_density_counts[levels]
        total_counts_new = np.sum(new_density) + np.sum(bins[i:])
        reference_density = np.array(bins[:len(digitized_space)])
        reference_density[-1] += np.sum(bins[i:])
        total_counts_old = np.sum(reference_density)
        if round(total_counts_new) != total_data or round(total_counts_old) != total_data:
            raise RuntimeError("Count mismatch")
        divergences.append(entropy(reference_density, new_density))
        arguments.append(i)
    divergences = np.array(divergences)
    last_argmin = len(divergences) - 1 - np.argmin(divergences[::-1])
    results = [f32(calib_bin_edges[i]) for i in arguments]
    return results, divergences, int(last_argmin), arguments


def pq_percentile(calib_hist, calib_bin_edges, percentile):
    """calib/histogram.py _compute_amax_percentile."""
    total = calib_hist.sum()
    cdf = np.cumsum(calib_hist / total)
    idx = int(np.searchsorted(cdf, percentile / 100))
    return f32(calib_bin_edges[idx]), idx


def pq_mse(calib_hist, calib_bin_edges, num_bits, unsigned, start_bin=128):
    """calib/histogram.py _compute_amax_mse with tensor_quant.py fake_tensor_quant (narrow_range
    default True). The source runs on CUDA (tensor_quant_gpu.cu fake_tensor_quant_device: scale =
    max_bound/amax, rint, clamp, /scale, all float32); here the CPU path (_tensor_quant, the same
    float32 arithmetic, torch.round = round half to even like rint) and a CPU float32 mean."""
    if torch is not None:
        counts = torch.from_numpy(calib_hist[:]).float()
        edges = torch.from_numpy(calib_bin_edges[:]).float()
        centers = (edges[1:] + edges[:-1]) / 2
        max_bound = torch.tensor((2.0 ** (num_bits - 1 + int(unsigned))) - 1.0)
        min_bound = 0 if unsigned else -max_bound
        mses, arguments = [], []
        for i in range(start_bin, len(centers)):
            amax = centers[i]
            scale = max_bound / amax
            outputs = torch.clamp((centers * scale).round_(), min_bound, max_bound)
            quant_centers = outputs / scale
            mse = ((quant_centers - centers) ** 2 * counts).mean()
            mses.append(mse.item())
            arguments.append(i)
        centers = centers.numpy()
    else:
        counts = calib_hist.astype(f32)
        edges = calib_bin_edges.astype(f32)
        centers = (edges[1:] + edges[:-1]) / f32(2)
        max_bound = f32(2.0 ** (num_bits - 1 + int(unsigned)) - 1.0)
        min_bound = f32(0) if unsigned else -max_bound
        mses, arguments = [], []
        for i in range(start_bin, len(centers)):
            scale = max_bound / centers[i]
            q = np.clip(np.round(centers * scale), min_bound, max_bound) / scale
            mses.append(float(np.mean((q - centers) ** 2 * counts, dtype=f32)))
            arguments.append(i)
    mses = np.array(mses, dtype=f32)
    argmin = int(np.argmin(mses))
    results = [f32(centers[i]) for i in arguments]
    return results, mses, argmin, arguments


# ---------------------------------------------------------------------------------------------
# onnxruntime (microsoft/onnxruntime onnxruntime/python/tools/quantization)
# ---------------------------------------------------------------------------------------------
def ort_collect_value(x, num_bins):
    """calibrate.py HistogramCollector.collect_value (first batch)."""
    data_arr = x.flatten()
    min_value = np.nanmin(data_arr)
    max_value = np.nanmax(data_arr)
    threshold = np.array(max(abs(min_value), abs(max_value)), dtype=data_arr.dtype)
    hist, hist_edges = np.histogram(data_arr, num_bins, range=(-threshold, threshold))
    return hist, hist_edges, min_value, max_value, threshold


def ort_collect_absolute_value(x, num_bins):
    """calibrate.py HistogramCollector.collect_absolute_value (first batch)."""
    data_arr_np = x.flatten()
    min_value = np.nanmin(data_arr_np)
    max_value = np.nanmax(data_arr_np)
    data_arr_np = np.absolute(data_arr_np)
    hist, hist_edges = np.histogram(data_arr_np, bins=num_bins)
    hist_edges = hist_edges.astype(data_arr_np.dtype)
    return hist, hist_edges, min_value, max_value


def ort_smooth_distribution(p, eps=0.0001):
    """quant_utils.py smooth_distribution (returns None when all entries are 0)."""
    is_zeros = (p == 0).astype(np.float32)
    is_nonzeros = (p != 0).astype(np.float32)
    n_zeros = is_zeros.sum()
    n_nonzeros = p.size - n_zeros
    if not n_nonzeros:
        return None
    eps1 = eps * float(n_zeros) / float(n_nonzeros)
    assert eps1 < 1.0
    hist = p.astype(np.float32)
    hist += eps * is_zeros + (-eps1) * is_nonzeros
    assert (hist <= 0).sum() == 0
    return hist


def ort_clip(pair, min_value, max_value):
    lo, hi = pair
    if lo < min_value:
        lo = min_value
    if hi > max_value:
        hi = max_value
    return (f32(lo), f32(hi))


def ort_entropy(x, num_bins, num_quantized_bins=128):
    """calibrate.py HistogramCollector.get_entropy_threshold on the collect_value histogram. The
    Python sums over slices (integers) are vectorised; everything else keeps the source's dtypes."""
    histogram = ort_collect_value(x, num_bins)
    hist, hist_edges = histogram[0], histogram[1]
    num_bins = hist.size
    zero_bin_index = num_bins // 2
    num_half_quantized_bin = num_quantized_bins // 2
    dtype = hist_edges.dtype
    kl_divergence = np.zeros(zero_bin_index - num_half_quantized_bin + 1)
    thresholds, arguments = [], []
    prefix = np.concatenate([[0], np.cumsum(hist)])  # exact integer prefix sums
    nq = num_quantized_bins
    for i in range(num_half_quantized_bin, zero_bin_index + 1, 1):
        start_index = zero_bin_index - i
        end_index = min(zero_bin_index + i + 1, num_bins)
        thresholds.append((hist_edges[start_index], hist_edges[end_index]))
        arguments.append(i)
        sliced_distribution = hist[start_index:end_index].copy()
        p = sliced_distribution.copy()
        p[0] += prefix[start_index]                # left_outliers_count = sum(hist[:start_index])
        p[-1] += prefix[-1] - prefix[end_index]    # right_outliers_count = sum(hist[end_index:])
        nonzeros = (p != 0).astype(np.int64)
        num_merged_bins = sliced_distribution.size // nq
        used = nq * num_merged_bins
        quantized_bins = sliced_distribution[:used].reshape(nq, num_merged_bins).sum(axis=1)
        quantized_bins[-1] += sliced_distribution[used:].sum()
        # q[start:end] = quantized_bins[index] / norm into an int64 array: truncation; bins past
        # nq * num_merged_bins keep q = 0.
        norm = nonzeros[:used].reshape(nq, num_merged_bins).sum(axis=1)
        level = np.zeros(nq, dtype=np.int64)
        has = norm != 0
        level[has] = quantized_bins[has] / norm[has]
        q = np.zeros(p.size, dtype=np.int64)
        q[:used] = np.repeat(level, num_merged_bins)
        p = ort_smooth_distribution(p)
        q = ort_smooth_distribution(q)
        if p is None or q is None:
            div = np.array(np.inf, dtype=dtype)
        else:
            div = np.array(entropy(p, q), dtype=dtype)
        kl_divergence[i - num_half_quantized_bin] = div
    min_kl_divergence_idx = int(np.argmin(kl_divergence))
    min_value, max_value = histogram[2], histogram[3]
    results = [ort_clip(t, min_value, max_value) for t in thresholds]
    return results, kl_divergence, min_kl_divergence_idx, arguments


def ort_percentile(x, percentile, symmetric, num_bins=2048):
    """calibrate.py HistogramCollector.collect (percentile) + compute_percentile."""
    if symmetric:
        hist, hist_edges, min_value, max_value = ort_collect_absolute_value(x, num_bins)
    else:
        hist, hist_edges, min_value, max_value, _ = ort_collect_value(x, num_bins)
    total = hist.sum()
    cdf = np.cumsum(hist / total)
    if symmetric:
        idx_right = int(np.searchsorted(cdf, percentile / 100.0))
        idx_left = None
        pair = (-np.array(hist_edges[idx_right], dtype=hist_edges.dtype),
                np.array(hist_edges[idx_right], dtype=hist_edges.dtype))
    else:
        percent_to_cut_one_side = (100.0 - percentile) / 200.0
        idx_right = int(np.searchsorted(cdf, 1.0 - percent_to_cut_one_side))
        idx_left = int(np.searchsorted(cdf, percent_to_cut_one_side))
        pair = (np.array(hist_edges[idx_left], dtype=hist_edges.dtype),
                np.array(hist_edges[idx_right], dtype=hist_edges.dtype))
    return ort_clip(pair, min_value, max_value), idx_right, idx_left


# ---------------------------------------------------------------------------------------------
# MXNet (apache/mxnet src/operator/quantization/calibrate.cc), float32 throughout
# ---------------------------------------------------------------------------------------------
def seq_sum_f32(a):
    """std::accumulate(begin, end, 0.f): sequential float32 sum."""
    return np.cumsum(a, dtype=f32)[-1] if a.size else f32(0)


def mx_smooth_distribution(p, eps=f32(0.0001)):
    """calibrate.cc SmoothDistribution: empty (None) when all zero or eps1 >= 1."""
    is_zeros = p == 0
    n_zeros = int(np.count_nonzero(is_zeros))
    n_nonzeros = p.size - n_zeros
    if not n_nonzeros:
        return None
    eps1 = f32(f32(eps * f32(n_zeros)) / f32(n_nonzeros))
    if eps1 >= 1.0:
        return None
    # ret[i] += eps * is_zeros[i] - eps1 * is_nonzeros[i]
    delta = np.where(is_zeros, f32(eps - f32(0)), f32(f32(0) - eps1)).astype(f32)
    return (p + delta).astype(f32)


def _make_logf():
    """std::log(float) is the C library's logf: glibc's logf is called through ctypes (it is not
    correctly rounded, and NumPy's float32 log differs from it); without it the float64 log
    rounded to float32 is used."""
    try:
        fn = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6").logf
        fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float]
    except (OSError, AttributeError):
        return (lambda a: np.log(a.astype(np.float64)).astype(f32)), "float64 log rounded to float32"

    def logf(a):
        u, inverse = np.unique(a, return_inverse=True)
        return np.array([fn(v) for v in u.tolist()], dtype=f32)[inverse]
    return logf, "C library logf"


logf, logf_name = _make_logf()


def mx_compute_entropy(p, q):
    """calibrate.cc ComputeEntropy: float32 sums, ret += p[i] * std::log(p[i] / q[i])."""
    p = p / seq_sum_f32(p)
    q = q / seq_sum_f32(q)
    assert (p > 0).all() and (q > 0).all()
    ratio = (p / q).astype(f32)
    terms = (p * logf(ratio)).astype(f32)
    return seq_sum_f32(terms)


def mx_histogram(x, num_bins=8001):
    """apache/mxnet python/mxnet/contrib/quantization.py: th = max(|min|, |max|),
    np.histogram(arr, bins=num_bins, range=(-th, th)), passed to the op as float32 NDArrays."""
    th = max(abs(np.min(x)), abs(np.max(x)))
    hist, hist_edges = np.histogram(x, bins=num_bins, range=(-th, th))
    return hist.astype(f32), hist_edges.astype(f32)


def mx_entropy(x, num_quantized_bins=255):
    return mx_calibrate(*mx_histogram(x), num_quantized_bins)


def mx_calibrate(hist, hist_edges, num_quantized_bins):
    """calibrate.cc CalibrateComputeCPU."""
    num_bins = hist.size
    zero_bin_idx = num_bins // 2
    nq = num_quantized_bins
    thresholds, divergence, arguments = [], [], []
    prefix = np.cumsum(hist, dtype=f32)  # p[0] += hist_ptr[j] for j <= p_bin_idx_start
    for i in range(num_quantized_bins // 2, zero_bin_idx + 1):
        p_bin_idx_start = zero_bin_idx - i
        p_bin_idx_stop = zero_bin_idx + i + 1
        thresholds.append(hist_edges[p_bin_idx_stop])
        arguments.append(i)
        size = p_bin_idx_stop - p_bin_idx_start
        p = hist[p_bin_idx_start:p_bin_idx_stop].copy()
        p[0] = prefix[p_bin_idx_start]
        # p.back() = hist[stop-1], then += hist[j] for j >= stop, in order
        p[-1] = seq_sum_f32(hist[p_bin_idx_stop - 1:])
        sliced = hist[p_bin_idx_start:p_bin_idx_stop].astype(np.int64)  # size_t copies
        sliced[0] = 0  # bin p_bin_idx_start went into p[0] only
        num_merged_bins = size // nq
        used = nq * num_merged_bins
        quantized_bins = sliced[:used].reshape(nq, num_merged_bins).sum(axis=1).astype(f32)
        quantized_bins[-1] = f32(quantized_bins[-1] + f32(sliced[used:].sum()))
        # expand; the last quantized bin runs to the end; q[k] only where p[k] != 0
        level_of = np.minimum(np.arange(size) // num_merged_bins, nq - 1)
        norm = np.bincount(level_of, weights=(sliced != 0), minlength=nq).astype(np.int64)
        value = np.zeros(nq, f32)
        has = norm != 0
        value[has] = quantized_bins[has] / norm[has].astype(f32)
        q = np.where((p != 0) & has[level_of], value[level_of], f32(0)).astype(f32)
        p = mx_smooth_distribution(p)
        q = mx_smooth_distribution(q)
        if q is None:
            divergence.append(f32(np.inf))
        else:
            divergence.append(mx_compute_entropy(p, q))
    divergence = np.array(divergence, dtype=f32)
    min_divergence_idx = 0
    min_divergence = np.finfo(f32).max
    for k, d in enumerate(divergence):
        if d < min_divergence:
            min_divergence = d
            min_divergence_idx = k
    results = [f32(t) for t in thresholds]
    return results, divergence, min_divergence_idx, arguments


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------
def jfloat(v):
    return float(f32(v))


def jresult(r):
    return [jfloat(r[0]), jfloat(r[1])] if isinstance(r, tuple) else jfloat(r)


def acceptable(results, scores, chosen, rel):
    best = scores[chosen]
    out = []
    for r, s in zip(results, scores):
        ok = (s == best) if not np.isfinite(best) or best == 0 else abs(float(s) - float(best)) <= rel * abs(float(best))
        if ok:
            j = jresult(r)
            if j not in out:
                out.append(j)
    assert jresult(results[chosen]) in out
    return out


def searched(case, results, scores, chosen, arguments, rel, key):
    best = float(scores[chosen])
    case[key] = jresult(results[chosen])
    case["acceptable"] = acceptable(results, scores, chosen, rel)
    case["best_score"] = best if np.isfinite(best) else None
    case["candidate"] = int(arguments[chosen])
    return case


def cases_for(ref, x):
    out = []
    base = {"tensor": ref}
    hist, edges = pq_collect(x)
    pq = {"variant": "pytorch-quantization"}
    for bits, unsigned in [(8, False), (8, True), (4, False)]:
        levels = 1 << (bits - 1 + int(unsigned))
        res = pq_entropy(hist, edges, bits, unsigned)
        case = dict(base, method="kl", **pq, bits=bits, unsigned=unsigned, symmetric=True,
                    bins=2048, start_bin=128, levels=levels)
        out.append(searched(case, *res, REL_F64, "amax"))
    for p in [99.9, 99.99]:
        amax, idx = pq_percentile(hist, edges, p)
        out.append(dict(base, method="percentile", **pq, bits=8, unsigned=False, symmetric=True,
                        bins=2048, percentile=p, amax=jfloat(amax), acceptable=[jfloat(amax)],
                        best_score=None, candidate=idx))
    for bits in [8, 4]:
        res = pq_mse(hist, edges, bits, False)
        case = dict(base, method="mse", **pq, bits=bits, unsigned=False, symmetric=True,
                    bins=2048, start_bin=128)
        out.append(searched(case, *res, REL_F32, "amax"))
    ort = {"variant": "onnxruntime"}
    for nb in [128, 1001, 2048]:
        res = ort_entropy(x, nb, 128)
        case = dict(base, method="kl", **ort, bits=8, unsigned=False, symmetric=False, bins=nb, levels=128)
        out.append(searched(case, *res, REL_F32, "range"))
    for p in [99.999, 99.9]:
        for symmetric in [True, False]:
            pair, idx_right, idx_left = ort_percentile(x, p, symmetric)
            case = dict(base, method="percentile", **ort, bits=8, unsigned=False, symmetric=symmetric,
                        bins=2048, percentile=p, range=jresult(pair), acceptable=[jresult(pair)],
                        best_score=None, candidate=idx_right)
            if idx_left is not None:
                case["candidate_left"] = idx_left
            out.append(case)
    res = mx_entropy(x, 255)
    case = dict(base, method="kl", variant="mxnet", bits=8, unsigned=False, symmetric=True,
                bins=8001, levels=255)
    out.append(searched(case, *res, REL_F32, "amax"))
    return out


def main():
    t0 = time.time()
    tensors = []
    for name, x in generated_tensors():
        fname = f"calib_variant_{name}.npy"
        np.save(here / fname, x, allow_pickle=False)
        x = np.load(here / fname)
        tensors.append(({"source": "generated", "file": fname}, x))
    for rel, member in REAL:
        path = data_dir / rel
        if not path.exists():
            sys.exit(f"missing real data file {path} (give the data folder as the first argument)")
        with np.load(path) as z:
            x = np.ascontiguousarray(z[member], dtype=f32).reshape(-1)
        assert np.isfinite(x).all()
        tensors.append(({"source": "real", "file": rel, "member": member}, x))

    check_torch_emulation([(r["file"], x) for r, x in tensors])
    print(f"mxnet std::log(float): {logf_name}")

    cases = []
    for ref, x in tensors:
        t1 = time.time()
        cases += cases_for(ref, x)
        print(f"{ref['file']} {ref.get('member', '')}: {time.time() - t1:.1f} s")

    lines = [json.dumps(c, allow_nan=False) for c in cases]
    header = {"generator": "make_calibration_variant_fixtures.py", "numpy": np.__version__,
              "scipy": scipy.__version__, "torch": torch.__version__ if torch is not None else None}
    text = json.dumps(header, allow_nan=False)[:-1] + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    json.loads(text)
    (here / "calibration_variants_expected.json").write_text(text)
    print(f"{len(cases)} cases, {len(text)} bytes, {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
