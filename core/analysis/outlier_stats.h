#pragma once
// The shape statistics a model-wide report flags outliers with, over the finite values:
//   excess kurtosis            E[(x−μ)⁴]/σ⁴ − 3 (0 for a Gaussian; large for heavy tails)
//   beyond 6σ                  count of |x − μ| > 6σ
//   magnitude ≥ 6              count of |x| ≥ 6, LLM.int8()'s outlier feature threshold
//   p97.5 of |x|               numpy.percentile(|x|, 97.5) exactly (linear interpolation), the
//                              reference of PyTorch ModelReport's OutlierDetector: it flags a
//                              tensor when p100 / p97.5 > 3.5.
// Two reads of the data, no copy of it: the percentile is found by counting the top 16 bits of
// |x|'s float pattern (monotonic for non-negative floats), then the low 16 bits inside the chosen
// bin.

#include "io/value_source.h"
#include "tensor/tensor_stats.h"

#include <cstdint>
#include <span>

namespace qs {

inline constexpr double kModelReportRatioThreshold = 3.5;
inline constexpr double kModelReportPercentile = 97.5;
inline constexpr double kSigmaOutlier = 6.0;
inline constexpr double kLlmInt8Magnitude = 6.0;

struct OutlierStats
{
    double excessKurtosis = 0; // NaN when σ = 0 or nothing is finite
    std::uint64_t beyondSixSigma = 0;
    std::uint64_t magnitudeAtLeastSix = 0;
    double absPercentile = 0; // p97.5 of |x|
    double absMax = 0;        // p100 of |x|
    // p100 / p97.5 of |x|: +∞ when p97.5 is 0 and p100 is not, 1 for an all-zero tensor.
    double peakRatio() const;
    bool modelReportOutlier() const { return peakRatio() > kModelReportRatioThreshold; }
};

// `stats` must be the stats of the source's values. Deterministic for any thread count.
OutlierStats computeOutlierStats(const ValueSource& source, const TensorStats& stats,
                                 unsigned threads = 0);

// numpy.percentile(|values|, p) over the finite values by the two-pass count (p in [0, 100]);
// NaN when none is finite.
double absPercentile(std::span<const float> values, double p, unsigned threads = 0);

} // namespace qs
