#include "calibrate/mse_search.h"

#include "quant/element_quantizer.h"
#include "quant/quantization_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace qs {
namespace {

constexpr int kCoarseThresholds = 400;
constexpr int kCoarseEnds = 120;
constexpr int kHistogramBins = 2048;
constexpr std::size_t kExactBelow = 4096; // groups this small are scored exactly from the start

struct Scorer
{
    std::span<const float> values;
    const QuantSpec& spec;
    std::uint64_t firstIndex;
    // The histogram estimate (empty for small groups).
    double lo = 0;
    double width = 0;
    std::vector<double> counts;

    std::optional<QuantParams> params(RealRange range) const
    {
        auto choice = chooseParams(range, spec);
        return choice ? std::optional(choice->params) : std::nullopt;
    }

    double exact(RealRange range) const
    {
        const auto p = params(range);
        return p ? quantizationError(values, *p, spec.rounding, spec.roundingSeed, firstIndex).sumE2
                 : std::numeric_limits<double>::infinity();
    }

    double estimate(RealRange range) const
    {
        if (counts.empty()) {
            return exact(range);
        }
        const auto p = params(range);
        if (!p) {
            return std::numeric_limits<double>::infinity();
        }
        const double step = std::fabs(p->scale);
        const double roundingNoise = step * step / 12.0;
        const double spread = width * width / 12.0;
        double total = 0;
        for (std::size_t b = 0; b < counts.size(); ++b) {
            if (counts[b] == 0) {
                continue;
            }
            const double centre = lo + (static_cast<double>(b) + 0.5) * width;
            const QuantizedElement q = quantizeElement(*p, spec.rounding, static_cast<float>(centre));
            const double e = static_cast<double>(q.dequantized) - centre;
            const bool clipped = q.clip == ClipState::Below || q.clip == ClipState::Above;
            total += counts[b] * (clipped || step >= width ? e * e + spread : roundingNoise);
        }
        return total;
    }
};

// The best of `count` evenly spaced values in [from, to] of a function of one variable.
template <typename Score> double bestOf(double from, double to, int count, Score score)
{
    double best = to;
    double bestScore = std::numeric_limits<double>::infinity();
    for (int k = 0; k < count; ++k) {
        const double x = count == 1 ? to : from + (to - from) * k / (count - 1);
        const double s = score(x);
        if (s < bestScore) {
            bestScore = s;
            best = x;
        }
    }
    return best;
}

RealRange searchSymmetric(const Scorer& scorer, double absMax)
{
    const double step = absMax / kCoarseThresholds;
    const auto coarse = [&](double t) { return scorer.estimate({-t, t}); };
    const auto exact = [&](double t) { return scorer.exact({-t, t}); };
    double t = bestOf(step, absMax, kCoarseThresholds, coarse);
    t = bestOf(std::max(step / 100, t - 2 * step), std::min(absMax, t + 2 * step), 41, exact);
    t = bestOf(std::max(step / 100, t - step / 10), std::min(absMax, t + step / 10), 21, exact);
    return {-t, t};
}

RealRange searchEnds(const Scorer& scorer, double min, double max)
{
    const double span = max - min;
    const double step = span / (2 * kCoarseEnds);
    RealRange r{min, max};
    // Coordinate descent: each end in turn, the other held, over the outer half of the range.
    for (int round = 0; round < 3; ++round) {
        r.hi = bestOf(std::max(r.lo + step, max - span / 2), max, kCoarseEnds,
                      [&](double hi) { return scorer.estimate({r.lo, hi}); });
        r.lo = bestOf(min, std::min(r.hi - step, min + span / 2), kCoarseEnds,
                      [&](double lo) { return scorer.estimate({lo, r.hi}); });
    }
    for (const double scan : {2 * step, step / 10}) {
        for (int round = 0; round < 2; ++round) {
            r.hi = bestOf(std::max(r.lo + step / 100, r.hi - scan), std::min(max, r.hi + scan), scan > step ? 41 : 21,
                          [&](double hi) { return scorer.exact({r.lo, hi}); });
            r.lo = bestOf(std::max(min, r.lo - scan), std::min(r.hi - step / 100, r.lo + scan), scan > step ? 41 : 21,
                          [&](double lo) { return scorer.exact({lo, r.hi}); });
        }
    }
    return r;
}

} // namespace

RealRange mseRange(std::span<const float> values, const GroupStats& stats, const QuantSpec& spec,
                   std::uint64_t firstIndex)
{
    if (stats.finite == 0 || !(stats.max > stats.min)) {
        return {stats.min, stats.max}; // nothing to trade: the minmax range
    }
    Scorer scorer{values, spec, firstIndex};
    if (values.size() > kExactBelow) {
        scorer.lo = stats.min;
        scorer.width = (stats.max - stats.min) / kHistogramBins;
        scorer.counts.assign(kHistogramBins, 0.0);
        for (const float x : values) {
            if (std::isfinite(x)) {
                const double at = (x - scorer.lo) / scorer.width;
                scorer.counts[static_cast<std::size_t>(std::clamp(at, 0.0, kHistogramBins - 1.0))] += 1;
            }
        }
    }
    if (spec.scheme == Scheme::Symmetric) {
        return searchSymmetric(scorer, std::max(std::fabs(stats.min), std::fabs(stats.max)));
    }
    return searchEnds(scorer, stats.min, stats.max);
}

} // namespace qs
