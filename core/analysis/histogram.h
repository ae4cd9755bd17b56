#pragma once
// Fixed-width histograms over [lo, hi): bin i covers [lo + i·w, lo + (i+1)·w), w = (hi − lo)/bins.
// Values below lo land in bin 0 and values at or above hi in the last bin, so counts always sum
// to the number of values binned (histc-style, like NumPy's closed last bin).

#include "common/simd.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs {

struct Histogram
{
    double lo = 0;
    double hi = 1;
    std::vector<std::uint64_t> counts;

    std::size_t bins() const { return counts.size(); }
    double binWidth() const
    {
        return counts.empty() ? 0 : (hi - lo) / static_cast<double>(counts.size());
    }
    double binLo(std::size_t bin) const { return lo + binWidth() * static_cast<double>(bin); }
    std::uint64_t total() const;

    friend bool operator==(const Histogram&, const Histogram&) = default;
};

Histogram makeHistogram(double lo, double hi, std::size_t bins);

// The bin of `x`, computed in float32 exactly as the fused kernel does. NaN maps to bin 0.
struct HistogramBinner
{
    float lo = 0;
    float invWidth = 1;
    float lastBin = 0;

    explicit HistogramBinner(const Histogram& histogram);

    // For F = float or a simd float vector.
    template <typename F> [[gnu::always_inline]] simd::UIntOf<F> bin(F x) const
    {
        using simd::splat;
        F t = (x - splat<F>(lo)) * splat<F>(invWidth);
        t = t > splat<F>(0.0f) ? t : splat<F>(0.0f); // also catches NaN
        t = t < splat<F>(lastBin) ? t : splat<F>(lastBin);
        return simd::asUnsigned(simd::toInt(t));
    }
};

} // namespace qs
