#pragma once
// TensorRT's entropy calibration, as NVIDIA published it (Migacz, "8-bit Inference with
// TensorRT", GTC 2017):
//   histogram |R| into `bins` bins over [0, max|R|];
//   for every candidate i from `startBin` to `bins`:
//     P = the first i bins, everything beyond folded into bin i − 1;
//     Q = the first i bins (without the folded outliers) merged into `levels` levels (the last
//         level takes the remainder), each level's count spread evenly over the bins of its span
//         where P is non-empty;
//     divergence[i] = KL(P ‖ Q) of the normalised distributions;
//   threshold = (m + 0.5)·bin width for the i = m of least divergence.
// Where Q has no mass but P has (the folded outliers can land in an empty bin), Q is smoothed
// as MXNet and ONNX Runtime do: ε = 0.0001 is given to each such bin and taken evenly from the
// others, which keeps the divergence finite.
//
// Other implementations differ: NVIDIA's pytorch-quantization (calib/histogram.py) overwrites
// bin 0 with bin 1's count (so a spike of exact zeros, as after a ReLU, does not dominate P),
// returns the bin edge i·width rather than (i + 0.5)·width and the last of tied minima, takes
// 128 levels for 8-bit signed (256 when unsigned) and relies on scipy's entropy, which is
// infinite rather than smoothed where Q is empty and P is not; ONNX
// Runtime's entropy calibrator histograms R itself around zero (default 128 bins, 128 levels)
// and smooths both P and Q; MXNet histograms R around zero with 8001 bins, 255 levels, and
// smooths both.

#include "quant/choose_params.h"

#include <span>
#include <vector>

namespace qs {

struct KlOptions
{
    int bins = 2048;
    int startBin = 128;
    int levels = 128;
};

struct KlResult
{
    double threshold = 0;
    int bestBin = 0;                // m
    std::vector<double> divergence; // by candidate bin, startBin .. bins
};

KlResult klThreshold(std::span<const float> values, double absMax, const KlOptions& options);

} // namespace qs
