#pragma once
// The tutorial's steps for individual values, with the actual numbers:
//     R  ->  R/Scale + Z  ->  Round  ->  Clip  ->  R' = (Q − Z)·Scale  ->  R' − R
// (the tutorial's input, quant_result, saturete_result, dequant_result and diff).

#include "quant/element_quantizer.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct WalkthroughRow
{
    std::size_t index = 0;
    float input = 0;       // R
    float scaled = 0;      // R/Scale + Z (float32)
    float rounded = 0;     // Round(R/Scale + Z), before clipping
    float clipped = 0;     // Clip(...) as a float32, as NumPy holds it (keeps -0.)
    std::int32_t code = 0; // the integer code
    float dequantized = 0; // R'
    float error = 0;       // R' − R (float32, the tutorial's diff)
    ClipState clip = ClipState::Inside;
};

// Rows for values[first .. first + count) (clamped to the span). For stochastic rounding each
// row uses the same uniform as the fused pass does for that element index.
std::vector<WalkthroughRow> walkthrough(std::span<const float> values, const QuantParams& params,
                                        Rounding rounding, std::uint64_t roundingSeed,
                                        std::size_t first, std::size_t count);

} // namespace qs
