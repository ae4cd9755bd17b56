#include "analysis/percentile_counts.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::percentile {
namespace {

// Rank `rank` (0-based) in a histogram: the bin and the rank left inside it.
std::pair<std::size_t, std::uint64_t> locate(std::span<const std::uint64_t> counts,
                                             std::uint64_t rank)
{
    for (std::size_t bin = 0; bin < counts.size(); ++bin) {
        if (rank < counts[bin]) {
            return {bin, rank};
        }
        rank -= counts[bin];
    }
    return {counts.size() - 1, 0}; // unreachable for rank < total
}

// NumPy's _lerp: a + (b − a)·t, switching ends for t ≥ 0.5 to stay exact at t = 1.
double lerp(double a, double b, double t)
{
    return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
}

} // namespace

void countTopBits(std::span<const float> values, std::span<std::uint64_t> counts)
{
    for (const float x : values) {
        const std::uint32_t bits = absBits(x);
        counts[bits >> 16] += bits < kInfinityBits ? 1 : 0;
    }
}

Ranks planRanks(std::span<const std::uint64_t> top, std::uint64_t finite, double p)
{
    const double h = p / 100.0 * static_cast<double>(finite - 1);
    const auto low = static_cast<std::uint64_t>(std::floor(h));
    const auto [binLow, rankLow] = locate(top, low);
    const auto [binHigh, rankHigh] = locate(top, std::min(low + 1, finite - 1));
    return {binLow, binHigh, rankLow, rankHigh, h - static_cast<double>(low)};
}

void countLowBits(std::span<const float> values, const Ranks& ranks,
                  std::span<std::uint64_t> counts)
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

double finish(const Ranks& ranks, std::span<const std::uint64_t> low)
{
    const auto lowTable = low.first(kBins);
    const auto lowBits =
        static_cast<std::uint32_t>((ranks.binLow << 16) | locate(lowTable, ranks.rankLow).first);
    const auto highTable = ranks.binHigh == ranks.binLow ? lowTable : low.subspan(kBins, kBins);
    const auto highBits =
        static_cast<std::uint32_t>((ranks.binHigh << 16) | locate(highTable, ranks.rankHigh).first);
    return lerp(std::bit_cast<float>(lowBits), std::bit_cast<float>(highBits), ranks.fraction);
}

Counts mergeTables(const std::vector<Counts>& perWorker, std::size_t tables)
{
    Counts total(tables * kBins, 0);
    for (const Counts& counts : perWorker) {
        for (std::size_t i = 0; i < total.size(); ++i) {
            total[i] += counts[i];
        }
    }
    return total;
}

double bySelection(std::span<const float> values, double p)
{
    std::vector<float> magnitudes;
    magnitudes.reserve(values.size());
    for (const float x : values) {
        if (absBits(x) < kInfinityBits) {
            magnitudes.push_back(std::fabs(x));
        }
    }
    if (magnitudes.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const std::size_t n = magnitudes.size();
    const double h = p / 100.0 * static_cast<double>(n - 1);
    const auto low = static_cast<std::size_t>(std::floor(h));
    const auto lowAt = magnitudes.begin() + static_cast<std::ptrdiff_t>(low);
    std::nth_element(magnitudes.begin(), lowAt, magnitudes.end());
    const double a = *lowAt;
    const double b = low + 1 < n ? *std::min_element(lowAt + 1, magnitudes.end()) : a;
    return lerp(a, b, h - static_cast<double>(low));
}

std::size_t sampleStride(std::size_t count)
{
    // About 2^18 samples at most (1 MB), never fewer than every 61st value.
    std::size_t stride = std::max<std::size_t>(61, count >> 18);
    const auto isPrime = [](std::size_t n) {
        for (std::size_t d = 2; d * d <= n; ++d) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    };
    while (!isPrime(stride)) {
        ++stride;
    }
    return stride;
}

void sampleMagnitudes(std::span<const float> values, std::size_t firstIndex, std::size_t stride,
                      std::vector<std::uint32_t>& samples)
{
    for (std::size_t i = (stride - firstIndex % stride) % stride; i < values.size(); i += stride) {
        const std::uint32_t bits = absBits(values[i]);
        if (bits < kInfinityBits) {
            samples.push_back(bits);
        }
    }
}

std::optional<Bracket> bracketFor(std::vector<std::uint32_t> samples, double p)
{
    constexpr std::size_t kFewest = 256;
    if (samples.size() < kFewest) {
        return std::nullopt;
    }
    const auto m = static_cast<double>(samples.size());
    const double f = p / 100.0;
    // A sample quantile's rank wanders by √(m·f·(1−f)) positions; six of them either side.
    const double margin = std::ceil(6.0 * std::sqrt(m * f * (1.0 - f))) + 2.0;
    const double center = f * (m - 1.0);
    const auto at = [&](double position) {
        const auto index = static_cast<std::size_t>(position);
        std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(index),
                         samples.end());
        return samples[index];
    };
    Bracket bracket;
    bracket.lowBits = center - margin <= 0 ? 0 : at(std::floor(center - margin));
    bracket.highBits =
        center + margin + 1.0 >= m - 1.0 ? kInfinityBits - 1 : at(std::ceil(center + margin + 1.0));
    return bracket;
}

void countInBracket(std::span<const float> values, const Bracket& bracket, std::size_t cap,
                    BracketCounts& counts)
{
    // Unsigned wrap-around puts every pattern outside [lowBits, highBits] beyond `width`, the
    // non-finite ones (above highBits) included.
    const std::uint32_t width = bracket.highBits - bracket.lowBits;
    std::uint64_t below = 0;
    for (const float x : values) {
        const std::uint32_t bits = absBits(x);
        below += bits < bracket.lowBits ? 1 : 0;
        if (bits - bracket.lowBits <= width) [[unlikely]] {
            if (counts.inside.size() < cap) {
                counts.inside.push_back(bits);
            } else {
                counts.overflowed = true;
            }
        }
    }
    counts.below += below;
}

std::optional<double> finishBracket(std::vector<BracketCounts>& perWorker, std::uint64_t finite,
                                    double p)
{
    std::uint64_t below = 0;
    std::vector<std::uint32_t> inside;
    for (BracketCounts& counts : perWorker) {
        if (counts.overflowed) {
            return std::nullopt;
        }
        below += counts.below;
        inside.insert(inside.end(), counts.inside.begin(), counts.inside.end());
    }
    const double h = p / 100.0 * static_cast<double>(finite - 1);
    const auto low = static_cast<std::uint64_t>(std::floor(h));
    const std::uint64_t high = std::min(low + 1, finite - 1);
    if (low < below || high >= below + inside.size()) {
        return std::nullopt; // the ranks lie outside the bracket
    }
    const auto lowAt = inside.begin() + static_cast<std::ptrdiff_t>(low - below);
    std::nth_element(inside.begin(), lowAt, inside.end());
    const std::uint32_t a = *lowAt;
    const std::uint32_t b = high > low ? *std::min_element(lowAt + 1, inside.end()) : a;
    return lerp(std::bit_cast<float>(a), std::bit_cast<float>(b), h - static_cast<double>(low));
}

} // namespace qs::percentile
