#include "analysis/stored_codes_pass.h"

#include "analysis/error_sums.h"
#include "common/parallel_chunks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace qs {
namespace {

// The grid's levels at unit scale, in value order: which codes lie between two codes' levels.
// A negative scale only turns the order around, so the count between two codes is the same.
struct LevelOrder
{
    std::int32_t qmin;
    std::vector<float> sorted;     // unit levels, ascending
    std::vector<float> unitOfCode; // by code − qmin
    std::int32_t lowest = 0;       // the code of the lowest unit level and of the one above it
    std::int32_t secondLowest = 0;
    std::int32_t highest = 0; // and of the highest and the one below it
    std::int32_t secondHighest = 0;

    explicit LevelOrder(const QuantParams& first) : qmin(first.qmin)
    {
        QuantParams unit = first;
        unit.scale = 1;
        unit.outerScale = 1;
        unit.addend = 0;
        const auto count = static_cast<std::size_t>(first.range().codeCount());
        std::vector<std::int32_t> codes(count);
        std::iota(codes.begin(), codes.end(), first.qmin);
        for (const std::int32_t code : codes) {
            unitOfCode.push_back(unit.dequantize(code));
        }
        std::ranges::stable_sort(codes, {}, [&](std::int32_t c) { return unitOf(c); });
        for (const std::int32_t code : codes) {
            sorted.push_back(unitOf(code));
        }
        lowest = codes.front();
        secondLowest = codes[std::min<std::size_t>(1, count - 1)];
        highest = codes.back();
        secondHighest = codes[count >= 2 ? count - 2 : 0];
    }

    float unitOf(std::int32_t code) const
    {
        return unitOfCode[static_cast<std::size_t>(code - qmin)];
    }
};

// A group's grid ends on the real axis and the half steps beyond which a value counts as clipped.
struct GridEnds
{
    double low;
    double high;
    double lowReach;  // R below this clipped
    double highReach; // R above this clipped
};

GridEnds gridEnds(const QuantParams& p, const LevelOrder& order)
{
    const double a = p.dequantize(order.lowest);
    const double a2 = p.dequantize(order.secondLowest);
    const double b = p.dequantize(order.highest);
    const double b2 = p.dequantize(order.secondHighest);
    // With a negative scale the lowest unit level is the grid's upper end.
    const bool reversed = a > b;
    const double low = reversed ? b : a;
    const double lowNext = reversed ? b2 : a2;
    const double high = reversed ? a : b;
    const double highNext = reversed ? a2 : b2;
    return {low, high, low - std::fabs(lowNext - low) / 2, high + std::fabs(high - highNext) / 2};
}

struct Totals
{
    AgreementSums sums;
    double sumAbsE = 0;
    double sumE2Clipped = 0;
    double maxAbsE = 0;
    std::uint64_t finite = 0;
    std::uint64_t below = 0;
    std::uint64_t above = 0;
    std::uint64_t atZero = 0;
    double unused = 0;

    void add(const Totals& o)
    {
        sums.sumX2 += o.sums.sumX2;
        sums.sumE2 += o.sums.sumE2;
        sums.sumXD += o.sums.sumXD;
        sums.sumD2 += o.sums.sumD2;
        sums.sumXE += o.sums.sumXE;
        sumAbsE += o.sumAbsE;
        sumE2Clipped += o.sumE2Clipped;
        maxAbsE = std::max(maxAbsE, o.maxAbsE);
        finite += o.finite;
        below += o.below;
        above += o.above;
        atZero += o.atZero;
        unused += o.unused;
    }
};

PassHistograms emptyStoredHistograms(std::span<const QuantParams> params,
                                     std::span<const GridEnds> ends, const PassOptions& options,
                                     std::span<const RealRange> extremes)
{
    PassHistograms h = valueAndCodeHistograms(params.front(), options);
    double step = 0;
    for (const QuantParams& p : params) {
        const double s = p.largestStep();
        step = std::isfinite(s) ? std::max(step, s) : step;
    }
    const double reach = step > 0 ? step * 0.5 * (1.0 + 1e-3) : 0.5;
    h.roundingError = makeHistogram(-reach, reach, options.errorBins);
    double clipLo = 0;
    double clipHi = 0;
    for (std::size_t g = 0; g < ends.size(); ++g) {
        if (std::isfinite(ends[g].low) && std::isfinite(ends[g].high)) {
            clipLo = std::min(clipLo, ends[g].high - extremes[g].hi);
            clipHi = std::max(clipHi, ends[g].low - extremes[g].lo);
        }
    }
    h.clippingError = clipHi > clipLo
                          ? makeHistogram(clipLo - reach, clipHi + reach, options.errorBins)
                          : makeHistogram(-reach, reach, options.errorBins);
    return h;
}

// The fused pass's binning (float32), so that both passes put a value in the same bin.
struct Binners
{
    HistogramBinner values;
    HistogramBinner rounding;
    HistogramBinner clipping;

    explicit Binners(const PassHistograms& h)
        : values(h.values), rounding(h.roundingError), clipping(h.clippingError)
    {}
};

void addCounts(Histogram& into, const Histogram& from)
{
    for (std::size_t i = 0; i < into.counts.size(); ++i) {
        into.counts[i] += from.counts[i];
    }
}

// One group's values through the sums and the worker's histograms (empty ones of the pass's
// ranges to start with).
struct GroupPass
{
    std::span<const float> values;
    StoredCodes stored;
    const QuantParams& first;
    const LevelOrder& order;
    const Binners& bins;
    std::size_t groupSize;

    GroupError measure(std::size_t g, const GridEnds& end, Totals& t, PassHistograms& h) const
    {
        GroupError ge;
        double groupX2 = 0;
        double groupE2 = 0;
        float lowLevel = INFINITY;
        float highLevel = -INFINITY;
        const std::size_t codeCount = h.codes.bins();
        for (std::size_t i = g * groupSize; i < (g + 1) * groupSize; ++i) {
            const float x = values[i];
            if (!std::isfinite(x)) {
                continue;
            }
            const std::int32_t code = std::clamp(stored.codes[i], first.qmin, first.qmax);
            const float d = stored.dequantized[i];
            const float e = d - x; // float32, as NumPy's diff
            const double xd = x;
            const double ed = e;
            ++ge.finite;
            groupX2 += xd * xd;
            groupE2 += ed * ed;
            t.sums.sumXD += xd * d;
            t.sums.sumD2 += static_cast<double>(d) * d;
            t.sums.sumXE += xd * ed;
            t.sumAbsE += std::fabs(ed);
            t.maxAbsE = std::max(t.maxAbsE, std::fabs(ed));
            t.atZero += d == 0.0f ? 1 : 0;
            ++h.codes.counts[std::min(static_cast<std::size_t>(code - first.qmin), codeCount - 1)];
            ++h.values.counts[bins.values.bin(x)];
            const float unit = order.unitOf(code);
            lowLevel = std::min(lowLevel, unit);
            highLevel = std::max(highLevel, unit);
            const bool below = xd < end.lowReach;
            const bool above = xd > end.highReach;
            if (below || above) {
                ++ge.clipped;
                t.below += below ? 1 : 0;
                t.above += above ? 1 : 0;
                t.sumE2Clipped += ed * ed;
                ++h.clippingError.counts[bins.clipping.bin(e)];
            } else {
                ++h.roundingError.counts[bins.rounding.bin(e)];
            }
        }
        t.finite += ge.finite;
        t.sums.sumX2 += groupX2;
        t.sums.sumE2 += groupE2;
        ge.mse = groupE2 / static_cast<double>(std::max<std::uint64_t>(1, ge.finite));
        ge.sqnrDb = sqnrDb(groupX2, groupE2);
        if (ge.finite == 0) {
            t.unused += 1.0;
        } else {
            const auto reached =
                std::upper_bound(order.sorted.begin(), order.sorted.end(), highLevel) -
                std::lower_bound(order.sorted.begin(), order.sorted.end(), lowLevel);
            t.unused +=
                1.0 - static_cast<double>(reached) / static_cast<double>(order.sorted.size());
        }
        return ge;
    }
};

} // namespace

Result<PassResult> measureStoredCodes(std::span<const float> values, StoredCodes stored,
                                      std::span<const QuantParams> params,
                                      const PassOptions& options)
{
    const std::size_t groupSize = options.layout ? options.layout->groupSize : values.size();
    if (stored.codes.size() != values.size() || stored.dequantized.size() != values.size() ||
        params.empty() || groupSize == 0 || values.size() % groupSize != 0 ||
        values.size() / groupSize != params.size() ||
        (options.layout && options.layout->rowLength % groupSize != 0)) {
        return fail(ErrorCode::InvalidArgument, "the stored codes do not match the groups");
    }
    if ((!options.codesOut.empty() && options.codesOut.size() != values.size()) ||
        (!options.dequantOut.empty() && options.dequantOut.size() != values.size())) {
        return fail(ErrorCode::InvalidArgument, "an output has the wrong size");
    }
    const LevelOrder order(params.front());
    std::vector<GridEnds> ends;
    ends.reserve(params.size());
    for (const QuantParams& p : params) {
        ends.push_back(gridEnds(p, order));
    }
    // The caller's group extremes when it has them (the analysis does), else our own.
    std::vector<RealRange> own;
    if (options.groupExtremes.size() != params.size()) {
        own.assign(params.size(), RealRange{options.dataMax, options.dataMin});
        for (std::size_t g = 0; g < params.size(); ++g) {
            for (std::size_t i = g * groupSize; i < (g + 1) * groupSize; ++i) {
                if (std::isfinite(values[i])) {
                    own[g].lo = std::min<double>(own[g].lo, values[i]);
                    own[g].hi = std::max<double>(own[g].hi, values[i]);
                }
            }
        }
    }
    const std::span<const RealRange> extremes =
        own.empty() ? options.groupExtremes : std::span<const RealRange>(own);
    PassHistograms h = emptyStoredHistograms(params, ends, options, extremes);
    // Chunks of whole groups on the threads: each chunk's sums in its own slot, added in chunk
    // order (the same totals for any thread count); each worker counts into its own histograms.
    const ChunkPlan plan{params.size(), std::max<std::size_t>(1, kDefaultChunkSize / groupSize)};
    const unsigned threads = resolveThreadCount(values.size(), options.threads);
    std::vector<Totals> chunkTotals(plan.chunks());
    std::vector<PassHistograms> counts(threads, h);
    std::vector<GroupError> groups(params.size());
    const Binners bins(h);
    const GroupPass pass{values, stored, params.front(), order, bins, groupSize};
    const bool finished = forEachChunk(
        plan, threads,
        [&](unsigned worker, std::size_t chunk) {
            for (std::size_t g = plan.begin(chunk); g < plan.end(chunk); ++g) {
                groups[g] = pass.measure(g, ends[g], chunkTotals[chunk], counts[worker]);
            }
        },
        options.progress);
    if (!finished) {
        return fail(ErrorCode::Cancelled, "cancelled");
    }
    Totals t;
    for (const Totals& part : chunkTotals) {
        t.add(part);
    }
    for (const PassHistograms& c : counts) {
        addCounts(h.values, c.values);
        addCounts(h.codes, c.codes);
        addCounts(h.roundingError, c.roundingError);
        addCounts(h.clippingError, c.clippingError);
    }
    if (!options.codesOut.empty()) {
        std::ranges::copy(stored.codes, options.codesOut.begin());
    }
    if (!options.dequantOut.empty()) {
        std::ranges::copy(stored.dequantized, options.dequantOut.begin());
    }

    PassResult result;
    Metrics& m = result.metrics;
    const auto n = static_cast<double>(t.finite);
    if (t.finite > 0) {
        m.mse = t.sums.sumE2 / n;
        m.rmse = std::sqrt(m.mse);
        m.mae = t.sumAbsE / n;
        m.maxAbsError = t.maxAbsE;
        m.sqnrDb = sqnrDb(t.sums.sumX2, t.sums.sumE2);
        m.cosineSimilarity = cosineSimilarity(t.sums);
        m.clippedFraction = static_cast<double>(t.below + t.above) / n;
        m.zeroCodeFraction = static_cast<double>(t.atZero) / n;
        m.clippingMse = t.sumE2Clipped / n;
        m.unusedRangeFraction = t.unused / static_cast<double>(params.size());
    }
    m.clippedBelow = t.below;
    m.clippedAbove = t.above;
    m.codesTotal = static_cast<std::int64_t>(h.codes.bins());
    m.codesUsed = std::ranges::count_if(h.codes.counts, [](std::uint64_t c) { return c > 0; });
    result.histograms = std::move(h);
    result.finiteCount = t.finite;
    result.atZeroCode = t.atZero;
    result.signalEnergy = t.sums.sumX2;
    result.errorEnergy = t.sums.sumE2;
    result.groups = std::move(groups);
    return result;
}

} // namespace qs
