#pragma once
// An independent reference for the minifloat, MX, NVFP4 and bitsandbytes formats, written from
// FORMATS.md alone: plain scalar C++, exact (double) arithmetic wherever FORMATS.md asks for the
// exact value, float32 steps wherever it names float32 arithmetic. It uses none of core's quant/
// or analysis/ code — only the spec types that say what to compute (QuantSpec, FormatSpec and
// their enums) and the Metrics struct it fills — so the fused kernel and the scale rules are
// checked against a second, deliberately simple implementation.
//
// Where FORMATS.md is silent these are QuantScope's choices:
//  * minifloat encode: the nearest value by brute force over every finite code, ties to the even
//    code (or away from zero), sign kept; "overflow" means the correctly rounded value, as if the
//    exponent range went on, lies past max finite (E4M3: 464 rounds to 448, 464.00003 overflows);
//    FP6/FP4 always saturate and code NaN as 0;
//  * amax of every scale rule is over the block's (or tensor's) finite values; an MX block holding
//    NaN or ±Inf has scale 0xFF, its elements the NaN code (0 for FP6/FP4/INT8) and R' = NaN;
//    rceil never gives 0xFF to a finite block (254 at most, as a satfinite conversion);
//  * metrics over the finite inputs, e = R' − R in float32 summed in double; a finite input whose
//    R' is not finite is clipped (by the sign of R) with an infinite error.

#include "analysis/metrics.h"
#include "quant/quant_spec.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace qs::test {

// A minifloat element type as FORMATS.md §1 defines it.
struct NaiveMinifloat
{
    enum class Specials
    {
        None,      // FP6, FP4
        NanOnly,   // E4M3: S.1111.111 is NaN
        InfAndNan, // E5M2: exponent all ones is Inf (M = 0) or NaN
    };
    int exponentBits;
    int mantissaBits;
    int bias;
    Specials specials;

    int bits() const { return 1 + exponentBits + mantissaBits; }
    std::uint32_t signBit() const { return 1u << (exponentBits + mantissaBits); }
    std::uint32_t maxFiniteCode() const;
    std::uint32_t nanCode() const; // positive; 0 when the type has no NaN
};

inline constexpr NaiveMinifloat kNaiveE4M3{4, 3, 7, NaiveMinifloat::Specials::NanOnly};
inline constexpr NaiveMinifloat kNaiveE5M2{5, 2, 15, NaiveMinifloat::Specials::InfAndNan};
inline constexpr NaiveMinifloat kNaiveE2M3{2, 3, 1, NaiveMinifloat::Specials::None};
inline constexpr NaiveMinifloat kNaiveE3M2{3, 2, 3, NaiveMinifloat::Specials::None};
inline constexpr NaiveMinifloat kNaiveE2M1{2, 1, 1, NaiveMinifloat::Specials::None};

// The element type of a minifloat, MX or NVFP4 format (nullopt: MXINT8 and the codebooks).
std::optional<NaiveMinifloat> naiveElementOf(NumberFormat format);

// The exact value of `code` by FORMATS.md's formula (NaN, ±Inf for the special codes).
double naiveDecode(const NaiveMinifloat& type, std::uint32_t code);
double naiveMaxFinite(const NaiveMinifloat& type);

struct NaiveEncoded
{
    std::uint32_t code;
    double value;    // decode(code)
    bool overflowed; // the rounded magnitude lies past max finite
};

// `signFromLess` takes the sign from v < 0 (ModelOpt's NVFP4 cast: −0.0 gets code 0) instead of
// the sign bit.
NaiveEncoded naiveEncode(const NaiveMinifloat& type, double v, ElementRounding rounding,
                         Overflow overflow, bool signFromLess = false);

// The bitsandbytes tables (FORMATS.md §4): NF4 by code 0..15; bnb-fp4's magnitudes by 3-bit code.
std::span<const float> naiveNf4Table();
std::span<const float> naiveBnbFp4Magnitudes();

struct NaiveFormatResult
{
    std::vector<std::int32_t> codes; // raw element codes; MXINT8: the signed k (−127..127)
    std::vector<float> dequant;
    // Per block, in core's group order: the stored scale code (E8M0 for MX, E4M3 for NVFP4, −1
    // for float32 scales) and the float32 factor the element is multiplied by: the minifloat's s,
    // MX's X = 2^(c − 127), NVFP4 TE decode(s) (then · S_dec), ModelOpt decode(s)·wsf2, torchao
    // pts·decode(s), bitsandbytes' absmax.
    std::vector<std::int32_t> scaleCodes;
    std::vector<float> scales;
    std::optional<float> tensorScale; // NVFP4: TE S_dec = 1/S_enc, ModelOpt wsf2, torchao pts
    Metrics metrics; // mse, rmse, mae, max_abs_error, sqnr, cosine, clipped, codes, zero fraction
};

// `spec.format` chooses the format (not the integer grid: that gives an empty result); for the
// plain minifloats `spec.granularity` (tensor, channel `axis`, or `groupSize` along the last axis)
// chooses the groups. `shape` is C order (empty: 1-D).
NaiveFormatResult naiveFormat(std::span<const float> values, const std::vector<std::int64_t>& shape,
                              const QuantSpec& spec);

// MXINT8's stored byte: k as int8 two's complement.
inline std::uint8_t mxint8Byte(std::int32_t k)
{
    return static_cast<std::uint8_t>(k & 0xFF);
}

} // namespace qs::test
