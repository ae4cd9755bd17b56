#include "analysis/outlier_stats.h"

#include "analysis/percentile_counts.h"
#include "common/parallel_chunks.h"

#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

constexpr std::size_t kSliceSize = std::size_t{1} << 18;

using percentile::Counts;

Counts topCounts(const ValueSource& source, std::span<const SliceRange> slices, unsigned threads)
{
    std::vector<Counts> perWorker(threads, Counts(percentile::kBins, 0));
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t, std::span<const float> values) {
                     percentile::countTopBits(values, perWorker[worker]);
                 });
    return percentile::mergeTables(perWorker, 1);
}

struct MomentSlice
{
    double sum2 = 0;
    double sum4 = 0;
    std::uint64_t beyond = 0;
    std::uint64_t large = 0;
};

} // namespace

double OutlierStats::peakRatio() const
{
    if (absPercentile > 0) {
        return absMax / absPercentile;
    }
    return absMax > 0 ? std::numeric_limits<double>::infinity() : 1.0;
}

double absPercentile(std::span<const float> values, double p, unsigned threads)
{
    threads = resolveThreadCount(values.size(), threads);
    const ValueSource source = ValueSource::floats(values);
    const auto slices = evenSlices(values.size(), kSliceSize);
    const Counts top = topCounts(source, slices, threads);
    std::uint64_t finite = 0;
    for (const std::uint64_t count : top) {
        finite += count;
    }
    if (finite == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const percentile::Ranks ranks = percentile::planRanks(top, finite, p);
    std::vector<Counts> perWorker(threads, Counts(2 * percentile::kBins, 0));
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t, std::span<const float> slice) {
                     percentile::countLowBits(slice, ranks, perWorker[worker]);
                 });
    return percentile::finish(ranks, percentile::mergeTables(perWorker, 2));
}

OutlierStats computeOutlierStats(const ValueSource& source, const TensorStats& stats,
                                 unsigned threads)
{
    threads = resolveThreadCount(source.size(), threads);
    const auto slices = evenSlices(source.size(), kSliceSize);
    OutlierStats out;
    out.absMax = stats.finiteCount > 0 ? stats.absMax : 0;
    out.excessKurtosis = std::numeric_limits<double>::quiet_NaN();
    if (stats.finiteCount == 0) {
        return out;
    }
    const Counts top = topCounts(source, slices, threads);
    const percentile::Ranks ranks =
        percentile::planRanks(top, stats.finiteCount, kModelReportPercentile);

    // One more read for the central moments, the outlier counts and the percentile's low bits.
    std::vector<MomentSlice> moments(slices.size());
    std::vector<Counts> perWorker(threads, Counts(2 * percentile::kBins, 0));
    const double mean = stats.mean;
    const double sixSigma = kSigmaOutlier * stats.std;
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t slice, std::span<const float> values) {
                     percentile::countLowBits(values, ranks, perWorker[worker]);
                     MomentSlice partial;
                     for (const float x : values) {
                         if (percentile::absBits(x) >= percentile::kInfinityBits) {
                             continue;
                         }
                         const double d = static_cast<double>(x) - mean;
                         const double d2 = d * d;
                         partial.sum2 += d2;
                         partial.sum4 += d2 * d2;
                         partial.beyond += std::abs(d) > sixSigma ? 1 : 0;
                         partial.large +=
                             std::abs(static_cast<double>(x)) >= kLlmInt8Magnitude ? 1 : 0;
                     }
                     moments[slice] = partial;
                 });
    double sum2 = 0;
    double sum4 = 0;
    for (const MomentSlice& m : moments) { // slice order: the same sums for any thread count
        sum2 += m.sum2;
        sum4 += m.sum4;
        out.beyondSixSigma += m.beyond;
        out.magnitudeAtLeastSix += m.large;
    }
    // Σd² again in double here: the stats pass sums in float lanes, and the fourth power would
    // carry its rounding into the kurtosis.
    if (sum2 > 0) {
        out.excessKurtosis = static_cast<double>(stats.finiteCount) * sum4 / (sum2 * sum2) - 3.0;
    }
    out.absPercentile = percentile::finish(ranks, percentile::mergeTables(perWorker, 2));
    return out;
}

} // namespace qs
