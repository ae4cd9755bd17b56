#include "quant/group_stats.h"

#include "common/parallel_chunks.h"
#include "common/simd_dispatch.h"

#include <cmath>
#include <limits>

namespace qs {
namespace {

GroupStats statsOf(std::span<const float> values, bool meanAbsDeviation)
{
    GroupStats s;
    double shift = 0;
    bool first = true;
    double sum = 0;
    double sumSq = 0;
    float peak = 0;
    float lo = std::numeric_limits<float>::infinity();
    float hi = -lo;
    for (const float x : values) {
        if (!std::isfinite(x)) {
            continue;
        }
        if (first) {
            shift = x; // sums about the first value: no cancellation for a large mean
            first = false;
        }
        ++s.finite;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
        if (std::fabs(x) > std::fabs(peak)) {
            peak = x;
        }
        const double d = static_cast<double>(x) - shift;
        sum += d;
        sumSq += d * d;
    }
    if (s.finite == 0) {
        s.min = s.max = s.mean = s.std = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    const auto n = static_cast<double>(s.finite);
    s.min = lo;
    s.max = hi;
    s.mean = shift + sum / n;
    s.std = std::sqrt(std::max(0.0, sumSq / n - (sum / n) * (sum / n)));
    s.signedPeak = peak;
    if (meanAbsDeviation) {
        double deviation = 0;
        for (const float x : values) {
            if (std::isfinite(x)) {
                deviation += std::fabs(static_cast<double>(x) - s.mean);
            }
        }
        s.meanAbsDeviation = deviation / n;
    }
    return s;
}

// One group in SIMD lanes of F: whole vectors, then the rest one by one.
template <typename F>
[[gnu::always_inline]] inline GroupStats laneStatsOf(std::span<const float> values)
{
    using namespace simd;
    using U = UIntOf<F>;
    constexpr std::size_t kLanes = kLanesOf<F>;
    std::size_t first = 0;
    while (first < values.size() && !std::isfinite(values[first])) {
        ++first;
    }
    if (first == values.size()) {
        return statsOf({}, false);
    }
    const float shift = values[first];
    const F shiftLanes = splat<F>(shift);
    const F largest = splat<F>(std::numeric_limits<float>::max());
    F lo = splat<F>(std::numeric_limits<float>::infinity());
    F hi = -lo;
    F sum{};
    F sumSq{};
    U finite{};
    double total = 0;
    double totalSq = 0;
    std::size_t terms = 0;
    const std::size_t full = values.size() / kLanes * kLanes;
    for (std::size_t i = 0; i < full; i += kLanes) {
        const F x = load<F>(values.data() + i);
        const auto isFinite = abs(x) <= largest;
        const F xf = isFinite ? x : shiftLanes;
        const F d = xf - shiftLanes;
        lo = xf < lo ? xf : lo;
        hi = xf > hi ? xf : hi;
        sum += d;
        sumSq += d * d;
        finite += ones(isFinite);
        if (++terms == kTermsPerLane) {
            total += treeSumAsDouble(sum);
            totalSq += treeSumAsDouble(sumSq);
            sum = sumSq = F{};
            terms = 0;
        }
    }
    total += treeSumAsDouble(sum);
    totalSq += treeSumAsDouble(sumSq);
    GroupStats s;
    s.finite = static_cast<std::size_t>(treeSumAsDouble(toFloat(asSigned(finite))));
    float low = treeMin(lo);
    float high = treeMax(hi);
    for (std::size_t i = full; i < values.size(); ++i) {
        const float x = values[i];
        if (std::isfinite(x)) {
            ++s.finite;
            low = std::min(low, x);
            high = std::max(high, x);
            const double d = static_cast<double>(x) - shift;
            total += d;
            totalSq += d * d;
        }
    }
    const auto n = static_cast<double>(s.finite);
    s.min = low;
    s.max = high;
    s.mean = shift + total / n;
    s.std = std::sqrt(std::max(0.0, totalSq / n - (total / n) * (total / n)));
    return s;
}

struct LaneStatsKernel
{
    template <typename F>
    [[gnu::always_inline]] static void run(std::span<const float> values, const GroupLayout& layout,
                                           std::size_t first, std::size_t last,
                                           std::vector<GroupStats>& stats)
    {
        if (first == last) {
            return;
        }
        GroupCursor cursor = GroupCursor::at(layout, layout.start(first));
        for (std::size_t g = first; g < last; ++g, cursor.advance(layout)) {
            stats[g] = laneStatsOf<F>(values.subspan(cursor.start, cursor.length));
        }
    }
};

} // namespace

std::vector<GroupStats> computeGroupStats(std::span<const float> values, const GroupLayout& layout,
                                          const GroupStatsOptions& options)
{
    const std::size_t groups = layout.groupCount();
    std::vector<GroupStats> stats(groups);
    // Work items are runs of whole groups of about a chunk's worth of values each.
    const std::size_t perItem =
        std::max<std::size_t>(1, kDefaultChunkSize / std::max<std::size_t>(1, layout.groupSize));
    const ChunkPlan plan{groups, perItem};
    const bool avx2 = simd::useAvx2();
    forEachChunk(plan, resolveThreadCount(values.size(), options.threads),
                 [&](unsigned, std::size_t item) {
                     if (options.lanes && !options.meanAbsDeviation) {
                         simd::runOnIsa<LaneStatsKernel>(avx2, values, layout, plan.begin(item),
                                                         plan.end(item), stats);
                         return;
                     }
                     for (std::size_t g = plan.begin(item); g < plan.end(item); ++g) {
                         stats[g] = statsOf(values.subspan(layout.start(g), layout.length(g)),
                                            options.meanAbsDeviation);
                     }
                 });
    return stats;
}

} // namespace qs
