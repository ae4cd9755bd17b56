#include "analysis/value_counts.h"

#include "common/parallel_chunks.h"

#include <cmath>
#include <vector>

namespace qs {

Histogram binValues(std::span<const float> values, double lo, double hi, std::size_t bins,
                    unsigned threads)
{
    Histogram total = makeHistogram(lo, hi, bins);
    const HistogramBinner binner(total);
    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    const unsigned workers = resolveThreadCount(values.size(), threads);
    std::vector<std::vector<std::uint64_t>> counts(workers,
                                                   std::vector<std::uint64_t>(total.bins()));
    forEachChunk(plan, workers, [&](unsigned worker, std::size_t chunk) {
        std::uint64_t* c = counts[worker].data();
        for (std::size_t i = plan.begin(chunk); i < plan.end(chunk); ++i) {
            const float x = values[i];
            if (x >= total.lo && x <= total.hi) { // false for NaN
                ++c[binner.bin(x)];
            }
        }
    });
    for (const auto& c : counts) {
        for (std::size_t i = 0; i < c.size(); ++i) {
            total.counts[i] += c[i];
        }
    }
    return total;
}

BandCounts countOutside(std::span<const float> values, double lo, double hi, unsigned threads)
{
    const ChunkPlan plan{values.size(), kDefaultChunkSize};
    std::vector<BandCounts> parts(plan.chunks());
    forEachChunk(plan, resolveThreadCount(values.size(), threads),
                 [&](unsigned, std::size_t chunk) {
                     BandCounts part;
                     for (std::size_t i = plan.begin(chunk); i < plan.end(chunk); ++i) {
                         const double x = values[i];
                         part.below += x < lo ? 1 : 0; // NaN compares false both ways
                         part.above += x > hi && std::isfinite(x) ? 1 : 0;
                     }
                     parts[chunk] = part;
                 });
    BandCounts total;
    for (const BandCounts& part : parts) {
        total.below += part.below;
        total.above += part.above;
    }
    return total;
}

} // namespace qs
