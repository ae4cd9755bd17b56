#pragma once
// Summary statistics of a tensor. NaN and ±Inf are counted and excluded from every range and
// moment, so one bad value cannot poison the scale.

#include "common/progress.h"
#include "common/simd.h"

#include <cstddef>
#include <span>

namespace qs {

struct TensorStats
{
    std::size_t count = 0;       // all elements
    std::size_t finiteCount = 0; // elements that are neither NaN nor ±Inf
    std::size_t nanCount = 0;
    std::size_t infCount = 0;
    std::size_t zeroCount = 0; // elements equal to ±0
    // Over finite elements only; NaN when there are none.
    double min = 0;
    double max = 0;
    double mean = 0;
    double std = 0; // population standard deviation (NumPy's default ddof = 0)
    double absMax = 0;

    friend bool operator==(const TensorStats&, const TensorStats&) = default;
};

struct StatsOptions
{
    unsigned threads = 0; // 0 = automatic
    ProgressFn progress;
    simd::Isa isa = simd::Isa::Auto;
};

// One pass over the values. Deterministic: the result does not depend on the thread count.
// Returns nullopt-free stats even for an empty span (count 0, moments NaN).
// Cancelling through `options.progress` yields stats with count == 0.
TensorStats computeStats(std::span<const float> values, const StatsOptions& options = {});

// The stats of two parts of a tensor as if computed over both (Chan et al.'s combination of
// mean and variance); for passes that read a tensor slice by slice.
TensorStats combineStats(const TensorStats& a, const TensorStats& b);

} // namespace qs
