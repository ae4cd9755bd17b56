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
constexpr int kSmallCoarseThresholds = 100; // for groups scored exactly (a few values each)
constexpr int kGridEnds = 48;               // candidates per end on the two-end grid
constexpr int kSmallGridEnds = 16; // the same for groups scored exactly (a few values each)
constexpr int kDescentEnds = 60;   // candidates per end in each coordinate-descent sweep
constexpr int kHistogramBins = 2048;
constexpr int kGridBins = 256; // the two-end grid's coarser histogram
// Exact evaluations of the refinement scans (for progress): 41 + 21 thresholds; for two ends,
// two rounds over both ends at 41 and then at 21 candidates.
constexpr int kSymmetricExactScans = 41 + 21;
constexpr int kTwoEndExactScans = 2 * 2 * (41 + 21);
constexpr std::size_t kExactBelow = 2048; // groups this small are scored exactly from the start

// Counts of the finite values in equal bins over [lo, lo + bins·width].
struct ValueHistogram
{
    double lo = 0;
    double width = 0;
    std::vector<double> counts;

    static ValueHistogram of(std::span<const float> values, double min, double max, int bins)
    {
        ValueHistogram h{min, (max - min) / bins,
                         std::vector<double>(static_cast<std::size_t>(bins), 0.0)};
        for (const float x : values) {
            if (std::isfinite(x)) {
                const double at = (x - h.lo) / h.width;
                h.counts[static_cast<std::size_t>(std::clamp(at, 0.0, bins - 1.0))] += 1;
            }
        }
        return h;
    }

    // The same values in `factor` times wider bins.
    ValueHistogram merged(int factor) const
    {
        ValueHistogram h{lo, width * factor,
                         std::vector<double>(counts.size() / static_cast<std::size_t>(factor))};
        for (std::size_t b = 0; b < counts.size(); ++b) {
            h.counts[b / static_cast<std::size_t>(factor)] += counts[b];
        }
        return h;
    }
};

struct Scorer
{
    std::span<const float> values;
    const QuantSpec& spec;
    std::uint64_t firstIndex;
    ValueHistogram fine; // empty for small groups, which are always scored exactly
    ValueHistogram coarse;
    // Progress over the exact scans of a large group; once it asks to stop, every score is +inf
    // and the search runs out at once.
    ProgressFn progress;
    unsigned threads = 0; // of each exact error pass
    int expectedExact = 1;
    mutable int exactDone = 0;
    mutable bool cancelled = false;

    std::optional<QuantParams> params(RealRange range) const
    {
        auto choice = chooseParams(range, spec);
        return choice ? std::optional(choice->params) : std::nullopt;
    }

    double exact(RealRange range) const
    {
        if (cancelled) {
            return std::numeric_limits<double>::infinity();
        }
        if (progress && !fine.counts.empty()) {
            cancelled = !progress(std::min(1.0, static_cast<double>(++exactDone) / expectedExact));
        }
        const auto p = params(range);
        return p ? quantizationError(values, *p, spec.rounding, spec.roundingSeed, firstIndex,
                                     threads)
                       .sumE2
                 : std::numeric_limits<double>::infinity();
    }

    double estimate(RealRange range) const
    {
        return fine.counts.empty() ? exact(range) : estimate(range, fine);
    }
    double rough(RealRange range) const
    {
        return coarse.counts.empty() ? exact(range) : estimate(range, coarse);
    }

    // Each bin's values taken at its centre, plus their spread within the bin, or — once the bins
    // are finer than the grid and the bin is not clipped — the uniform rounding noise Scale²/12.
    double estimate(RealRange range, const ValueHistogram& h) const
    {
        const auto p = params(range);
        if (!p) {
            return std::numeric_limits<double>::infinity();
        }
        const double step = std::fabs(p->scale);
        const double roundingNoise = step * step / 12.0;
        const double spread = h.width * h.width / 12.0;
        double total = 0;
        for (std::size_t b = 0; b < h.counts.size(); ++b) {
            if (h.counts[b] == 0) {
                continue;
            }
            const double centre = h.lo + (static_cast<double>(b) + 0.5) * h.width;
            const QuantizedElement q =
                quantizeElement(*p, spec.rounding, static_cast<float>(centre));
            const double e = static_cast<double>(q.dequantized) - centre;
            const bool clipped = q.clip == ClipState::Below || q.clip == ClipState::Above;
            total += h.counts[b] * (clipped || step >= h.width ? e * e + spread : roundingNoise);
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
    const int thresholds = scorer.fine.counts.empty() ? kSmallCoarseThresholds : kCoarseThresholds;
    const double step = absMax / thresholds;
    const auto coarse = [&](double t) {
        return scorer.estimate({-t, t});
    };
    const auto exact = [&](double t) {
        return scorer.exact({-t, t});
    };
    double t = bestOf(step, absMax, thresholds, coarse);
    t = bestOf(std::max(step / 100, t - 2 * step), std::min(absMax, t + 2 * step), 41, exact);
    t = bestOf(std::max(step / 100, t - step / 10), std::min(absMax, t + step / 10), 21, exact);
    return {-t, t};
}

// Two ends: the error surface over (lo, hi) has several valleys when an outlier sits far out
// on one side, so a global grid comes first and local coordinate descent only refines it.
RealRange searchEnds(const Scorer& scorer, double min, double max)
{
    const double span = max - min;
    // A group of a few dozen values has few distinct ways to clip: a coarser grid finds the
    // right valley at a ninth of the cost (blocks of 32 are the common case).
    const int ends = scorer.fine.counts.empty() ? kSmallGridEnds : kGridEnds;
    const double cell = span / ends;
    RealRange r{min, max};
    double best = std::numeric_limits<double>::infinity();
    for (int i = 0; i < ends; ++i) {
        for (int j = i + 1; j <= ends; ++j) {
            const RealRange candidate{min + i * cell, min + j * cell};
            if (const double s = scorer.rough(candidate); s < best) {
                best = s;
                r = candidate;
            }
        }
    }
    const double minimumWidth = cell / 100;
    const auto descend = [&](double reach, int count, auto score) {
        for (int round = 0; round < 2; ++round) {
            r.hi = bestOf(std::max(r.lo + minimumWidth, r.hi - reach), std::min(max, r.hi + reach),
                          count, [&](double hi) { return score({r.lo, hi}); });
            r.lo = bestOf(std::max(min, r.lo - reach), std::min(r.hi - minimumWidth, r.lo + reach),
                          count, [&](double lo) { return score({lo, r.hi}); });
        }
    };
    const auto exact = [&](RealRange c) {
        return scorer.exact(c);
    };
    if (scorer.fine.counts.empty()) { // every score is exact already: three shrinking scans
        descend(cell, 25, exact);
        descend(cell / 12, 25, exact);
        descend(cell / 150, 21, exact);
        return r;
    }
    descend(cell, kDescentEnds, [&](RealRange c) { return scorer.estimate(c); });
    descend(cell / 10, 41, exact);
    descend(cell / 200, 21, exact);
    return r;
}

} // namespace

std::optional<RealRange> mseRange(std::span<const float> values, const GroupStats& stats,
                                  const QuantSpec& spec, std::uint64_t firstIndex,
                                  const ProgressFn& progress, unsigned threads)
{
    if (stats.finite == 0 || !(stats.max > stats.min)) {
        return RealRange{stats.min, stats.max}; // nothing to trade: the minmax range
    }
    Scorer scorer{values, spec, firstIndex, {}, {}, progress};
    scorer.threads = threads;
    scorer.expectedExact =
        spec.scheme == Scheme::Symmetric ? kSymmetricExactScans : kTwoEndExactScans;
    if (values.size() > kExactBelow) {
        scorer.fine = ValueHistogram::of(values, stats.min, stats.max, kHistogramBins);
        scorer.coarse = scorer.fine.merged(kHistogramBins / kGridBins);
    } else if (values.size() > static_cast<std::size_t>(kGridBins)) {
        scorer.coarse = ValueHistogram::of(values, stats.min, stats.max, kGridBins);
    }
    const RealRange best =
        spec.scheme == Scheme::Symmetric
            ? searchSymmetric(scorer, std::max(std::fabs(stats.min), std::fabs(stats.max)))
            : searchEnds(scorer, stats.min, stats.max);
    if (scorer.cancelled) {
        return std::nullopt;
    }
    return best;
}

} // namespace qs
