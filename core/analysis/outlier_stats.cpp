#include "analysis/outlier_stats.h"

#include "common/parallel_chunks.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {
namespace {

constexpr std::size_t kBins = 1 << 16;
constexpr std::size_t kSliceSize = std::size_t{1} << 18;
constexpr std::uint32_t kAbsMask = 0x7fffffffu;
constexpr std::uint32_t kInfinityBits = 0x7f800000u; // |x| patterns at or above are not finite

using Counts = std::vector<std::uint64_t>;

std::uint32_t absBits(float x)
{
    return std::bit_cast<std::uint32_t>(x) & kAbsMask;
}

// Rank `rank` (0-based) in a histogram: the bin and the rank left inside it.
std::pair<std::size_t, std::uint64_t> locate(const Counts& counts, std::uint64_t rank)
{
    for (std::size_t bin = 0; bin < counts.size(); ++bin) {
        if (rank < counts[bin]) {
            return {bin, rank};
        }
        rank -= counts[bin];
    }
    return {counts.size() - 1, 0}; // unreachable for rank < total
}

// Adds the per-worker histograms of `tables` consecutive kBins tables into one set.
std::vector<Counts> mergeTables(const std::vector<Counts>& perWorker, std::size_t tables)
{
    std::vector<Counts> total(tables, Counts(kBins, 0));
    for (const Counts& counts : perWorker) {
        for (std::size_t t = 0; t < tables; ++t) {
            for (std::size_t i = 0; i < kBins; ++i) {
                total[t][i] += counts[t * kBins + i];
            }
        }
    }
    return total;
}

Counts topCounts(const ValueSource& source, std::span<const SliceRange> slices, unsigned threads)
{
    std::vector<Counts> perWorker(threads, Counts(kBins, 0));
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t, std::span<const float> values) {
                     Counts& counts = perWorker[worker];
                     for (const float x : values) {
                         const std::uint32_t bits = absBits(x);
                         counts[bits >> 16] += bits < kInfinityBits ? 1 : 0;
                     }
                 });
    return mergeTables(perWorker, 1).front();
}

// The second pass of the percentile: counts of the low 16 bits inside the top bins that hold
// ranks `low` and `low + 1`, so both order statistics come out exactly. `visit` lets a caller
// add its own per-value work to the same read of the data.
struct PercentileRanks
{
    std::size_t binLow = 0;
    std::size_t binHigh = 0;
    std::uint64_t rankLow = 0;
    std::uint64_t rankHigh = 0;
    double fraction = 0;
};

PercentileRanks planPercentile(const Counts& top, std::uint64_t finite, double p)
{
    // numpy.percentile's default ("linear"): rank h = p/100·(n−1), between floor(h) and
    // floor(h)+1.
    const double h = p / 100.0 * static_cast<double>(finite - 1);
    const auto low = static_cast<std::uint64_t>(std::floor(h));
    const auto [binLow, rankLow] = locate(top, low);
    const auto [binHigh, rankHigh] = locate(top, std::min(low + 1, finite - 1));
    return {binLow, binHigh, rankLow, rankHigh, h - static_cast<double>(low)};
}

void countLowBits(std::span<const float> values, const PercentileRanks& ranks, Counts& counts)
{
    for (const float x : values) {
        const std::uint32_t bits = absBits(x);
        const std::size_t bin = bits >> 16;
        if (bin == ranks.binLow) {
            ++counts[bits & 0xffff];
        } else if (bin == ranks.binHigh) {
            ++counts[kBins + (bits & 0xffff)];
        }
    }
}

double finishPercentile(const PercentileRanks& ranks, const std::vector<Counts>& low)
{
    const auto lowBits =
        static_cast<std::uint32_t>((ranks.binLow << 16) | locate(low[0], ranks.rankLow).first);
    const Counts& highTable = ranks.binHigh == ranks.binLow ? low[0] : low[1];
    const auto highBits =
        static_cast<std::uint32_t>((ranks.binHigh << 16) | locate(highTable, ranks.rankHigh).first);
    const double a = std::bit_cast<float>(lowBits);
    const double b = std::bit_cast<float>(highBits);
    const double t = ranks.fraction;
    // NumPy's _lerp: a + (b − a)·t, switching ends for t ≥ 0.5 to stay exact at t = 1.
    return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
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
    const PercentileRanks ranks = planPercentile(top, finite, p);
    std::vector<Counts> perWorker(threads, Counts(2 * kBins, 0));
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t, std::span<const float> slice) {
                     countLowBits(slice, ranks, perWorker[worker]);
                 });
    return finishPercentile(ranks, mergeTables(perWorker, 2));
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
    const PercentileRanks ranks = planPercentile(top, stats.finiteCount, kModelReportPercentile);

    // One more read for the central moments, the outlier counts and the percentile's low bits.
    std::vector<MomentSlice> moments(slices.size());
    std::vector<Counts> perWorker(threads, Counts(2 * kBins, 0));
    const double mean = stats.mean;
    const double sixSigma = kSigmaOutlier * stats.std;
    forEachSlice(source, slices, threads,
                 [&](unsigned worker, std::size_t slice, std::span<const float> values) {
                     countLowBits(values, ranks, perWorker[worker]);
                     MomentSlice partial;
                     for (const float x : values) {
                         if (absBits(x) >= kInfinityBits) {
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
    out.absPercentile = finishPercentile(ranks, mergeTables(perWorker, 2));
    return out;
}

} // namespace qs
