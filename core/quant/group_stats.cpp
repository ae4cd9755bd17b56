#include "quant/group_stats.h"

#include "common/parallel_chunks.h"

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
    forEachChunk(plan, resolveThreadCount(values.size(), options.threads),
                 [&](unsigned, std::size_t item) {
                     for (std::size_t g = plan.begin(item); g < plan.end(item); ++g) {
                         stats[g] = statsOf(values.subspan(layout.start(g), layout.length(g)),
                                            options.meanAbsDeviation);
                     }
                 });
    return stats;
}

} // namespace qs
