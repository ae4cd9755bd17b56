#pragma once
// The tutorial's steps for individual values, with the actual numbers:
//     R  ->  R/Scale + Z  ->  Round  ->  Clip  ->  R' = (Q − Z)·Scale  ->  R' − R
// (the tutorial's input, quant_result, saturete_result, dequant_result and diff).
//
// The formats beyond the integer grid take other steps, and every number of them is here too:
//   minifloat      v = R / s  ->  code (sign, exponent and mantissa fields)  ->  decode(code)
//                  ->  R′ = decode(code) · s
//   MX             amax  ->  floor(log2 amax)  ->  shared exponent c − 127  ->  X = 2^(c − 127)
//                  ->  V/X  ->  element  ->  R′ = element · X
//   NVFP4          gamax  ->  S_enc, S_dec (the tensor's)  ->  vmax  ->  s = E4M3(...) (the
//                  block's)  ->  v = R / (s · S_dec)  ->  E2M1 element  ->  R′ = element · s · S_dec
//   bitsandbytes   absmax  ->  xn = R · (1/absmax)  ->  code  ->  table[code]  ->  R′ = table · absmax

#include "quant/element_quantizer.h"
#include "quant/number_format.h"
#include "quant/quant_params.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace qs {

// The fields of a minifloat code: sign bit, exponent field E and mantissa field M.
struct MinifloatFields
{
    int sign = 0;
    int exponent = 0;
    int mantissa = 0;
    friend bool operator==(const MinifloatFields&, const MinifloatFields&) = default;
};

MinifloatFields minifloatFields(const MinifloatType& type, std::int32_t code);

struct WalkthroughRow
{
    std::size_t index = 0;
    float input = 0;       // R
    float scaled = 0;      // R/Scale + Z (float32); a format's v: R/s, R·(1/absmax), ...
    float rounded = 0;     // Round(R/Scale + Z), before clipping
    float clipped = 0;     // Clip(...) as a float32, as NumPy holds it (keeps -0.)
    std::int32_t code = 0; // the integer code (a format's raw code; MXINT8's k)
    float dequantized = 0; // R'
    float error = 0;       // R' − R (float32, the tutorial's diff)
    ClipState clip = ClipState::Inside;
    // The element's value before any scale: Q for the integer grid, decode(code) for a
    // minifloat, the table's level for a codebook, k/64 for MXINT8.
    float element = 0;
    // R / X with X the block's scale, before the element's own step: MX's V/X (MXINT8 then
    // rounds V/X · 64); the same as `scaled` elsewhere.
    float ratio = 0;
    MinifloatFields fields{}; // minifloat elements
};

// Rows for values[first .. first + count) (clamped to the span). For stochastic rounding each
// row uses the same uniform as the fused pass does for that element index.
std::vector<WalkthroughRow> walkthrough(std::span<const float> values, const QuantParams& params,
                                        Rounding rounding, std::uint64_t roundingSeed,
                                        std::size_t first, std::size_t count);

// How one block's scale came about, in the format's own steps (what the window shows before the
// rows of a block).
struct BlockScaleSteps
{
    FormatFamily family = FormatFamily::Integer;
    double amax = 0; // max |x| of the block (or its calibrated threshold): MX amax, NVFP4 vmax,
                     // bitsandbytes absmax, a minifloat group's amax
    int amaxExponent = 0;        // MX: floor(log2 amax) from amax's bits (−127 for 0, subnormal)
    int sharedExponent = 0;      // MX: c − 127 (= clamp(floor(log2 amax) − emax) for `floor`)
    int elementMaxExponent = 0;  // MX: emax of the element type
    std::int32_t scaleCode = -1; // E8M0 c (MX) or the E4M3 code of s (NVFP4)
    double unrounded = 0;        // the scale before it is stored: amax / max_element (minifloat),
                                 // what NVFP4 casts to E4M3
    double blockScale = 1;       // X (MX), decode(s) (NVFP4), absmax (bitsandbytes), s (minifloat)
    // NVFP4: the tensor's amax, its encode scale (Transformer Engine's S_enc = 448·6/gamax) and
    // the decode scale every block shares (S_dec = 1/S_enc; ModelOpt's and torchao's
    // amax/(448·6)).
    double tensorAmax = 0;
    double tensorEncode = 1;
    double tensorScale = 1;
    bool nonFinite = false; // an MX block marked NaN (c = 0xFF)
};

// The steps of `params`' block under `format` (NVFP4's tensor amax and decode scale as the
// analysis found them).
BlockScaleSteps blockScaleSteps(const FormatSpec& format, const QuantParams& params,
                                std::optional<double> tensorAmax = std::nullopt,
                                std::optional<double> tensorScale = std::nullopt);

} // namespace qs
