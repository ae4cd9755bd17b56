#include "calibrate/histogram_calibrators.h"

#include "calibrate/framework_histograms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

// np.searchsorted(np.cumsum(counts / total), share): the first bin whose cumulative share
// reaches `share`, or the bin count when none does (the last edge).
std::size_t firstBinReaching(const std::vector<std::int64_t>& counts, double share)
{
    double total = 0;
    for (const std::int64_t c : counts) {
        total += static_cast<double>(c);
    }
    double cumulative = 0; // np.cumsum adds in order
    for (std::size_t k = 0; k < counts.size(); ++k) {
        cumulative += static_cast<double>(counts[k]) / total;
        if (cumulative >= share) {
            return k;
        }
    }
    return counts.size();
}

// torch.round: half to even.
float roundHalfEven(float v)
{
    return std::nearbyint(v);
}

} // namespace

double pytorchQuantizationPercentileAmax(std::span<const float> values, double percentile)
{
    const FrameworkHistogram h = torchAbsHistogram(values, kFrameworkPercentileBins);
    return h.edges[firstBinReaching(h.counts, percentile / 100)];
}

double pytorchQuantizationMseAmax(std::span<const float> values, int bits, bool isUnsigned)
{
    const FrameworkHistogram h = torchAbsHistogram(values, kPytorchMseBins);
    const std::size_t bins = h.counts.size();
    std::vector<float> centres(bins);
    std::vector<float> counts(bins);
    for (std::size_t k = 0; k < bins; ++k) {
        centres[k] = (h.edges[k + 1] + h.edges[k]) / 2.0f;
        counts[k] = static_cast<float>(h.counts[k]);
    }
    const float maxBound = static_cast<float>(std::ldexp(1.0, bits - 1 + (isUnsigned ? 1 : 0)) - 1);
    const float minBound = isUnsigned ? 0.0f : -maxBound;
    const float epsilon = 1.0f / static_cast<float>(1 << 24);
    double best = std::numeric_limits<double>::infinity();
    std::size_t bestBin = kPytorchMseStartBin;
    for (std::size_t i = kPytorchMseStartBin; i < bins; ++i) {
        const float amax = centres[i];
        // tensor_quant: an amax below 2^-24 quantizes everything to 0.
        const bool zero = amax <= epsilon;
        const float scale = zero ? 0.0f : maxBound / amax;
        const float unscale = zero ? 1.0f : scale;
        double sum = 0;
        for (std::size_t k = 0; k < bins; ++k) {
            const float q =
                std::clamp(roundHalfEven(centres[k] * scale), minBound, maxBound) / unscale;
            const float d = q - centres[k];
            sum += static_cast<double>(d * d * counts[k]);
        }
        const double mse = sum / static_cast<double>(bins);
        if (mse < best) {
            best = mse;
            bestBin = i;
        }
    }
    return bestBin < bins ? centres[bestBin] : 0.0;
}

RealRange onnxRuntimePercentileRange(std::span<const float> values, double percentile,
                                     bool symmetric)
{
    const FiniteExtremes e = finiteExtremes(values);
    RealRange range;
    if (symmetric) {
        float absMin = std::numeric_limits<float>::infinity();
        for (const float x : values) {
            if (std::isfinite(x)) {
                absMin = std::min(absMin, std::fabs(x));
            }
        }
        if (!std::isfinite(absMin)) {
            absMin = 0;
        }
        const FrameworkHistogram h =
            numpyHistogram(values, kFrameworkPercentileBins, absMin, e.absMax, true);
        const double t = h.edges[firstBinReaching(h.counts, percentile / 100)];
        range = {-t, t};
    } else {
        const FrameworkHistogram h =
            numpyHistogram(values, kFrameworkPercentileBins, -e.absMax, e.absMax);
        const double cut = (100.0 - percentile) / 200.0;
        range = {h.edges[firstBinReaching(h.counts, cut)],
                 h.edges[firstBinReaching(h.counts, 1.0 - cut)]};
    }
    range.lo = std::max(range.lo, static_cast<double>(e.min));
    range.hi = std::min(range.hi, static_cast<double>(e.max));
    return range;
}

} // namespace qs
