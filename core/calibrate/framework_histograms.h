#pragma once
// The histograms calibration frameworks build before they choose a range, bin for bin as they
// build them, so that a variant (calibrate/framework_calibration.h) sees the counts and edges the
// framework sees. Non-finite values are left out, as every framework's finite data would be.
//
// PyTorch (torch.histc, torch.linspace; aten's CPU kernels as x86-64 builds run them, AVX2,
// float32 arithmetic):
//   edges  step = (end − start)/(steps − 1); in blocks of 8, base + k·step from a base
//          start + step·i (i < steps/2) or end − step·(steps − 1 − i), each rounded once
//          (torchLinspace documents the exact order); a 16-wide (AVX-512) kernel would round
//          differently in the last bit of some edges;
//   bin    ⌊(x − min)·bins / (max − min)⌋ in float32, x = max counted in the last bin; values
//          outside [min, max] are not counted.
// NumPy (np.histogram with uniform bins; NumPy 1.x):
//   edges  linspace(first, last, bins + 1) computed in float64 and rounded to the data's float32;
//   bin    the k with e_k ≤ x < e_{k+1} (the last bin closed), values outside not counted;
//          first = last widens the range to [first − 0.5, last + 0.5].
//   NumPy 2 computes float32 edges in float32 (NEP 50), which can move an edge by one float32
//   step; the counts change only for a value lying between the two.

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct FrameworkHistogram
{
    std::vector<std::int64_t> counts; // bins
    std::vector<float> edges;         // bins + 1
};

// The finite extremes and max |x| in float32, as nanmin and nanmax give them (0 when none).
struct FiniteExtremes
{
    float min = 0;
    float max = 0;
    float absMax = 0;
};
FiniteExtremes finiteExtremes(std::span<const float> values);

// torch.linspace(start, end, steps) in float32.
std::vector<float> torchLinspace(float start, float end, int steps);

// pytorch-quantization's HistogramCalibrator.collect on one tensor: torch.histc of |x| (of x
// when nothing is negative) into `bins` over [0, max|x|], edges torch.linspace(0, max|x|).
FrameworkHistogram torchAbsHistogram(std::span<const float> values, int bins);

// np.histogram(x, bins, range=(first, last)) for float32 x (|x| when `absolute`).
FrameworkHistogram numpyHistogram(std::span<const float> values, int bins, float first, float last,
                                  bool absolute = false);

} // namespace qs
