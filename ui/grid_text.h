#pragma once
// How the window names the parts of a grid: a block's scale as its format stores it, a code as
// its format writes it, an element's value, a block. Plots, tables and the walkthrough use the
// same words.

#include "analysis/analyze.h"
#include "quant/element_type.h"

#include <QString>

#include <cstdint>

namespace qs::ui {

// The scale of `group`'s grid: "Scale 0.0102, Z −16", "s = 0.0051 (amax / 448)",
// "X = 2⁻² (E8M0 0x7D)", "s = 1.5 (E4M3 0x3C)", "absmax 2.31".
QString scaleText(const Analysis& analysis, std::size_t group);
// NVFP4's second scale, the tensor's: "tensor scale S_dec 0.00037" (empty for other formats).
QString tensorScaleText(const Analysis& analysis);

// A code as the format writes it: the integer code, or hex with as many digits as the element's
// bits need ("0x3A" for FP8, "0xA" for a 4-bit code). MXINT8's k is its two's-complement byte.
QString codeText(const QuantParams& params, std::int32_t code);

// An element's value: "−0", "NaN", "∞", else the number.
QString elementText(double value, int digits = 5);

// "block 3" for the block formats (MX, NVFP4, bitsandbytes), the granularity's name otherwise.
QString blockLabel(const Analysis& analysis, std::size_t group);
QString blockCountLabel(const Analysis& analysis, std::size_t count);

// 2^k for a power of two, as "2⁻³".
QString powerOfTwoText(int exponent);

} // namespace qs::ui
