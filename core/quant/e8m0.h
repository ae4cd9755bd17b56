#pragma once
// E8M0, the shared scale of an OCP Microscaling block: 8 bits, unsigned, bias 127, value
// 2^(c − 127) for c = 0..254, and c = 0xFF for NaN (the whole block is NaN). No zero, no sign.
// The two rules frameworks use to choose it from the block's amax = max |x|:
//
//   floor (the OCP spec, the default): p = floor(log2 amax) read exactly from amax's exponent
//          bits (amax = 0 or subnormal: p = −127); c = clamp(p − emax, −127, 127) + 127, with
//          emax the element type's largest exponent. (floorf(log2f(amax)) would be one too high
//          just below powers of two: 0x40FFFFFF gives 3 instead of 2.)
//   rceil  (NVIDIA cuBLAS, Transformer Engine): v = amax · float32(1/max_element); c = v's biased
//          exponent, plus one when v's mantissa is not zero (v = 0: c = 0).
//
// A block holding NaN or ±Inf gets c = 0xFF under either rule.

#include <cstdint>

namespace qs {

enum class MxScaleRule : std::uint8_t
{
    Floor,
    Rceil,
};

inline constexpr std::uint8_t kE8M0Nan = 0xFF;

// `amax` is the block's max |x| over all its values (NaN or Inf in the block: pass them on).
std::uint8_t mxScaleFloor(float amax, int elementMaxExponent);
std::uint8_t mxScaleRceil(float amax, float elementMaxValue);

// 2^(c − 127) exactly (c = 0 is the float32 subnormal 2^−127); NaN for 0xFF.
float e8m0Value(std::uint8_t code);

} // namespace qs
