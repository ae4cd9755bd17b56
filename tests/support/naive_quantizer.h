#pragma once
// The reference the fused kernel is tested against: one element at a time, straight from the
// formulas, with the C library's rounding functions and double-precision sums. It follows each
// group's QuantizeStep (quant/quant_params.h):
//   DivideAddZero        v = R/Scale + Z (plain R/Scale when Z = 0, keeping −0)   Q = Clip(Round(v))
//   MultiplyRoundAddZero v = R·inverseScale                          Q = Clip(Round(v) + Z)
//   MultiplyAddOffset    v = R·inverseScale + offset                 Q = Clip(Round(v))
// with R' = (Q − Z)·float32(Scale). Integer grid only; naive_formats.h covers the other formats.

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

// One group (options.layout unset, or a layout of one group).
NaiveResult naiveQuantize(std::span<const float> values, const QuantParams& params,
                          const PassOptions& options);

// One QuantParams per group of options.layout (as quantizePass takes them); options.groupExtremes
// gives each group's finite [min, max] for the clipping-error histogram's range.
NaiveResult naiveQuantize(std::span<const float> values, std::span<const QuantParams> params,
                          const PassOptions& options);

} // namespace qs::test
