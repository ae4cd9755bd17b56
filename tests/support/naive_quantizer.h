#pragma once
// The reference the fused kernel is tested against: one element at a time, straight from the
// formulas, with the C library's rounding functions and double-precision sums.

#include "analysis/quantize_pass.h"

#include <cstdint>
#include <span>
#include <vector>

namespace qs::test {

struct NaiveResult
{
    std::vector<std::int32_t> codes;
    std::vector<float> dequant;
    Metrics metrics;
    PassHistograms histograms;
};

NaiveResult naiveQuantize(std::span<const float> values, const QuantParams& params,
                          const PassOptions& options);

} // namespace qs::test
