#pragma once
// Entropy (KL) calibration as three frameworks compute it, each restated from its published
// source so that QuantScope picks the threshold that framework picks on the same tensor
// (TensorRT's published algorithm itself is calibrate/kl_divergence.h). The histograms are
// calibrate/framework_histograms.h.
//
// pytorch-quantization (NVIDIA/TensorRT, tools/pytorch-quantization, calib/histogram.py,
// HistogramCalibrator.collect + _compute_amax_entropy):
//   torch.histc of |R| into `bins` (2048) bins over [0, max|R|]; bin 0 overwritten with bin 1's
//   count; for i from `startBin` (128) to `bins`: the first i bins split into `levels`
//   (2^(bits − 1 + unsigned)) levels by np.digitize over linspace(0, i, levels + 1), empty bins
//   left out of each level's count and of Q; P = the first i bins with every count beyond folded
//   into bin i − 1; divergence = scipy.stats.entropy(P, Q) (infinite where Q is empty and P is
//   not); the last of tied minima; threshold = the edge i·width (torch.linspace's float32).
//
// ONNX Runtime (microsoft/onnxruntime, quantization/calibrate.py, HistogramCollector in
// "entropy" mode: collect_value + get_entropy_threshold; quant_utils.smooth_distribution):
//   np.histogram of R into `bins` (128) bins over [−t, t], t = max|R|; for every half-width i from
//   levels/2 to bins/2 the window [z − i, min(z + i + 1, bins)) around z = bins/2, P with the
//   outliers on each side folded into its ends; Q: the window's counts merged into `levels`
//   (128) levels of ⌊size/levels⌋ bins (the last level also takes the remainder's count), each
//   spread over the level's bins where P is non-empty and truncated to an integer (Q is an int64
//   array), the remainder's own bins left at 0; both smoothed (zeros become ε = 10⁻⁴, the other
//   bins give it back evenly, in float32; all-zero means an infinite divergence); the first of
//   tied minima; the range (e_start, e_end), clipped to [min R, max R].
//   With ORT's defaults (128 bins, 128 levels) there is one window only: the whole range.
//
// MXNet (apache/mxnet, src/operator/quantization/calibrate.cc, CalibrateComputeCPU, fed with
// np.histogram(R, 8001, range=(−t, t)) as contrib/quantization.py does):
//   for i from levels/2 to bins/2, the window [z − i, z + i + 1): P's first bin takes every
//   count up to and including the window's first bin, its last bin every count from its last
//   bin on; Q: the window merged into `levels` (255) levels (the window's first bin counted as
//   empty, the last level takes the remainder), spread over the bins where P is non-empty; both
//   smoothed in float32; KL with float32 sums; the first strict minimum; threshold = the
//   window's right edge, the range [−threshold, threshold].

#include "quant/choose_params.h"

#include <span>

namespace qs {

double pytorchQuantizationKlAmax(std::span<const float> values, int bins, int startBin, int levels);

RealRange onnxRuntimeEntropyRange(std::span<const float> values, int bins, int levels);

double mxnetEntropyThreshold(std::span<const float> values, int bins, int levels);

} // namespace qs
