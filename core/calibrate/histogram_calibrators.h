#pragma once
// Percentile and MSE calibration read from a framework's histogram, restated from each
// framework's published source (the histograms: calibrate/framework_histograms.h). QuantScope's
// own percentile (calibrate/percentile.h) and MSE search (calibrate/mse_search.h) work on the
// values themselves; these give what the framework gives, bin edges and all.
//
// pytorch-quantization (NVIDIA/TensorRT, tools/pytorch-quantization, calib/histogram.py), on
// HistogramCalibrator's 2048-bin torch.histc of |R| over [0, max|R|]:
//   percentile (_compute_amax_percentile): cdf = cumsum(counts/total); the first bin k with
//     cdf[k] ≥ P/100; amax = that bin's LEFT edge.
//   mse (_compute_amax_mse): for every bin centre c_i from bin 128 to the last but one, the
//     histogram's centres fake-quantized with amax = c_i (tensor_quant: scale = Qmax/amax,
//     round half to even, clamp to [−Qmax, Qmax] or [0, Qmax] unsigned, narrow range, float32)
//     and scored by mean((q − c)²·count); amax = the centre of least score, the first of ties.
//     (The source runs on CUDA in float32; the sum here is in float64 over the same float32
//     terms, so only a near-tie can choose differently.)
// ONNX Runtime (microsoft/onnxruntime, quantization/calibrate.py, HistogramCollector in
// "percentile" mode, compute_percentile), 2048 bins:
//   symmetric: np.histogram of |R| over [min|R|, max|R|]; the first bin k with cdf[k] ≥ P/100;
//     the range (−e_k, e_k);
//   otherwise: np.histogram of R over [−max|R|, max|R|]; a share (100 − P)/200 cut from each
//     side by the same rule;
//   both clipped to [min R, max R].

#include "quant/choose_params.h"

#include <span>

namespace qs {

inline constexpr int kFrameworkPercentileBins = 2048;
inline constexpr int kPytorchMseBins = 2048;
inline constexpr int kPytorchMseStartBin = 128;

double pytorchQuantizationPercentileAmax(std::span<const float> values, double percentile);

double pytorchQuantizationMseAmax(std::span<const float> values, int bits, bool isUnsigned);

RealRange onnxRuntimePercentileRange(std::span<const float> values, double percentile,
                                     bool symmetric);

} // namespace qs
