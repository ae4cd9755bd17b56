#pragma once
// Counting passes the window needs besides the fused pass: a histogram of any sub-range (for
// zooming in) and the values beyond a band (outliers beyond k·σ).

#include "analysis/histogram.h"

#include <cstdint>
#include <span>

namespace qs {

// Finite values in [lo, hi], binned; values outside are not counted.
Histogram binValues(std::span<const float> values, double lo, double hi, std::size_t bins,
                    unsigned threads = 0);

struct BandCounts
{
    std::uint64_t below = 0; // finite values < lo
    std::uint64_t above = 0; // finite values > hi
    friend bool operator==(const BandCounts&, const BandCounts&) = default;
};

BandCounts countOutside(std::span<const float> values, double lo, double hi, unsigned threads = 0);

} // namespace qs
