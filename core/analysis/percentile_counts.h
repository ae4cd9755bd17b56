#pragma once
// The exact percentile of |x| in two reads, without a copy or a sort: read 1 counts the top 16
// bits of |x|'s float pattern (monotonic for non-negative floats, so the bins are in value
// order), which locates the bins holding the two order statistics NumPy interpolates between;
// read 2 counts the low 16 bits of the values inside those bins. Internal to core/analysis: the
// outlier stats and the model report's fused pass share it.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace qs::percentile {

inline constexpr std::size_t kBins = std::size_t{1} << 16;
inline constexpr std::uint32_t kAbsMask = 0x7fffffffu;
inline constexpr std::uint32_t kInfinityBits = 0x7f800000u; // |x| patterns at or above: not finite

using Counts = std::vector<std::uint64_t>;

inline std::uint32_t absBits(float x)
{
    return std::bit_cast<std::uint32_t>(x) & kAbsMask;
}

// Read 1: adds the finite values' top-16-bit bins to `counts` (kBins entries).
void countTopBits(std::span<const float> values, std::span<std::uint64_t> counts);

// Where numpy.percentile's default ("linear") rule h = p/100·(n−1) falls: the top bins holding
// ranks floor(h) and floor(h)+1, the ranks left inside them, and the interpolation fraction.
struct Ranks
{
    std::size_t binLow = 0;
    std::size_t binHigh = 0;
    std::uint64_t rankLow = 0;
    std::uint64_t rankHigh = 0;
    double fraction = 0;
};

// `finite` > 0 is the total of `top`.
Ranks planRanks(std::span<const std::uint64_t> top, std::uint64_t finite, double p);

// Read 2: the low 16 bits of the values in ranks' bins, into `counts` (2·kBins entries: binLow's
// table, then binHigh's).
void countLowBits(std::span<const float> values, const Ranks& ranks,
                  std::span<std::uint64_t> counts);

// The percentile from read 2's counts (2·kBins entries, summed over workers).
double finish(const Ranks& ranks, std::span<const std::uint64_t> low);

// Adds `tables` consecutive kBins-long tables of each worker into one set.
Counts mergeTables(const std::vector<Counts>& perWorker, std::size_t tables);

// The same percentile of a few values by selection (a copy of the finite |x|), for tensors too
// small to repay 2^16-bin tables; NaN when none is finite.
double bySelection(std::span<const float> values, double p);

// The same percentile in one read after a sample — the model report's fast path, which spares
// read 1's counting (a scattered increment per value): read 1 keeps the |x| of every value whose
// index is a multiple of a prime stride (a prime, so that the sample walks through every column
// of a matrix); between the reads the sample's quantiles p ∓ six standard errors bracket the
// wanted ranks; read 2 counts the values below the bracket and collects the few inside it. If the
// bracket misses the ranks (an unrepresentative sample) or holds too many values (ties), the caller
// falls back to the two counting reads: the result is exact either way.
struct Bracket
{
    std::uint32_t lowBits = 0; // |x| patterns in [lowBits, highBits] are inside
    std::uint32_t highBits = 0;
};

struct BracketCounts
{
    std::uint64_t below = 0;
    std::vector<std::uint32_t> inside; // |x| patterns
    bool overflowed = false;           // more inside than the worker's cap: fall back
};

std::size_t sampleStride(std::size_t count);
// Appends the finite |x| patterns of the values whose index (values[0] at `firstIndex`) is a
// multiple of `stride`.
void sampleMagnitudes(std::span<const float> values, std::size_t firstIndex, std::size_t stride,
                      std::vector<std::uint32_t>& samples);
// nullopt when the sample is too small to bracket anything.
std::optional<Bracket> bracketFor(std::vector<std::uint32_t> samples, double p);
void countInBracket(std::span<const float> values, const Bracket& bracket, std::size_t cap,
                    BracketCounts& counts);
// The percentile of `finite` values from every worker's counts; nullopt when the caller must
// fall back.
std::optional<double> finishBracket(std::vector<BracketCounts>& perWorker, std::uint64_t finite,
                                    double p);

} // namespace qs::percentile
